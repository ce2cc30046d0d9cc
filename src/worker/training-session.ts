// Runs training for the worker: the control commands, the step loop, epoch-end evaluation, divergence rollback, undo of a reset.
import { CLASS_COUNT } from '../engine/data/mnist';
import type { GpuContext } from '../engine/gpu/device';
import type { GpuDataset } from '../engine/gpu/dataset';
import type { PipelineCache } from '../engine/gpu/pipelines';
import { CollapseDetector } from '../engine/train/collapse';
import type { SubmitMetrics } from '../engine/train/metrics-ring';
import type { TrainerPosition } from '../engine/train/progress';
import { Trainer, type TrainerCheckpoint, type TrainerConfig, type TrainingSettings } from '../engine/train/trainer';
import type { KernelTimes } from '../engine/train/step-timing';
import { againMessage, divergingMessage, rolledBackMessage, trainAlike, type Sighting } from './divergence';
import { HealthTracker } from './health-tracker';
import type { Divergence, HistoryChange, SessionEvent, TrainingStatus } from './protocol';
import { ThroughputMeter } from './throughput-meter';

/** Steps per pass through the loop; the loop yields to the message queue between passes. */
const STEPS_PER_TICK = 8;
/** A checkpoint (for divergence rollback and a lost GPU) is kept every this many steps, and at each epoch end. */
const CHECKPOINT_EVERY_STEPS = 200;

/** A detector that has seen nothing of the run yet. */
const freshDetector = (): CollapseDetector => new CollapseDetector(CLASS_COUNT);

/** What survives the GPU: the experiment, imported weights and the last checkpoint, all on the CPU. */
export interface SessionRecord {
  config: TrainerConfig;
  weights?: Float32Array;
  checkpoint: TrainerCheckpoint;
}

/** A divergence seen in the metrics, waiting for the submitted steps to finish before the rollback. */
interface PendingDivergence {
  seen: Sighting;
  settings: TrainingSettings;
}

/** Where a reset came from, kept so it can be undone: the run's checkpoint and its collapse detector. */
interface BeforeReset {
  checkpoint: TrainerCheckpoint;
  detector: CollapseDetector;
}

export class TrainingSession {
  private trainer?: Trainer;
  private status: TrainingStatus = 'idle';
  private checkpoint?: TrainerCheckpoint;
  private pending?: PendingDivergence;
  private divergedWith?: Divergence;
  private beforeReset?: BeforeReset;
  private detector = freshDetector();
  private pauseOnCollapse = true;
  private loop?: Promise<void>;
  /** Hears of a failure inside the loop (given to train, kept for a loop restarted after a settings change). */
  private onLoopError: (error: unknown) => void = () => {};
  private readonly throughput = new ThroughputMeter();
  private readonly health = new HealthTracker();
  private healthStatistics = true;

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
    this.setStatus('ready', undefined, 'cleared');
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
    trainer.setHealthStatistics(this.healthStatistics);
    this.health.clear();
    this.pending = undefined;
    this.divergedWith = undefined;
    this.beforeReset = undefined;
    this.detector = freshDetector();
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

  /** The current model, for requests that only read it (the insight views, see insight-requests.ts). */
  get model(): Trainer | undefined {
    return this.trainer;
  }

  /** Whether a collapse pauses and rolls back (true) or only warns; a non-finite loss always pauses. */
  setCollapseGuard(pause: boolean): void {
    this.pauseOnCollapse = pause;
  }

  /** Whether training records per-layer health statistics, for this model and the ones built after it. */
  setHealthStatistics(on: boolean): void {
    this.healthStatistics = on;
    this.trainer?.setHealthStatistics(on);
  }

  /** The GPU time of each kernel of the next training step; refused unless training runs. */
  timeKernels(): Promise<KernelTimes> {
    if (!this.trainer || this.status !== 'training') return Promise.reject(new Error('Kernel times come from a training step: press Train.'));
    return this.trainer.timeNextStep();
  }

  /** Starts the step loop and returns at once; `onError` hears of a failure inside the loop. */
  train(onError: (error: unknown) => void): void {
    if (!this.trainer || this.status === 'training' || this.trainer.finished) return;
    this.beforeReset = undefined;
    const { settings } = this.trainer.config;
    const again = this.divergedWith && trainAlike(this.divergedWith.settings, settings);
    this.setStatus('training', again ? againMessage(this.divergedWith!.step, settings) : undefined);
    this.onLoopError = onError;
    this.startLoop();
  }

  async pause(): Promise<void> {
    if (this.status !== 'training') return;
    await this.stop();
    this.setStatus('paused');
  }

  /** One batch, then paused. */
  async step(): Promise<void> {
    if (!this.trainer || this.status === 'training') return;
    await this.stop(); // a loop that stopped on a divergence finishes its rollback first
    this.beforeReset = undefined;
    this.throughput.restart(); // samples/s of this step, not of the pause before it
    await this.advance(1);
    await this.trainer.drain();
    if (this.pending) this.rollBack();
    else this.setStatus(this.trainer.finished ? 'finished' : 'paused');
  }

  /** Back to step 0; what training had reached is kept, so undoReset can put it back. */
  async reset(): Promise<void> {
    if (!this.trainer) return;
    await this.stop();
    if (this.beforeReset) return this.setStatus('ready'); // reset again with nothing trained since: the undo stays
    const trained = this.trainer.where.step > 0;
    this.beforeReset = trained ? { checkpoint: await this.trainer.checkpoint(), detector: this.detector } : undefined;
    this.trainer.reset();
    this.detector = freshDetector();
    this.health.clear();
    this.checkpoint = await this.trainer.checkpoint();
    this.setStatus('ready', undefined, 'cleared');
  }

  /** Puts back the weights, optimizer state and position from before the last reset, if it is still kept. */
  async undoReset(): Promise<void> {
    const before = this.beforeReset;
    if (!this.trainer || !before) return;
    await this.stop();
    this.beforeReset = undefined;
    this.trainer.restore(before.checkpoint);
    this.checkpoint = before.checkpoint;
    this.detector = before.detector;
    this.setStatus(this.trainer.finished ? 'finished' : 'paused', undefined, 'restored');
  }

  /** Applies new settings between steps: a running loop stops for the change and goes on after it. */
  async updateSettings(settings: TrainingSettings): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) return;
    const training = this.status === 'training';
    await this.stop();
    try {
      const epoch = trainer.where.epoch;
      await trainer.updateSettings(settings);
      // A larger batch may leave less than one batch of the epoch: it ends there, tested and kept like any epoch end.
      if (trainer.where.epoch > epoch) await this.closeEpoch();
    } finally {
      // Refused settings leave the old ones, and training goes on with them; a divergence the stop rolled back does not.
      if (training && this.status === 'paused') this.startLoop();
    }
    if (this.status === 'finished' && !trainer.finished) this.setStatus('paused');
    else if (this.status === 'paused' && trainer.finished) this.setStatus('finished');
  }

  async evaluate(): Promise<void> {
    if (!this.trainer) return;
    const { step } = this.trainer.where;
    const epoch = this.trainer.epochsDone;
    const result = await this.trainer.evaluate();
    this.emit({ type: 'evaluation', epoch, step, loss: result.loss, accuracy: result.accuracy, confusion: Array.from(result.confusion) });
  }

  /** Stops training and frees the model. */
  async dispose(): Promise<void> {
    await this.stop();
    this.trainer?.dispose();
    this.trainer = undefined;
  }

  /** Runs the step loop from the status 'training' (already announced). */
  private startLoop(): void {
    this.status = 'training';
    this.loop = this.run().catch(this.onLoopError);
  }

  private async run(): Promise<void> {
    this.throughput.restart();
    while (this.status === 'training' && this.trainer) {
      await this.advance(STEPS_PER_TICK);
      if (this.trainer.finished && this.status === 'training') this.setStatus('finished');
      await new Promise((resolve) => setTimeout(resolve, 0)); // let pause and other commands in
    }
    // A divergence reported between turns stopped the loop: roll back once the submitted steps are done.
    if (this.pending && this.trainer) {
      await this.trainer.drain();
      this.rollBack();
    }
  }

  /** Runs up to `steps` steps; evaluates at epoch ends; keeps checkpoints while the run looks healthy. */
  private async advance(steps: number): Promise<void> {
    const trainer = this.trainer!;
    const epoch = trainer.where.epoch;
    await trainer.runSteps(steps);
    const epochEnded = trainer.where.epoch > epoch;
    const checkpointDue = trainer.where.step % CHECKPOINT_EVERY_STEPS < steps || epochEnded;
    if (checkpointDue) await trainer.drain();
    if (this.pending) return; // the caller rolls back
    if (epochEnded) await this.closeEpoch();
    else if (checkpointDue) await this.keepCheckpoint();
  }

  /** At an epoch end: tested on the test set, and kept as a checkpoint. */
  private async closeEpoch(): Promise<void> {
    await this.evaluate();
    await this.keepCheckpoint();
  }

  /** Keeps a checkpoint of now, unless the run already looks collapsed (then the last good one stays). */
  private async keepCheckpoint(): Promise<void> {
    if (this.detector.looksHealthy) this.checkpoint = await this.trainer!.checkpoint();
  }

  private rollBack(): void {
    const { seen, settings } = this.pending!;
    this.pending = undefined;
    if (this.checkpoint) this.trainer!.restore(this.checkpoint);
    const rolledBackTo = this.trainer!.where.step;
    this.divergedWith = { cause: seen.kind, step: seen.step, settings, rolledBackTo };
    this.detector = freshDetector();
    const growth = this.health.explainGrowth();
    this.health.clear();
    this.setStatus('diverged', rolledBackMessage(seen, settings, rolledBackTo, growth));
  }

  private onMetrics(metrics: SubmitMetrics): void {
    const step = metrics.firstStep + metrics.steps;
    // Kept before the checks: a window whose norms went non-finite says which layer's grew first.
    const health = this.trainer && this.health.window(metrics, this.trainer.config.settings);
    if (metrics.nonfiniteRows > 0 || !Number.isFinite(metrics.lossSum)) return this.diverge({ kind: 'non-finite', step }, true);
    if (!this.trainer) return; // the model was abandoned with its GPU
    const window = { step, steps: metrics.steps, loss: metrics.lossSum / metrics.samples, accuracy: metrics.correct / metrics.samples };
    this.emit({ type: 'train-metrics', ...window, epoch: metrics.epochsDone, samplesPerSecond: this.throughput.report(metrics.samples), position: this.trainer.where });
    if (health) this.emit({ type: 'health', window: health });
    const collapse = this.detector.observe(window);
    if (collapse) this.diverge(collapse, this.pauseOnCollapse);
  }


  /** A divergence seen in the metrics: stop and roll back (`pause`), or warn and go on. The first one seen counts. */
  private diverge(seen: Sighting, pause: boolean): void {
    if (this.pending || !this.trainer) return;
    const { settings } = this.trainer.config;
    if (pause) {
      this.pending = { seen, settings };
      if (this.status === 'training') this.status = 'diverged'; // the loop stops at its next turn and rolls back
      return;
    }
    this.divergedWith = { cause: seen.kind, step: seen.step, settings };
    this.setStatus(this.status, divergingMessage(seen, settings, this.health.explainGrowth()));
  }

  private async stop(): Promise<void> {
    if (this.status === 'training') this.status = 'paused';
    await this.loop;
    this.trainer?.cancelStepTiming('Training stopped before a step could be timed: press Train.');
    await this.trainer?.drain();
  }

  private setStatus(status: TrainingStatus, message?: string, history?: HistoryChange): void {
    this.status = status;
    const undoReset = this.beforeReset && { step: this.beforeReset.checkpoint.position.step };
    this.emit({
      type: 'status',
      status,
      position: this.trainer?.where ?? null,
      ...(message ? { message } : {}),
      ...(this.divergedWith ? { divergedWith: this.divergedWith } : {}),
      ...(history ? { history } : {}),
      ...(undoReset ? { undoReset } : {}),
    });
  }
}
