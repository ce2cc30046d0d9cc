// Trains a model on a GPU dataset: epochs of seeded shuffles, several steps per submit, metrics read when ready.
import type { MnistSplit } from '../data/mnist';
import { epochPermutation } from '../data/permutation';
import type { GpuContext } from '../gpu/device';
import type { GpuDataset } from '../gpu/dataset';
import { createLossAccumulators } from '../gpu/kernels/softmax-ce';
import type { PipelineCache } from '../gpu/pipelines';
import { galleryPage } from '../insight/gallery';
import { createInspector, lazyInspector } from '../insight/inspector';
import type { GalleryPage, GalleryQuery, Inspection, TestPredictions, WeightImages } from '../insight/types';
import { readWeightImages } from '../insight/weight-images';
import type { ModelSpec } from '../model/spec';
import type { OptimizerHyperparameters, OptimizerKind } from '../optimizers';
import { createEvaluator, type Evaluation, type Evaluator } from './evaluator';
import { createPredictor, lazyPredictor } from './predictor';
import { allocationScopes, checkBatchSize, checkFits, ModelDoesNotFitError } from './admission';
import { MetricsRing, type SubmitMetrics } from './metrics-ring';
import { awaitAll } from '../gpu/kernel';
import { createModelState, type Checkpoint, type ModelState } from './model-state';
import { advancePosition, closeSpentEpoch, epochsCompleted, startPosition, stepsLeftInEpoch, type TrainerPosition } from './progress';
import { stepSchedule, type LrSchedule } from './schedule';
import { StepTimingRequests, type KernelTimes } from './step-timing';
import { createTrainingGraph, type TrainingGraph, type TrainingGraphOptions } from './training-graph';

/** Settings that may change between steps without a reset. */
export interface TrainingSettings {
  batchSize: number;
  hyperparameters: OptimizerHyperparameters; // learningRate is the base rate the schedule scales
  schedule: LrSchedule;
  epochs: number;
}

export interface TrainerConfig {
  spec: ModelSpec;
  seed: number;
  optimizer: OptimizerKind;
  /** Training images used, from the start of the split (tests and demos use a few thousand). */
  trainImages: number;
  settings: TrainingSettings;
}

/** A CPU copy of the model and where training stood: enough to resume exactly. */
export interface TrainerCheckpoint {
  model: Checkpoint;
  position: TrainerPosition;
}

/** How a step of a submit records the health statistics: every step its rows', the window's last step also the norms. */
const WINDOW_STEP = { last: false } as const;
const WINDOW_END = { last: true } as const;

/** Steps recorded into one submit: fewer submits, same work. */
const STEPS_PER_SUBMIT = 8;

export class Trainer {
  private graph!: TrainingGraph;
  private permutationEpoch = -1;
  private position = startPosition();
  /**
   * The first submit after creation runs on matmuls that compile several times faster, so the first step comes soon.
   * It then starts the switch to the fast ones, and every later submit waits for it: a fixed point, so runs stay
   * reproducible. Undefined until the first submit.
   */
  private fastPath?: Promise<void>;
  /** Built on the first prediction, so creating a model stays as fast as before. */
  private readonly predictor = lazyPredictor(() => createPredictor(this.ctx, this.cache, this.config.spec, this.model));
  /** Built on the first inspection, likewise; it stamps each inspection with the step submitted before it. */
  private readonly inspector = lazyInspector(() => createInspector(this.ctx, this.cache, this.config.spec, this.model, () => this.position.step));
  /** The per-image predictions of the last evaluation, for gallery pages. */
  private lastTest?: { predictions: TestPredictions; step: number };
  private disposed = false;
  /** Whether submits record each layer's health statistics (reported with their metrics). */
  private recordHealth = true;
  private readonly timing = new StepTimingRequests();

  private constructor(
    private readonly ctx: GpuContext,
    private readonly cache: PipelineCache,
    private readonly dataset: GpuDataset,
    readonly config: TrainerConfig,
    readonly model: ModelState,
    private readonly indices: GPUBuffer,
    private readonly accumulators: GPUBuffer,
    private readonly ring: MetricsRing,
    private readonly evaluator: Evaluator,
    /** Imported weights that reset returns to, in place of the seed's initial values. */
    readonly startWeights?: Float32Array,
  ) {}

  /**
   * Builds every buffer and pipeline inside GPU error scopes. A model that does not fit is refused with a
   * ModelDoesNotFitError and everything it allocated is freed, so whatever the caller had stays intact.
   * `startWeights` (flat, as parameterLayout(spec) places them) replace the seeded initial weights, here and on reset.
   */
  static async create(
    ctx: GpuContext,
    cache: PipelineCache,
    dataset: GpuDataset,
    config: TrainerConfig,
    onMetrics: (m: SubmitMetrics) => void,
    startWeights?: Float32Array,
  ): Promise<Trainer> {
    const trainImages = Math.min(config.trainImages, dataset.train.count);
    checkBatchSize(config.settings.batchSize, trainImages);
    checkFits(ctx.device.limits, config.spec, config.settings.batchSize);
    const made: { dispose(): void }[] = [];
    const own = <T extends { dispose(): void }>(part: T): T => (made.push(part), part);
    const ownBuffer = (buffer: GPUBuffer) => (own({ dispose: () => ctx.buffers.destroy(buffer) }), buffer);
    const scopes = allocationScopes(ctx.device);
    try {
      const { hyperparameters } = config.settings;
      const schedule = stepSchedule(config.settings.schedule, config.settings, startPosition(), trainImages);
      const model = own(await createModelState(ctx, cache, config.spec, config.optimizer, hyperparameters, schedule));
      const indices = ownBuffer(ctx.buffers.create({ label: 'epoch permutation', size: trainImages * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }));
      const accumulators = ownBuffer(createLossAccumulators(ctx, 'training loss accumulators'));
      const ring = own(new MetricsRing(ctx, accumulators, onMetrics));
      // The evaluator and the training step share pipelines; building both at once overlaps their compiles.
      // The evaluator starts on the quick matmuls too and moves to the fast ones before its first evaluation.
      const evaluatorBuild = createEvaluator(ctx, cache, config.spec, model, dataset.test);
      const graphBuild = createTrainingGraph(ctx, cache, { ...graphOptions(config, model, dataset, indices, accumulators, config.settings.batchSize), quickStart: true });
      made.push(...(await awaitAll<{ dispose(): void }>([evaluatorBuild, graphBuild])));
      const trainer = new Trainer(ctx, cache, dataset, { ...config, trainImages }, model, indices, accumulators, ring, await evaluatorBuild, startWeights);
      trainer.graph = await graphBuild;
      const error = await scopes.close();
      if (error) throw new ModelDoesNotFitError(error.message);
      trainer.reset();
      return trainer;
    } catch (error) {
      await scopes.close();
      made.reverse().forEach((part) => part.dispose());
      throw error;
    }
  }

  get where(): TrainerPosition {
    return { ...this.position };
  }

  /** True once the last epoch has ended (more epochs in the settings make it false again). */
  get finished(): boolean {
    return this.position.epoch >= this.config.settings.epochs;
  }

  /** Epochs completed, fractional: a whole number at an epoch end. */
  get epochsDone(): number {
    return epochsCompleted(this.position, this.config.trainImages);
  }

  /** Back to step 0 with the seed's initial weights, or the imported ones (bit for bit the same every time). */
  reset(): void {
    this.model.reset(this.config.seed, this.startWeights);
    this.permutationEpoch = -1;
    this.position = startPosition();
    this.writeOptimizerSettings(this.config.settings);
  }

  /** The current weights, flat as parameterLayout(spec) places them (waits for submitted work). */
  readWeights(): Promise<Float32Array> {
    return this.model.readParameters();
  }

  /** Copies the weights, optimizer state and position to the CPU (waits for submitted work). */
  async checkpoint(): Promise<TrainerCheckpoint> {
    const position = this.where;
    return { model: await this.model.checkpoint(), position };
  }

  /**
   * Puts back a checkpoint taken from this trainer (same spec and optimizer). Should less than a batch of the current
   * size be left of its epoch, the next step starts the next epoch. The schedule goes on from its epochs at the current
   * batch size, whatever size the checkpoint's steps were taken at.
   */
  restore(checkpoint: TrainerCheckpoint): void {
    this.model.restore(checkpoint.model);
    this.position = closeSpentEpoch(checkpoint.position, this.config.settings.batchSize, this.config.trainImages);
    this.permutationEpoch = -1;
    this.writeOptimizerSettings(this.config.settings);
  }

  /**
   * Applies new settings from the next step on (call it between runSteps calls, not during one); a new batch size
   * rebuilds the step's buffers and continues the epoch where it stands, or ends it when less than a batch is left,
   * and the learning-rate schedule continues from the epochs done.
   */
  async updateSettings(settings: TrainingSettings): Promise<void> {
    checkBatchSize(settings.batchSize, this.config.trainImages);
    const position = closeSpentEpoch(this.position, settings.batchSize, this.config.trainImages);
    this.writeOptimizerSettings(settings, position); // refused values throw here, before anything changes
    if (settings.batchSize !== this.graph.batch) {
      const graph = await this.buildGraph(settings.batchSize);
      this.graph.dispose();
      this.graph = graph;
      this.fastPath = Promise.resolve(); // built on the fast path
    }
    this.config.settings = settings;
    this.position = position;
  }

  /** Records and submits up to `count` steps, stopping at the end of an epoch; returns the steps taken. */
  async runSteps(count: number): Promise<number> {
    if (this.finished) return 0;
    this.uploadPermutation();
    const { epoch } = this.position;
    let taken = 0;
    while (taken < count && this.position.epoch === epoch) {
      const left = stepsLeftInEpoch(this.position, this.config.settings.batchSize, this.config.trainImages);
      const steps = Math.min(STEPS_PER_SUBMIT, count - taken, left);
      await this.submit(steps);
      taken += steps;
    }
    return taken;
  }

  /** Resolves once the metrics of every submitted step have been reported. */
  drain(): Promise<void> {
    return this.ring.drain();
  }

  /** Tests on the whole test split; its per-image predictions are kept for gallery pages. */
  async evaluate(): Promise<Evaluation> {
    const { step } = this.position;
    const evaluation = await this.evaluator.evaluate();
    this.lastTest = { predictions: evaluation.predictions, step };
    return evaluation;
  }

  /** pixels: [784] in [0, 1] → class probabilities [10], from the current weights without dropout. */
  predict(pixels: Float32Array): Promise<Float32Array> {
    return this.predictor.predict(pixels);
  }

  /** pixels: [784] in [0, 1] → probabilities, saliency and hidden outputs, from the current weights without dropout. */
  inspect(pixels: Float32Array): Promise<Inspection> {
    return this.inspector.inspect(pixels);
  }

  /** The first layer with parameters' weights as images, after the steps submitted so far. */
  async readWeightImages(): Promise<WeightImages> {
    if (this.disposed) throw new Error('This model was replaced or freed, so it has no weights to show.');
    return readWeightImages(this.ctx, this.config.spec, this.model, this.position.step);
  }

  /** One page of the test images matching `query` in the last evaluation; `test` is the same split on the CPU. */
  gallery(test: MnistSplit, query: GalleryQuery, page: number): GalleryPage {
    if (!this.lastTest) throw new Error('There is no test evaluation yet: train an epoch or press Test now.');
    return galleryPage({ ...this.lastTest, labels: test.labels, images: test.images }, query, page);
  }

  /** Whether the steps from the next submit on record each layer's health statistics. */
  setHealthStatistics(on: boolean): void {
    this.recordHealth = on;
  }

  /** The GPU time of each kernel of the next step submitted (after the first submit, once the fast kernels run). */
  timeNextStep(): Promise<KernelTimes> {
    return this.timing.request(this.ctx);
  }

  /** Refuses a waiting timing request: no step will come for it (training stopped). */
  cancelStepTiming(reason: string): void {
    this.timing.cancel(reason);
  }

  dispose(): void {
    this.disposed = true;
    this.timing.cancel('This model was replaced or freed before a step could be timed.');
    this.predictor.dispose();
    this.inspector.dispose();
    this.graph.dispose();
    this.evaluator.dispose();
    this.ring.dispose();
    this.model.dispose();
    this.ctx.buffers.destroy(this.indices);
    this.ctx.buffers.destroy(this.accumulators);
  }

  /** Records and submits `steps` steps (no more than the epoch has left), continuing its permutation where it stands. */
  private async submit(steps: number): Promise<void> {
    const { batchSize } = this.config.settings;
    const { step, epochSamples } = this.position;
    this.graph.setIndexOffsets(Array.from({ length: steps }, (_, s) => epochSamples + s * batchSize));
    await this.fastPath;
    const slot = await this.ring.acquire();
    const encoder = this.ctx.device.createCommandEncoder({ label: `steps ${step}..${step + steps - 1}` });
    const health = (s: number) => (this.recordHealth ? (s === steps - 1 ? WINDOW_END : WINDOW_STEP) : undefined);
    // A timing request takes the submit's first step, once the quick-start kernels have been replaced.
    const timed = this.fastPath && this.timing.take(this.ctx, encoder, this.graph, health(0), { step, batch: batchSize, steps });
    const pass = encoder.beginComputePass({ label: 'training steps', ...(timed?.passTimestamps ? { timestampWrites: timed.passTimestamps } : {}) });
    for (let s = timed ? 1 : 0; s < steps; s++) this.graph.encodeStep(pass, s, health(s));
    pass.end();
    timed?.resolve(encoder);
    this.ring.encodeCopy(encoder, slot, this.recordHealth ? this.graph.health : undefined);
    this.ctx.device.queue.submit([encoder.finish()]);
    timed?.read();
    if (!this.fastPath) {
      this.fastPath = this.graph.switchToFastPath();
      this.fastPath.catch(() => {}); // a failure surfaces when the next submit awaits it
    }
    this.position = advancePosition(this.position, steps, batchSize, this.config.trainImages);
    // The ring reports a few submits later: the epochs completed are taken now.
    this.ring.startRead(slot, { firstStep: step, steps, samples: steps * batchSize, epochsDone: this.epochsDone });
  }

  /**
   * Writes the optimizer's uniform: the hyperparameters and the schedule, which runs on the GPU from the step counter
   * and is put where `position` stands in steps of the settings' batch size.
   */
  private writeOptimizerSettings(settings: TrainingSettings, position = this.position): void {
    const schedule = stepSchedule(settings.schedule, settings, position, this.config.trainImages);
    this.model.optimizer.setHyperparameters(settings.hyperparameters, schedule);
  }

  private uploadPermutation(): void {
    if (this.permutationEpoch === this.position.epoch) return;
    this.ctx.device.queue.writeBuffer(this.indices, 0, epochPermutation(this.config.seed, this.position.epoch, this.config.trainImages));
    this.permutationEpoch = this.position.epoch;
  }

  private buildGraph(batch: number): Promise<TrainingGraph> {
    return createTrainingGraph(this.ctx, this.cache, graphOptions(this.config, this.model, this.dataset, this.indices, this.accumulators, batch));
  }
}

function graphOptions(
  config: TrainerConfig,
  model: ModelState,
  dataset: GpuDataset,
  indices: GPUBuffer,
  accumulators: GPUBuffer,
  batch: number,
): TrainingGraphOptions {
  const split = dataset.train;
  return { spec: config.spec, model, batch, split, indices, stepsPerSubmit: STEPS_PER_SUBMIT, accumulators, dropoutSeed: config.seed };
}
