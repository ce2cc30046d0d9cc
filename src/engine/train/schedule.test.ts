// unit: learning-rate schedules.
import { describe, expect, it } from 'vitest';
import { learningRateFactor } from './schedule';

describe('learningRateFactor', () => {
  it('is 1 throughout for a constant schedule', () => {
    expect([0, 10, 1e6].map((step) => learningRateFactor({ kind: 'constant' }, step, 100, 1000))).toEqual([1, 1, 1]);
  });

  it('steps down by the factor every N epochs', () => {
    const schedule = { kind: 'step', everyEpochs: 2, factor: 0.5 } as const;
    expect([0, 199, 200, 399, 400].map((step) => learningRateFactor(schedule, step, 100, 1000))).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });

  it('follows half a cosine from 1 to the minimum and stays there', () => {
    const schedule = { kind: 'cosine', minFactor: 0.1 } as const;
    expect(learningRateFactor(schedule, 0, 10, 100)).toBe(1);
    expect(learningRateFactor(schedule, 50, 10, 100)).toBeCloseTo(0.55, 12);
    expect(learningRateFactor(schedule, 100, 10, 100)).toBeCloseTo(0.1, 12);
    expect(learningRateFactor(schedule, 150, 10, 100)).toBeCloseTo(0.1, 12);
  });
});
