// unit: when an evaluation is a run's new best, and the figures a kept checkpoint opens with.
import { describe, expect, it } from 'vitest';
import type { EvaluationPoint } from '../app-store';
import { checkpointFigures, isNewBest } from './kept-weights';
import { sampleRecord } from './test-fixtures';

const evaluation = (step: number, accuracy: number): EvaluationPoint => ({ step, epoch: step / 10, loss: 1, accuracy, confusion: [] });

describe('isNewBest', () => {
  const earlier = [evaluation(5, 0.7), evaluation(10, 0.8)];

  it('is true for a new evaluation above every earlier one, the first one included', () => {
    expect(isNewBest([evaluation(5, 0.7)], [])).toBe(true);
    expect(isNewBest([...earlier, evaluation(15, 0.85)], earlier)).toBe(true);
  });

  it('is false for a tie, a lower or non-finite accuracy, or when no evaluation came', () => {
    expect(isNewBest([...earlier, evaluation(15, 0.8)], earlier)).toBe(false);
    expect(isNewBest([...earlier, evaluation(15, 0.75)], earlier)).toBe(false);
    expect(isNewBest([...earlier, evaluation(15, Number.NaN)], earlier)).toBe(false);
    expect(isNewBest(earlier, earlier)).toBe(false);
    expect(isNewBest([], [])).toBe(false);
  });
});

describe('checkpointFigures', () => {
  const run = sampleRecord({ evaluations: [evaluation(10, 0.8), evaluation(20, 0.9)] });
  const info = (step: number) => ({ runId: run.id, kind: 'best' as const, step, bytes: 4 });

  it('takes the last evaluation at or before the checkpoint, in whole epochs', () => {
    expect(checkpointFigures(run, info(10))).toEqual({ epochs: 1, testAccuracy: 0.8 });
    expect(checkpointFigures(run, info(25))).toEqual({ epochs: 2, testAccuracy: 0.9 });
  });

  it('has none before any test', () => {
    expect(checkpointFigures(run, info(3))).toBeUndefined();
  });
});
