// What a model keeps across steps on the GPU: flat parameters, gradients, optimizer state, step counter.
import type { GpuContext } from '../gpu/device';
import { createOptimizer, createOptimizerState, createStepCounter, type OptimizerOp } from '../gpu/kernels/optimizer';
import type { PipelineCache } from '../gpu/pipelines';
import { readBuffer } from '../gpu/readback';
import { initialParameters, parameterLayout, type ParameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import type { OptimizerHyperparameters, OptimizerKind, StepSchedule } from '../optimizers';

/** A CPU copy of everything needed to resume training exactly. */
export interface Checkpoint {
  params: Float32Array;
  state: Float32Array[];
  step: number;
}

export interface ModelState {
  layout: ParameterLayout;
  params: GPUBuffer; // f32 [layout.totalFloats]
  grads: GPUBuffer; // f32 [layout.totalFloats]
  stepCounter: GPUBuffer; // u32: optimizer steps completed
  optimizer: OptimizerOp;
  kind: OptimizerKind;
  /** Sets parameters to `params` (e.g. imported weights) or else the seeded initial values; zeroes optimizer state and the step counter. */
  reset(seed: number, params?: Float32Array): void;
  /** A CPU copy of the parameters alone (waits for submitted work). */
  readParameters(): Promise<Float32Array>;
  checkpoint(): Promise<Checkpoint>;
  restore(checkpoint: Checkpoint): void;
  dispose(): void;
}

export async function createModelState(
  ctx: GpuContext,
  cache: PipelineCache,
  spec: ModelSpec,
  kind: OptimizerKind,
  hyperparameters: OptimizerHyperparameters,
  schedule?: StepSchedule,
): Promise<ModelState> {
  const layout = parameterLayout(spec);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const bytes = layout.totalFloats * 4;
  const params = ctx.buffers.create({ label: 'parameters', size: bytes, usage });
  const grads = ctx.buffers.create({ label: 'gradients', size: bytes, usage });
  const stepCounter = createStepCounter(ctx);
  const state = createOptimizerState(ctx, kind, layout.totalFloats);
  const release = () => [params, grads, stepCounter, ...state].forEach((buffer) => ctx.buffers.destroy(buffer));
  const optimizer = await createOptimizer(ctx, cache, { kind, length: layout.totalFloats, params, grads, state, stepCounter, hyperparameters, ...(schedule ? { schedule } : {}) }).catch(
    (error: unknown) => {
      release();
      throw error;
    },
  );
  const { queue } = ctx.device;
  return {
    layout,
    params,
    grads,
    stepCounter,
    optimizer,
    kind,
    reset(seed, values) {
      if (values && values.length !== layout.totalFloats) throw new RangeError(`the model needs ${layout.totalFloats} parameter values, got ${values.length}`);
      queue.writeBuffer(params, 0, values ?? initialParameters(layout, seed));
      for (const buffer of [...state, stepCounter]) queue.writeBuffer(buffer, 0, new Uint8Array(buffer.size));
    },
    readParameters: async () => new Float32Array(await readBuffer(ctx, params)),
    async checkpoint() {
      const [paramBytes, stepBytes, ...stateBytes] = await Promise.all([params, stepCounter, ...state].map((buffer) => readBuffer(ctx, buffer)));
      return { params: new Float32Array(paramBytes!), state: stateBytes.map((b) => new Float32Array(b)), step: new Uint32Array(stepBytes!)[0]! };
    },
    restore(checkpoint) {
      queue.writeBuffer(params, 0, checkpoint.params);
      checkpoint.state.forEach((values, slot) => queue.writeBuffer(state[slot]!, 0, values));
      queue.writeBuffer(stepCounter, 0, Uint32Array.of(checkpoint.step));
    },
    dispose() {
      optimizer.dispose();
      release();
    },
  };
}
