// unit: learning-rate schedules, set in epochs, as factors per step.
import { describe, expect, it } from 'vitest';
import { scheduleFactor } from '../reference/schedule';
import { stepSchedule, type LrSchedule } from './schedule';

const factors = (schedule: LrSchedule, steps: number[], stepsPerEpoch: number, totalSteps: number) =>
  steps.map((step) => scheduleFactor(stepSchedule(schedule, stepsPerEpoch, totalSteps), step));

describe('learning-rate schedules', () => {
  it('is 1 throughout for a constant schedule', () => {
    expect(factors({ kind: 'constant' }, [0, 10, 1e6], 100, 1000)).toEqual([1, 1, 1]);
  });

  it('steps down by the factor every N epochs', () => {
    expect(factors({ kind: 'step', everyEpochs: 2, factor: 0.5 }, [0, 199, 200, 399, 400], 100, 1000)).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });

  it('follows half a cosine from 1 to the minimum over the run and stays there', () => {
    const [start, middle, end, after] = factors({ kind: 'cosine', minFactor: 0.1 }, [0, 50, 100, 150], 10, 100);
    expect(start).toBe(1);
    expect(middle).toBeCloseTo(0.55, 12);
    expect(end).toBeCloseTo(0.1, 12);
    expect(after).toBeCloseTo(0.1, 12);
  });
});
