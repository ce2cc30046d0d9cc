// The backward pass on the GPU: from dLogits back through each layer's backward ops, parameter gradients into the flat buffer.
import type { GpuContext } from '../gpu/device';
import { awaitAll } from '../gpu/kernel';
import type { UnitStatsTarget } from '../gpu/kernels/health';
import type { FastPathSwitch } from '../gpu/kernels/matmul';
import type { PipelineCache } from '../gpu/pipelines';
import type { GpuGradient, GpuOp } from '../layers/kind';
import { shapeSize } from '../layers/shapes';
import { layerTensors, type ParameterLayout } from '../model/parameters';
import type { ForwardPass } from './forward';
import { createPassBuild, fastPathOfOps, layerBindings } from './pass-build';

export interface BackwardPass extends FastPathSwitch {
  /** dLogits: [batch, classes], written by softmax cross-entropy before `encode`. */
  dLogits: GPUBufferBinding;
  /** dX₀ = ∂/∂input: [batch, ...input shape], only with `inputGradient`. */
  dInput?: GPUBufferBinding;
  /** With `health`, ops that can also add their layer's health statistics (see `recordsUnitStats`) do. */
  encode(pass: GPUComputePassEncoder, health?: boolean): void;
  /** The same ops by the layer that made them, in the order `encode` records them (for timing each layer's kernels). */
  layers: { layer: number; encode(pass: GPUComputePassEncoder, health?: boolean): void }[];
  /** The layers (by index) whose ops add their statistics to their `unitStats` target in a step that records health. */
  recordsUnitStats: ReadonlySet<number>;
  dispose(): void;
}

export interface BackwardOptions {
  forward: ForwardPass;
  layout: ParameterLayout;
  grads: GPUBuffer; // flat gradients, same layout as the parameters
  batch: number;
  /** Matmuls start on their quickly compiled path (see MatmulOptions.quickStart). */
  quickStart?: boolean;
  /** Carry the gradient on down to the input (a saliency map), not just to the first layer with parameters. */
  inputGradient?: boolean;
  /** By layer index: where a step that records health statistics adds each layer's (see GpuGradient.unitStats). */
  unitStats?: ReadonlyMap<number, UnitStatsTarget>;
}

/** Records `op`, with its layer's health statistics where asked and it can. */
const encodeOp = (op: GpuOp, pass: GPUComputePassEncoder, health?: boolean): void => (health && op.encodeWithHealth ? op.encodeWithHealth(pass) : op.encode(pass));

export async function createBackwardPass(ctx: GpuContext, cache: PipelineCache, options: BackwardOptions): Promise<BackwardPass> {
  const { forward, layout, grads, batch } = options;
  const { build, release } = createPassBuild(ctx, cache, batch, options.quickStart);
  const layers = forward.layers;
  const dLogits = build.tensor('dLogits', batch * shapeSize(layers.at(-1)!.place.output));
  // Training needs no gradient below the first layer with parameters (the images have none); a saliency map needs one
  // at the input, below layer 0, where there is no activation and no buffer fixed (the layer makes the one for dX₀).
  const lowest = options.inputGradient ? -1 : layers.findIndex(({ place }) => layerTensors(layout, place.index).length > 0);
  // Pipelines compile concurrently: ops are awaited together at the end, and recorded in the order they were made.
  const ops: Promise<GpuOp>[] = [];
  const madeBy: number[] = []; // the layer index of each op
  const recordsUnitStats = new Set<number>();
  let gradient: Pick<GpuGradient, 'dY' | 'throughActivation'> = { dY: dLogits, throughActivation: false };
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const below = layers[i - 1];
    const before = i > lowest ? { activation: below?.activation, dY: below?.dY } : undefined;
    const grad = layerBindings(grads, layout, layer.place.index);
    const step = layer.backward(build, { ...gradient, grads: grad, before, unitStats: options.unitStats?.get(layer.place.index) });
    if (step.recordsUnitStats) recordsUnitStats.add(layer.place.index);
    ops.push(...step.ops);
    madeBy.push(...step.ops.map(() => layer.place.index));
    if (!step.dX) break;
    gradient = step.dX;
  }
  const ready = await awaitAll(ops).catch((error: unknown) => {
    release();
    throw error;
  });
  return {
    ...fastPathOfOps(ready),
    dLogits,
    ...(options.inputGradient ? { dInput: gradient.dY } : {}),
    encode(pass, health) {
      for (const op of ready) encodeOp(op, pass, health);
    },
    layers: [...new Set(madeBy)].map((layer) => ({
      layer,
      encode: (pass, health) => ready.forEach((op, i) => madeBy[i] === layer && encodeOp(op, pass, health)),
    })),
    recordsUnitStats,
    dispose() {
      ready.forEach((op) => op.dispose());
      release();
    },
  };
}
