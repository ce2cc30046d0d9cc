// Float64 reference of fused softmax + cross-entropy: per-row loss by log-sum-exp and dLogits of the mean loss.
import { argmax } from './metrics';

export interface SoftmaxCrossEntropyResult {
  losses: Float64Array<ArrayBuffer>; // [batch]
  dLogits: Float64Array<ArrayBuffer>; // [batch, classes]: ∂(Σ loss / batch)/∂logits
  lossSum: number;
  correct: number;
}

/**
 * logits: [batch, classes], labels: [batch]. A row whose label is ≥ classes is ignored: zero loss, zero gradient.
 * loss = log Σ_c exp(x_c) − x_label, computed as (top − x_label) + log Σ_c exp(x_c − top);
 * ∂loss/∂x_c = softmax_c − [c = label], divided by batch for the mean loss.
 */
export function softmaxCrossEntropy(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  batch: number,
  classes: number,
): SoftmaxCrossEntropyResult {
  const losses = new Float64Array(batch);
  const dLogits = new Float64Array(batch * classes);
  let correct = 0;
  for (let row = 0; row < batch; row++) {
    const base = row * classes;
    const label = labels[row]!;
    if (label >= classes) continue;
    const predicted = argmax(logits, base, classes);
    const top = logits[base + predicted]!;
    let sumExp = 0;
    for (let c = 0; c < classes; c++) sumExp += Math.exp(logits[base + c]! - top);
    for (let c = 0; c < classes; c++) {
      dLogits[base + c] = (Math.exp(logits[base + c]! - top) / sumExp - (c === label ? 1 : 0)) / batch;
    }
    losses[row] = top - logits[base + label]! + Math.log(sumExp);
    if (predicted === label) correct++;
  }
  return { losses, dLogits, lossSum: losses.reduce((sum, loss) => sum + loss, 0), correct };
}
