// Float64 reference of a whole training step: each layer kind's forward, softmax cross-entropy, each kind's backward into the flat layout.
import { layerTensors, type ParameterLayout } from '../model/parameters';
import { networkLayers, networkSizes } from '../model/network';
import type { ModelSpec } from '../model/spec';
import { kindOf, type LayerTape } from '../layers/registry';
import { softmaxCrossEntropy } from './softmax-ce';

/** What backward needs from one layer's forward pass. */
export type TapeEntry = LayerTape;

export interface MlpBatch {
  x: ArrayLike<number>; // [batch, input size]: [batch, 784] for MNIST
  labels: ArrayLike<number>; // [batch]
  batch: number;
  /** Keep masks per dropout layer index; dropout layers without one pass values through (evaluation). */
  dropoutKeep?: Record<number, Uint8Array>;
}

export interface MlpForwardResult {
  logits: Float64Array; // [batch, classes]
  /** Each layer's output Y, by its index in [...hidden layers, output layer]: [batch, ...output]. */
  layerOutputs: Float64Array[];
  meanLoss: number;
  correct: number;
  dLogits: Float64Array; // [batch, classes]
  tape: TapeEntry[];
}

export function mlpForward(spec: ModelSpec, layout: ParameterLayout, params: ArrayLike<number>, data: MlpBatch): MlpForwardResult {
  const { batch } = data;
  const network = networkLayers(spec);
  let h: Float64Array = Float64Array.from(data.x);
  const tape: TapeEntry[] = [];
  const layerOutputs: Float64Array[] = [];
  for (const { spec: layer, kind, place } of network) {
    const offsets = layerTensors(layout, place.index).map((tensor) => tensor.offset);
    const step = kind.reference.forward(layer, { place, batch, x: h, params, offsets, keep: data.dropoutKeep?.[place.index] });
    if (step.tape) tape.push(step.tape);
    h = step.y;
    layerOutputs.push(h);
  }
  const loss = softmaxCrossEntropy(h, data.labels, batch, networkSizes(network).classes);
  return { logits: h, layerOutputs, meanLoss: loss.lossSum / batch, correct: loss.correct, dLogits: loss.dLogits, tape };
}

/** dLogits back through every taped layer: parameter gradients into `grads` (flat layout), ∂/∂input returned. */
function backpropagate(tape: readonly TapeEntry[], dLogits: Float64Array, context: { batch: number; params: ArrayLike<number>; grads: Float64Array }): Float64Array {
  let dY = dLogits;
  for (const entry of [...tape].reverse()) dY = kindOf(entry.kind).reference.backward(entry, dY, context);
  return dY;
}

/** Gradient of the mean loss with respect to every parameter, in the flat layout (padding stays 0). */
export function mlpGradients(spec: ModelSpec, layout: ParameterLayout, params: ArrayLike<number>, data: MlpBatch): { meanLoss: number; grads: Float64Array } {
  const forward = mlpForward(spec, layout, params, data);
  const grads = new Float64Array(layout.totalFloats);
  backpropagate(forward.tape, forward.dLogits, { batch: data.batch, params, grads });
  return { meanLoss: forward.meanLoss, grads };
}

/**
 * ∂(logit of class targets[row])/∂x for each row of the batch x [targets.length, input size], without dropout (evaluation).
 * At the predicted class it is each image's saliency map.
 */
export function mlpInputGradient(spec: ModelSpec, layout: ParameterLayout, params: ArrayLike<number>, x: ArrayLike<number>, targets: readonly number[]): Float64Array {
  const batch = targets.length;
  const forward = mlpForward(spec, layout, params, { x, labels: targets, batch });
  const classes = forward.logits.length / batch;
  const dLogits = new Float64Array(forward.logits.length);
  targets.forEach((target, row) => (dLogits[row * classes + target] = 1));
  return backpropagate(forward.tape, dLogits, { batch, params, grads: new Float64Array(layout.totalFloats) });
}
