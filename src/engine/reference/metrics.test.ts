// Unit tier: the evaluation-count reference: argmax ties, confusion layout and ignored rows.
import { describe, expect, it } from 'vitest';
import { argmax, evaluate } from './metrics';

describe('evaluation reference', () => {
  it('breaks argmax ties toward the lowest index', () => {
    expect(argmax([1, 3, 3, 0], 0, 4)).toBe(1);
    expect(argmax([9, 2, 2, 2, 2], 1, 4)).toBe(0);
  });

  it('counts [true][predicted] and skips rows with an out-of-range label', () => {
    const logits = [0, 1, /**/ 1, 0, /**/ 0, 1, /**/ 5, 0];
    const { predictions, correct, confusion } = evaluate(logits, [1, 1, 0, 0xffffffff], 4, 2);
    expect([...predictions]).toEqual([1, 0, 1, 0]);
    expect(correct).toBe(1);
    expect([...confusion]).toEqual([0, 1, 1, 1]); // true 0 → predicted 1 once; true 1 → predicted 0 once, 1 once
  });

  it("gives each row's predicted-class softmax probability, 1/2 for a tie", () => {
    const { confidence } = evaluate([0, Math.log(3), /**/ 2, 2, /**/ 800, 0], [0, 0, 0], 3, 2);
    expect(confidence[0]).toBeCloseTo(3 / 4, 15);
    expect(confidence[1]).toBe(0.5);
    expect(confidence[2]).toBe(1); // exp(−800) underflows without overflowing anything
  });
});
