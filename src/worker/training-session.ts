// Runs training for the worker: the control commands, the step loop, epoch-end evaluation, divergence rollback.
import type { GpuContext } from '../engine/gpu/device';
import type { GpuDataset } from '../engine/gpu/dataset';
import type { PipelineCache } from '../engine/gpu/pipelines';
import type { SubmitMetrics } from '../engine/train/metrics-ring';
import { Trainer, type TrainerCheckpoint, type TrainerConfig, type TrainerPosition, type TrainingSettings } from '../engine/train/trainer';
import type { SessionEvent, TrainingStatus } from './protocol';

/** Steps per pass through the loop; the loop yields to the message queue between passes. */
const STEPS_PER_TICK = 8;
/** A checkpoint (for divergence rollback and a lost GPU) is kept every this many steps, and at each epoch end. */
const CHECKPOINT_EVERY_STEPS = 200;

const DIVERGED_MESSAGE =
  'Training diverged: the loss became NaN or infinite. The weights were rolled back to the last good checkpoint. ' +
  'Try a lower learning rate (for example a tenth of it), gradient clipping, or a smaller batch-size change.';

/** What survives the GPU: the experiment, imported weights and the last checkpoint, all on the CPU. */
export interface SessionRecord {
  config: TrainerConfig;
  weights?: Float32Array;
  checkpoint: TrainerCheckpoint;
}

export class TrainingSession {
  private trainer?: Trainer;
  private status: TrainingStatus = 'idle';
  private checkpoint?: TrainerCheckpoint;
  private diverged = false;
  private loop?: Promise<void>;
  private lastTick = { time: 0, samples: 0 };

  constructor(
    private readonly ctx: GpuContext,
    private readonly cache: PipelineCache,
    private readonly dataset: GpuDataset,
    private readonly emit: (event: SessionEvent) => void,
  ) {}

  /**
   * Builds a model for `config`, from `weights` when given (then tested at once, so its accuracy shows);
   * on failure the previous model stays as it was.
   */
  async configure(config: TrainerConfig, weights?: Float32Array): Promise<void> {
    await this.build(config, weights);
    this.setStatus('ready');
    if (weights) await this.evaluate();
  }

  /**
   * Rebuilds a model from a record of another session (whose GPU was lost) and puts back its checkpoint:
   * training continues from there when the person presses Resume.
   */
  async resume(record: SessionRecord): Promise<void> {
    await this.build(record.config, record.weights);
    this.trainer!.restore(record.checkpoint);
    this.checkpoint = record.checkpoint;
    const { step } = record.checkpoint.position;
    const resumed = `The GPU was reset; training continues from step ${step}, the last checkpoint.`;
    if (step === 0) this.setStatus('ready');
    else this.setStatus(this.trainer!.finished ? 'finished' : 'paused', resumed);
  }

  /** Replaces the model with a new one for `config` (and `weights`); on failure the previous model stays. */
  private async build(config: TrainerConfig, weights?: Float32Array): Promise<void> {
    await this.stop();
    const trainer = await Trainer.create(this.ctx, this.cache, this.dataset, config, (m) => this.onMetrics(m), weights);
    this.trainer?.dispose();
    this.trainer = trainer;
    this.diverged = false;
    this.checkpoint = await trainer.checkpoint();
    this.emit({ type: 'configured', config: trainer.config, imported: weights !== undefined });
  }

  /** Stops using the GPU at once, because it is gone; returns what is needed to start again on a new one. */
  abandon(): SessionRecord | undefined {
    const trainer = this.trainer;
    this.trainer = undefined;
    this.status = 'paused'; // the loop ends at its next turn
    if (!trainer || !this.checkpoint) return undefined;
    return { config: trainer.config, checkpoint: this.checkpoint, ...(trainer.startWeights ? { weights: trainer.startWeights } : {}) };
  }

  /** The current weights and where training stands. */
  async readWeights(): Promise<{ weights: Float32Array; position: TrainerPosition }> {
    if (!this.trainer) throw new Error('There is no model yet, so there are no weights to save.');
    return { weights: await this.trainer.readWeights(), position: this.trainer.where };
  }

  /**
   * Class probabilities [10] for one image (pixels [784] in [0, 1]) from the current weights. While training runs
   * this is one more GPU submission between the loop's steps: the worker starts it as soon as the command arrives.
   */
  async predict(pixels: Float32Array): Promise<Float32Array> {
    if (!this.trainer) throw new Error('There is no model yet, so there is nothing to predict with.');
    return this.trainer.predict(pixels);
  }

  /** Starts the step loop and returns at once; `onError` hears of a failure inside the loop. */
  train(onError: (error: unknown) => void): void {
    if (!this.trainer || this.status === 'training' || this.trainer.finished) return;
    this.setStatus('training');
    this.loop = this.run().catch(onError);
  }

  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    await this.stop();
    this.setStatus('paused');
  }

  /** One batch, then paused. */
  async step(): Promise<void> {
    if (!this.trainer || this.status === 'training') return;
    this.lastTick = { time: performance.now(), samples: 0 }; // samples/s of this step, not of the pause before it
    await this.advance(1);
    if (this.status !== 'diverged') this.setStatus(this.trainer.finished ? 'finished' : 'paused');
  }

  async reset(): Promise<void> {
    if (!this.trainer) return;
    await this.stop();
    this.trainer.reset();
    this.diverged = false;
    this.checkpoint = await this.trainer.checkpoint();
    this.setStatus('ready');
  }

  async updateSettings(settings: TrainingSettings): Promise<void> {
    await this.trainer?.updateSettings(settings);
    if (this.status === 'finished' && this.trainer && !this.trainer.finished) this.setStatus('paused');
  }

  async evaluate(): Promise<void> {
    if (!this.trainer) return;
    const { epoch, step, stepInEpoch } = this.trainer.where;
    // Epochs completed, with the one in progress counted as a fraction.
    const epochs = epoch + stepInEpoch / Math.max(this.trainer.where.stepsPerEpoch, 1);
    const result = await this.trainer.evaluate();
    this.emit({ type: 'evaluation', epoch: epochs, step, loss: result.loss, accuracy: result.accuracy, confusion: Array.from(result.confusion) });
  }

  /** Stops training and frees the model. */
  async dispose(): Promise<void> {
    await this.stop();
    this.trainer?.dispose();
    this.trainer = undefined;
  }

  private async run(): Promise<void> {
    this.lastTick = { time: performance.now(), samples: 0 };
    while (this.status === 'training' && this.trainer) {
      await this.advance(STEPS_PER_TICK);
      if (this.trainer.finished && this.status === 'training') this.setStatus('finished');
      await new Promise((resolve) => setTimeout(resolve, 0)); // let pause and other commands in
    }
    // A non-finite loss reported between turns stopped the loop: roll back once the submitted steps are done.
    if (this.diverged && this.trainer) {
      await this.trainer.drain();
      this.rollBack();
    }
  }

  /** Runs up to `steps` steps; evaluates at epoch ends; keeps checkpoints; rolls back on divergence. */
  private async advance(steps: number): Promise<void> {
    const trainer = this.trainer!;
    await trainer.runSteps(steps);
    const checkpointDue = trainer.where.step % CHECKPOINT_EVERY_STEPS < steps || trainer.atEpochEnd;
    if (checkpointDue) await trainer.drain();
    if (this.diverged) return this.rollBack();
    if (trainer.atEpochEnd) await this.evaluate();
    if (checkpointDue) this.checkpoint = await trainer.checkpoint();
  }

  private rollBack(): void {
    this.diverged = false;
    if (this.checkpoint) this.trainer!.restore(this.checkpoint);
    this.setStatus('diverged', DIVERGED_MESSAGE);
  }

  private onMetrics(metrics: SubmitMetrics): void {
    if (metrics.nonfiniteRows > 0 || !Number.isFinite(metrics.lossSum)) {
      this.diverged = true;
      if (this.status === 'training') this.status = 'diverged';
      return;
    }
    if (!this.trainer) return; // the model was abandoned with its GPU
    const now = performance.now();
    this.lastTick.samples += metrics.samples;
    const seconds = (now - this.lastTick.time) / 1000;
    const samplesPerSecond = seconds > 0 ? this.lastTick.samples / seconds : 0;
    if (seconds > 1) this.lastTick = { time: now, samples: 0 };
    this.emit({
      type: 'train-metrics',
      step: metrics.firstStep + metrics.steps,
      steps: metrics.steps,
      loss: metrics.lossSum / metrics.samples,
      accuracy: metrics.correct / metrics.samples,
      samplesPerSecond,
      position: this.trainer.where,
    });
  }

  private async stop(): Promise<void> {
    if (this.status === 'training') this.status = 'paused';
    await this.loop;
    await this.trainer?.drain();
  }

  private setStatus(status: TrainingStatus, message?: string): void {
    this.status = status;
    this.emit({ type: 'status', status, ...(message ? { message } : {}), position: this.trainer?.where ?? null });
  }
}
