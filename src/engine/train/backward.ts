// The backward pass on the GPU: from dLogits to dW and db of every Dense layer, written into the flat gradient buffer.
import type { GpuContext } from '../gpu/device';
import { awaitAll, type ComputeOp } from '../gpu/kernel';
import { createActivationBackward } from '../gpu/kernels/activation';
import { createColumnSum } from '../gpu/kernels/column-sum';
import { createMatmul, fastPathOf, type FastPathSwitch, type MatmulOp, type MatmulOptions } from '../gpu/kernels/matmul';
import type { PipelineCache } from '../gpu/pipelines';
import { createFloatTensor, floatRange } from '../gpu/tensors';
import type { ParameterLayout } from '../model/parameters';
import type { ForwardLayer, ForwardPass } from './forward';

export interface BackwardPass extends FastPathSwitch {
  /** dLogits: [batch, 10], written by softmax cross-entropy before `encode`. */
  dLogits: GPUBufferBinding;
  encode(pass: GPUComputePassEncoder): void;
  dispose(): void;
}

export interface BackwardOptions {
  forward: ForwardPass;
  layout: ParameterLayout;
  grads: GPUBuffer; // flat gradients, same layout as the parameters
  batch: number;
  /** Matmuls start on their quickly compiled path (see MatmulOptions.quickStart). */
  quickStart?: boolean;
}

type DenseLayer = Extract<ForwardLayer, { kind: 'dense' }>;

export async function createBackwardPass(ctx: GpuContext, cache: PipelineCache, options: BackwardOptions): Promise<BackwardPass> {
  const { forward, layout, grads, batch } = options;
  // Pipelines compile concurrently: ops are awaited together at the end.
  const ops: Promise<ComputeOp>[] = [];
  const matmuls: Promise<MatmulOp>[] = [];
  const matmul = (matmulOptions: MatmulOptions): Promise<MatmulOp> => {
    const op = createMatmul(ctx, cache, { ...matmulOptions, quickStart: options.quickStart });
    matmuls.push(op);
    return op;
  };
  const owned: GPUBufferBinding[] = [];
  const tensor = (label: string, floats: number) => {
    const created = createFloatTensor(ctx, label, floats);
    owned.push(created);
    return created;
  };
  const layers = forward.layers;
  const dLogits = tensor('dLogits', batch * layers.filter((l): l is DenseLayer => l.kind === 'dense').at(-1)!.outputs);
  // dZ of the Dense layer being processed, walking from the output layer back to the first.
  let dZ = dLogits;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer.kind !== 'dense') continue;
    const { weightOffset, biasOffset } = layout.dense.find((d) => d.layerIndex === layer.index)!;
    const { inputs, outputs } = layer;
    // Z = X·W + b  ⇒  dW = Xᵀ·dZ [inputs, outputs], db = Σ_rows dZ [outputs]
    ops.push(matmul({ layout: 'tn', m: inputs, k: batch, n: outputs, a: layer.input, b: dZ, c: floatRange(grads, weightOffset, inputs * outputs) }));
    ops.push(createColumnSum(ctx, cache, { rows: batch, cols: outputs, dY: dZ, db: floatRange(grads, biasOffset, outputs) }));
    const previousDense = layers.slice(0, i).findLastIndex((l) => l.kind === 'dense');
    if (previousDense < 0) break; // the first Dense layer: no gradient needed for the input images
    dZ = propagateToPreviousDense(ctx, cache, { layers, from: i, to: previousDense, dZ, batch, ops, matmul, tensor });
  }
  const releaseTensors = () => owned.forEach(({ buffer }) => ctx.buffers.destroy(buffer));
  const ready = await awaitAll(ops).catch((error: unknown) => {
    releaseTensors();
    throw error;
  });
  return {
    ...fastPathOf(await Promise.all(matmuls)),
    dLogits,
    encode(pass) {
      for (const op of ready) op.encode(pass);
    },
    dispose() {
      ready.forEach((op) => op.dispose());
      releaseTensors();
    },
  };
}

interface PropagateOptions {
  layers: ForwardLayer[];
  from: number; // index of the Dense layer whose dZ is known
  to: number; // index of the previous Dense layer, whose dZ is returned
  dZ: GPUBufferBinding;
  batch: number;
  ops: Promise<ComputeOp>[];
  matmul: (options: MatmulOptions) => Promise<MatmulOp>;
  tensor: (label: string, floats: number) => GPUBufferBinding;
}

/**
 * dX = dZ·Wᵀ back through any dropout layers in between, then dZ_prev = dX ⊙ act'(Z_prev).
 * Without dropout in between, act' is fused into the matmul's epilogue.
 */
function propagateToPreviousDense(ctx: GpuContext, cache: PipelineCache, options: PropagateOptions): GPUBufferBinding {
  const { layers, from, to, dZ, batch, ops, matmul, tensor } = options;
  const layer = layers[from] as DenseLayer;
  const previous = layers[to] as DenseLayer;
  const shape = { layout: 'nt' as const, m: batch, k: layer.outputs, n: layer.inputs, a: dZ, b: layer.weights };
  const dZPrevious = tensor(`dense ${previous.index} dZ`, batch * previous.outputs);
  const dropouts = layers.slice(to + 1, from) as Extract<ForwardLayer, { kind: 'dropout' }>[];
  if (dropouts.length === 0) {
    const epilogue = { kind: 'activation-derivative' as const, activation: previous.activation, z: previous.z };
    ops.push(matmul({ ...shape, c: dZPrevious, epilogue }));
    return dZPrevious;
  }
  // Y = D(X) for each dropout: dX = D(dY) with the same mask, from the last dropout back to the first.
  ops.push(matmul({ ...shape, c: dropouts.at(-1)!.dOutput }));
  for (const dropout of [...dropouts].reverse()) ops.push(Promise.resolve({ encode: (pass) => dropout.op.encodeBackward(pass), dispose: () => {} }));
  ops.push(
    createActivationBackward(ctx, cache, {
      activation: previous.activation,
      count: batch * previous.outputs,
      z: previous.z.buffer,
      dY: dropouts[0]!.dInput.buffer,
      dZ: dZPrevious.buffer,
    }),
  );
  return dZPrevious;
}
