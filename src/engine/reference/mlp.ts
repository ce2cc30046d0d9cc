// Float64 reference of a whole MLP training step: forward, softmax cross-entropy, backward into the flat layout.
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';
import type { ParameterLayout } from '../model/parameters';
import { OUTPUT_LAYER, type ModelSpec } from '../model/spec';
import { activationDerivative, activationForward } from './activations';
import { columnSum } from './column-sum';
import { applyDropout } from './dropout';
import { matmul } from './matmul';
import { softmaxCrossEntropy } from './softmax-ce';

/** What backward needs from one layer's forward pass. */
type TapeEntry =
  | { kind: 'dense'; x: Float64Array; z: Float64Array; inputs: number; outputs: number; weightOffset: number; biasOffset: number; activation: Parameters<typeof activationForward>[0] }
  | { kind: 'dropout'; keep: Uint8Array; rate: number };

export interface MlpBatch {
  x: ArrayLike<number>; // [batch, 784]
  labels: ArrayLike<number>; // [batch]
  batch: number;
  /** Keep masks per dropout layer index; dropout layers without one pass values through (evaluation). */
  dropoutKeep?: Record<number, Uint8Array>;
}

export interface MlpForwardResult {
  logits: Float64Array; // [batch, 10]
  meanLoss: number;
  correct: number;
  dLogits: Float64Array; // [batch, 10]
  tape: TapeEntry[];
}

export function mlpForward(spec: ModelSpec, layout: ParameterLayout, params: ArrayLike<number>, data: MlpBatch): MlpForwardResult {
  const { batch } = data;
  let h = Float64Array.from(data.x);
  let width = PIXELS_PER_IMAGE;
  const tape: TapeEntry[] = [];
  [...spec.layers, OUTPUT_LAYER].forEach((layer, index) => {
    if (layer.kind === 'dropout') {
      const keep = data.dropoutKeep?.[index];
      if (!keep) return;
      tape.push({ kind: 'dropout', keep, rate: layer.rate });
      h = applyDropout(h, keep, layer.rate);
      return;
    }
    const { weightOffset, biasOffset } = layout.dense.find((d) => d.layerIndex === index)!;
    const w = Array.prototype.slice.call(params, weightOffset, weightOffset + width * layer.units) as number[];
    // Z = X·W + b: [batch, units]
    const z = matmul('nn', h, w, { m: batch, k: width, n: layer.units });
    for (let i = 0; i < z.length; i++) z[i]! += params[biasOffset + (i % layer.units)]!;
    tape.push({ kind: 'dense', x: h, z, inputs: width, outputs: layer.units, weightOffset, biasOffset, activation: layer.activation });
    h = z.map((value) => activationForward(layer.activation, value));
    width = layer.units;
  });
  const loss = softmaxCrossEntropy(h, data.labels, batch, CLASS_COUNT);
  return { logits: h, meanLoss: loss.lossSum / batch, correct: loss.correct, dLogits: loss.dLogits, tape };
}

/** Gradient of the mean loss with respect to every parameter, in the flat layout (padding stays 0). */
export function mlpGradients(spec: ModelSpec, layout: ParameterLayout, params: ArrayLike<number>, data: MlpBatch): { meanLoss: number; grads: Float64Array } {
  const forward = mlpForward(spec, layout, params, data);
  const grads = new Float64Array(layout.totalFloats);
  let dY = forward.dLogits;
  for (const entry of [...forward.tape].reverse()) {
    if (entry.kind === 'dropout') {
      // Y = X ⊙ keep / (1 − rate)  ⇒  dX = dY ⊙ keep / (1 − rate)
      dY = applyDropout(dY, entry.keep, entry.rate);
      continue;
    }
    const { x, z, inputs, outputs, weightOffset, biasOffset, activation } = entry;
    const batch = data.batch;
    // Y = act(Z) ⇒ dZ = dY ⊙ act'(Z)
    const dZ = dY.map((value, i) => value * activationDerivative(activation, z[i]!));
    // Z = X·W + b ⇒ dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ
    grads.set(matmul('tn', x, dZ, { m: inputs, k: batch, n: outputs }), weightOffset);
    grads.set(columnSum(dZ, batch, outputs), biasOffset);
    const w = Array.prototype.slice.call(params, weightOffset, weightOffset + inputs * outputs) as number[];
    dY = matmul('nt', dZ, w, { m: batch, k: outputs, n: inputs });
  }
  return { meanLoss: forward.meanLoss, grads };
}
