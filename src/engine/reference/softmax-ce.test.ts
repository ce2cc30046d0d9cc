// Unit tier: the softmax + cross-entropy reference against central finite differences, a naive formula and extreme logits.
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { softmaxCrossEntropy } from './softmax-ce';

const meanLoss = (logits: Float64Array, labels: number[], batch: number, classes: number) =>
  softmaxCrossEntropy(logits, labels, batch, classes).lossSum / batch;

describe('softmaxCrossEntropy reference', () => {
  it('has dLogits equal to central finite differences of the mean loss (relative error < 1e-6)', () => {
    const rng = createRng(7);
    const [batch, classes] = [4, 6];
    const logits = Float64Array.from({ length: batch * classes }, () => -3 + 6 * rng.next());
    const labels = [0, 5, 2, 2];
    const { dLogits } = softmaxCrossEntropy(logits, labels, batch, classes);
    const h = 1e-5;
    for (let i = 0; i < logits.length; i++) {
      const [plus, minus] = [Float64Array.from(logits), Float64Array.from(logits)];
      plus[i]! += h;
      minus[i]! -= h;
      const numeric = (meanLoss(plus, labels, batch, classes) - meanLoss(minus, labels, batch, classes)) / (2 * h);
      expect(Math.abs(numeric - dLogits[i]!) / Math.abs(dLogits[i]!), `logit ${i}`).toBeLessThan(1e-6);
    }
  });

  it('matches −log(softmax[label]) computed naively for moderate logits', () => {
    const logits = [1, 2, 3, -1, 0, 0.5];
    const naive = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    const { losses, correct } = softmaxCrossEntropy(logits, [1, 2], 2, 3);
    expect(losses[0]).toBeCloseTo(naive, 14);
    expect(losses[1]).toBeCloseTo(-Math.log(Math.exp(0.5) / (Math.exp(-1) + 1 + Math.exp(0.5))), 14);
    expect(correct).toBe(1);
  });

  it('stays finite for logits of ±1e4', () => {
    const { losses, dLogits } = softmaxCrossEntropy([1e4, -1e4, 0, -1e4, 1e4, 1e4], [1, 0], 2, 3);
    expect(losses[0]).toBeCloseTo(2e4, 8);
    expect(losses[1]).toBeCloseTo(2e4 + Math.log(2), 8);
    expect([...dLogits].every(Number.isFinite)).toBe(true);
  });

  it('ignores rows whose label is out of range', () => {
    const { losses, dLogits, lossSum } = softmaxCrossEntropy([1, 2, 3, 1, 2, 3], [0, 0xffffffff], 2, 3);
    expect(losses[1]).toBe(0);
    expect([...dLogits.subarray(3)]).toEqual([0, 0, 0]);
    expect(lossSum).toBe(losses[0]);
  });
});
