// A Conv2D layer on the GPU: one implicit-GEMM forward with bias + activation; dW and db, and dX (act′ of the layer before fused), backward.
import { createConvBackwardInput, createConvBackwardWeights, createConvForward, type ConvGeometry } from '../../gpu/kernels/conv2d';
import { inputGradient, preActivationGradient } from '../gradients';
import type { GpuBackward, GpuBuild, GpuForward, GpuForwardInput, GpuGradient, GpuLayer, GpuOp } from '../kind';
import { imageWindow, shapeSize } from '../shapes';
import { convWindow, type Conv2dLayerSpec } from './spec';

/** What the backward ops bind from the forward pass. */
interface ConvTensors {
  index: number;
  geometry: ConvGeometry;
  x: GPUBufferBinding; // X: [batch, C, H, W]
  weights: GPUBufferBinding; // W: [C, k, k, F]
  activation: NonNullable<GpuLayer['activation']>; // Z = conv(X, W) + b: [batch, F, outH, outW]
}

export function conv2dGpuForward(build: GpuBuild, layer: Conv2dLayerSpec, { place, x, parameters: [weights, bias] }: GpuForwardInput): GpuForward {
  const { ctx, cache, batch } = build;
  const { index } = place;
  const geometry: ConvGeometry = { batch, ...imageWindow(place.input, place.output, convWindow(layer)) };
  const z = build.tensor(`conv2d ${index} Z`, batch * shapeSize(place.output));
  const y = build.tensor(`conv2d ${index} Y`, batch * shapeSize(place.output));
  const activation = { activation: layer.activation, z };
  const op = createConvForward(ctx, cache, { geometry, activation: layer.activation, x, weights: weights!, bias: bias!, z, y });
  const tensors: ConvTensors = { index, geometry, x, weights: weights!, activation };
  return {
    y,
    layer: op.then((forward) => ({ ...forward, activation, backward: (backwardBuild, gradient) => conv2dGpuBackward(backwardBuild, tensors, gradient) })),
  };
}

function conv2dGpuBackward(build: GpuBuild, t: ConvTensors, { dY, throughActivation, grads: [dW, db], before }: GpuGradient): GpuBackward {
  const { ctx, cache, batch } = build;
  const { geometry } = t;
  const { output, input } = geometry;
  // Y = act(Z) ⇒ dZ = dY ⊙ act′(Z)
  const own = { index: t.index, ...t.activation, floats: batch * output.height * output.width * output.channels };
  const { dZ, ops } = preActivationGradient(build, own, { dY, throughActivation });
  // Z = conv(X, W) + b ⇒ dW = Σ patchᵀ·dZ, db = Σ dZ over samples and positions
  const all: Promise<GpuOp>[] = [...ops, createConvBackwardWeights(ctx, cache, { geometry, x: t.x, dZ, dW: dW!, db: db! })];
  if (!before) return { ops: all };
  // dX = the transposed convolution of dZ with W, through the activation of the layer before when it leaves its buffer here.
  const { dX, through } = inputGradient(build, t.index, before, batch * input.height * input.width * input.channels);
  all.push(createConvBackwardInput(ctx, cache, { geometry, dZ, weights: t.weights, dX, throughActivation: through }));
  return { ops: all, dX: { dY: dX, throughActivation: through !== undefined } };
}
