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
  for (const { spec: layer, kind, place } of network) {
    const offsets = layerTensors(layout, place.index).map((tensor) => tensor.offset);
    const step = kind.reference.forward(layer, { place, batch, x: h, params, offsets, keep: data.dropoutKeep?.[place.index] });
    if (step.tape) tape.push(step.tape);
    h = step.y;
  }
  const loss = softmaxCrossEntropy(h, data.labels, batch, networkSizes(network).classes);
  return { logits: h, meanLoss: loss.lossSum / batch, correct: loss.correct, dLogits: loss.dLogits, tape };
}

/** Gradient of the mean loss with respect to every parameter, in the flat layout (padding stays 0). */
export function mlpGradients(spec: ModelSpec, layout: ParameterLayout, params: ArrayLike<number>, data: MlpBatch): { meanLoss: number; grads: Float64Array } {
  const forward = mlpForward(spec, layout, params, data);
  const grads = new Float64Array(layout.totalFloats);
  let dY = forward.dLogits;
  for (const entry of [...forward.tape].reverse()) dY = kindOf(entry.kind).reference.backward(entry, dY, { batch: data.batch, params, grads });
  return { meanLoss: forward.meanLoss, grads };
}
