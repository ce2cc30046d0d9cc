// A Dense layer on the GPU: one fused matmul + bias + activation forward; dW, db and dX (act′ of the layer before fused) backward.
import { createColumnSum } from '../../gpu/kernels/column-sum';
import { createMatmul } from '../../gpu/kernels/matmul';
import { inputGradient, preActivationGradient } from '../gradients';
import type { GpuBackward, GpuBuild, GpuForward, GpuForwardInput, GpuGradient, GpuLayer } from '../kind';
import { shapeSize } from '../shapes';
import type { DenseLayerSpec } from './spec';

/** What the backward ops bind from the forward pass. */
interface DenseTensors {
  index: number;
  inputs: number;
  outputs: number;
  x: GPUBufferBinding; // X: [batch, inputs], the input flattened
  z: GPUBufferBinding; // Z = X·W + b: [batch, outputs]
  y: GPUBufferBinding; // Y = act(Z): [batch, outputs]
  weights: GPUBufferBinding; // W: [inputs, outputs]
  activation: NonNullable<GpuLayer['activation']>;
}

export function denseGpuForward(build: GpuBuild, layer: DenseLayerSpec, { place, x, parameters: [weights, bias] }: GpuForwardInput): GpuForward {
  const { ctx, cache, batch, quickStart } = build;
  const [index, inputs, outputs] = [place.index, shapeSize(place.input), layer.units];
  const z = build.tensor(`dense ${index} Z`, batch * outputs);
  const y = build.tensor(`dense ${index} Y`, batch * outputs);
  const activation = { activation: layer.activation, z };
  const epilogue = { kind: 'bias-activation' as const, bias: bias!, ...activation };
  const op = createMatmul(ctx, cache, { layout: 'nn', m: batch, k: inputs, n: outputs, a: x, b: weights!, c: y, epilogue, quickStart });
  const tensors: DenseTensors = { index, inputs, outputs, x, z, y, weights: weights!, activation };
  return {
    y,
    layer: op.then((matmul) => ({
      encode: matmul.encode,
      dispose: matmul.dispose,
      switchToFastPath: matmul.switchToFastPath,
      activation,
      backward: (backwardBuild, gradient) => denseGpuBackward(backwardBuild, tensors, gradient),
    })),
  };
}

function denseGpuBackward(build: GpuBuild, t: DenseTensors, { dY, throughActivation, grads: [dW, db], before, unitStats }: GpuGradient): GpuBackward {
  const { ctx, cache, batch, quickStart } = build;
  // Y = act(Z) ⇒ dZ = dY ⊙ act′(Z); a linear act′ is 1, so dZ is dY.
  const { dZ, ops } = preActivationGradient(build, { index: t.index, ...t.activation, floats: batch * t.outputs }, { dY, throughActivation });
  // Z = X·W + b ⇒ dW = Xᵀ·dZ [inputs, outputs], db = Σ_rows dZ [outputs]; the health statistics read Y in that pass.
  ops.push(createMatmul(ctx, cache, { layout: 'tn', m: t.inputs, k: batch, n: t.outputs, a: t.x, b: dZ, c: dW!, quickStart }));
  ops.push(createColumnSum(ctx, cache, { rows: batch, cols: t.outputs, dY: dZ, db: db!, unitStats: unitStats && { y: t.y, target: unitStats } }));
  const health = unitStats ? { recordsUnitStats: true as const } : {};
  if (!before) return { ops, ...health };
  // dX = dZ·Wᵀ, through the activation of the layer before when it has one and leaves the buffer to this layer.
  const { dX, through } = inputGradient(build, t.index, before, batch * t.inputs);
  const epilogue = through && { kind: 'activation-derivative' as const, ...through };
  ops.push(createMatmul(ctx, cache, { layout: 'nt', m: batch, k: t.outputs, n: t.inputs, a: dZ, b: t.weights, c: dX, epilogue, quickStart }));
  return { ops, dX: { dY: dX, throughActivation: through !== undefined }, ...health };
}
