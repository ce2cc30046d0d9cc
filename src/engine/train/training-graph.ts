// One training step recorded on the GPU: gather → forward → softmax cross-entropy → backward → optimizer.
import type { GpuContext } from '../gpu/device';
import type { GpuSplit } from '../gpu/dataset';
import { createGather, type GatherOp } from '../gpu/kernels/gather';
import { fastPathOf, type FastPathSwitch } from '../gpu/kernels/matmul';
import { createSoftmaxCrossEntropy, type SoftmaxCrossEntropyOp } from '../gpu/kernels/softmax-ce';
import type { PipelineCache } from '../gpu/pipelines';
import type { DispatchOwner, DispatchRecorder } from '../gpu/timed-dispatches';
import { createFloatTensor } from '../gpu/tensors';
import { networkLayers, networkSizes } from '../model/network';
import type { ModelSpec } from '../model/spec';
import { createBackwardPass, type BackwardPass } from './backward';
import { createForwardPass, type ForwardPass } from './forward';
import { createHealthProbe, createHealthStats, type HealthProbe, type HealthStats } from './health-probe';
import type { ModelState } from './model-state';

export interface TrainingGraphOptions {
  spec: ModelSpec;
  model: ModelState;
  batch: number;
  split: GpuSplit;
  indices: GPUBuffer; // u32: this epoch's permutation of the split's indices
  /** Steps one submit may hold: each has its own gather slot (index offset). */
  stepsPerSubmit: number;
  accumulators: GPUBuffer; // loss sum, correct, non-finite rows (softmax-ce adds to them)
  dropoutSeed: number;
  /** Matmuls start on their quickly compiled path until `switchToFastPath` (see MatmulOptions.quickStart). */
  quickStart?: boolean;
}

/** One part of a step: whom its dispatches belong to, and how it records them. */
interface StepPart {
  owner: DispatchOwner;
  encode(pass: GPUComputePassEncoder): void;
}

export interface TrainingGraph extends FastPathSwitch {
  batch: number;
  /** The index offset of each step of the next submit (one per slot, in order). */
  setIndexOffsets(offsets: readonly number[]): void;
  /** The step's health statistics: recorded by `encodeStep` when asked, copied and decoded by the trainer. */
  health: HealthProbe;
  /**
   * Records the whole step of `slot` into `pass`; with `health`, also its rows' per-channel statistics (most inside
   * the backward pass's own kernels) and, on the window's `last` step, the norms of the weights, gradients and update.
   */
  encodeStep(pass: GPUComputePassEncoder, slot: number, health?: { last: boolean }): void;
  /** Records the same step as `encodeStep` into `recorder`, each dispatch marked with its layer and phase, for timing. */
  recordStep(recorder: DispatchRecorder, slot: number, health?: { last: boolean }): void;
  dispose(): void;
}

export async function createTrainingGraph(ctx: GpuContext, cache: PipelineCache, options: TrainingGraphOptions): Promise<TrainingGraph> {
  const { spec, model, batch } = options;
  const { inputFloats, classes } = networkSizes(networkLayers(spec));
  const pixels = createFloatTensor(ctx, 'batch pixels', batch * inputFloats);
  const labels = ctx.buffers.create({ label: 'batch labels', size: batch * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  let gather: GatherOp | undefined;
  let forward: ForwardPass | undefined;
  let loss: SoftmaxCrossEntropyOp | undefined;
  let backward: BackwardPass | undefined;
  let stats: HealthStats | undefined;
  let health: HealthProbe | undefined;
  const dispose = () => {
    [gather, forward, loss, backward, health ?? stats].forEach((op) => op?.dispose());
    ctx.buffers.destroy(pixels.buffer);
    ctx.buffers.destroy(labels);
  };
  try {
    gather = await createGather(ctx, cache, { split: options.split, batch, indices: options.indices, pixels: pixels.buffer, labels, slots: options.stepsPerSubmit });
    forward = await createForwardPass(ctx, cache, {
      spec,
      layout: model.layout,
      params: model.params,
      batch,
      input: pixels,
      training: { seed: options.dropoutSeed, stepCounter: model.stepCounter },
      quickStart: options.quickStart,
    });
    const names = networkLayers(spec).map(({ kind, spec: layer, place }) => kind.name(layer, place.role));
    stats = createHealthStats(ctx, { layers: forward.layers, names, layout: model.layout });
    backward = await createBackwardPass(ctx, cache, { forward, layout: model.layout, grads: model.grads, batch, quickStart: options.quickStart, unitStats: stats.targets });
    loss = await createSoftmaxCrossEntropy(ctx, cache, {
      batch,
      classes,
      logits: forward.logits.buffer,
      labels,
      dLogits: backward.dLogits.buffer,
      accumulators: options.accumulators,
    });
    health = await createHealthProbe(ctx, cache, { stats, recordedByBackward: backward.recordsUnitStats, layout: model.layout, model, batch });
  } catch (error) {
    dispose();
    throw error;
  }
  const [g, f, l, b, h] = [gather, forward, loss, backward, health];
  /** The step's parts in order, each with whom its dispatches belong to; made once per slot and health mode, not per step. */
  const makeParts = (slot: number, probe: { last: boolean } | undefined): StepPart[] => {
    const parts: StepPart[] = [{ owner: { phase: 'data' }, encode: (pass) => g.encode(pass, slot) }];
    for (const layer of f.layers) parts.push({ owner: { layer: layer.place.index, phase: 'forward' }, encode: layer.encode });
    if (probe) parts.push({ owner: { phase: 'forward' }, encode: h.encodeUnitStats });
    parts.push({ owner: { phase: 'loss' }, encode: l.encode });
    for (const layer of b.layers) parts.push({ owner: { layer: layer.layer, phase: 'backward' }, encode: (pass) => layer.encode(pass, probe !== undefined) });
    if (probe?.last) parts.push({ owner: { phase: 'update' }, encode: h.encodeSnapshot });
    parts.push({ owner: { phase: 'update' }, encode: model.optimizer.encode });
    if (probe?.last) parts.push({ owner: { phase: 'update' }, encode: h.encodeNorms });
    return parts;
  };
  const made: StepPart[][] = [];
  const partsOf = (slot: number, probe: { last: boolean } | undefined): StepPart[] => {
    const mode = probe ? (probe.last ? 2 : 1) : 0;
    return (made[3 * slot + mode] ??= makeParts(slot, probe));
  };
  return {
    ...fastPathOf([f, b]),
    batch,
    health: h,
    setIndexOffsets: (offsets) => g.setIndexOffsets(offsets),
    encodeStep(pass, slot, probe) {
      for (const part of partsOf(slot, probe)) part.encode(pass);
    },
    recordStep(recorder, slot, probe) {
      for (const part of partsOf(slot, probe)) recorder.section(part.owner, part.encode);
    },
    dispose,
  };
}
