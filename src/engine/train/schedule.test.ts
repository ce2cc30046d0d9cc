// unit: learning-rate schedules, set in epochs, as factors per step — following the epochs across batch-size changes.
import { describe, expect, it } from 'vitest';
import { epochScheduleFactor, scheduleFactor } from '../reference/schedule';
import { advancePosition, closeSpentEpoch, epochsCompleted, startPosition, type TrainerPosition } from './progress';
import { stepSchedule, type LrSchedule } from './schedule';

/** Factors at `steps` of a run that keeps one batch size. */
const factors = (schedule: LrSchedule, steps: number[], batchSize: number, trainImages: number, epochs: number) =>
  steps.map((step) => scheduleFactor(stepSchedule(schedule, { epochs, batchSize }, startPosition(), trainImages), step));

interface Applied {
  position: TrainerPosition; // before the step
  factor: number;
}

/** Each step's factor as the kernel applies it: the schedule written at each batch size (`plan`), evaluated at the steps taken. */
function appliedFactors(schedule: LrSchedule, epochs: number, trainImages: number, plan: { batchSize: number; steps: number }[]): Applied[] {
  let position = startPosition();
  const applied: Applied[] = [];
  for (const { batchSize, steps } of plan) {
    position = closeSpentEpoch(position, batchSize, trainImages);
    const written = stepSchedule(schedule, { epochs, batchSize }, position, trainImages);
    for (let s = 0; s < steps; s++) {
      applied.push({ position, factor: scheduleFactor(written, position.step) });
      position = advancePosition(position, 1, batchSize, trainImages);
    }
  }
  return applied;
}

describe('learning-rate schedules', () => {
  it('is 1 throughout for a constant schedule', () => {
    expect(factors({ kind: 'constant' }, [0, 10, 1e6], 10, 1000, 10)).toEqual([1, 1, 1]);
  });

  it('steps down by the factor every N epochs', () => {
    expect(factors({ kind: 'step', everyEpochs: 2, factor: 0.5 }, [0, 199, 200, 399, 400], 10, 1000, 10)).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });

  it('follows half a cosine from 1 to the minimum over the run and stays there', () => {
    const [start, middle, end, after] = factors({ kind: 'cosine', minFactor: 0.1 }, [0, 50, 100, 150], 10, 100, 10);
    expect(start).toBe(1);
    expect(middle).toBeCloseTo(0.55, 12);
    expect(end).toBeCloseTo(0.1, 12);
    expect(after).toBeCloseTo(0.1, 12);
  });

  it('continues from the epochs done when the batch size changes: cosine over 3 epochs, 128 then 32 after epoch 1 on 2,000 images', () => {
    const cosine: LrSchedule = { kind: 'cosine', minFactor: 0 };
    const applied = appliedFactors(cosine, 3, 2000, [
      { batchSize: 128, steps: 15 },
      { batchSize: 32, steps: 124 },
    ]);
    expect(applied).toHaveLength(15 + 124);
    const atChange = applied[15]!;
    expect(atChange.position).toMatchObject({ epoch: 1, epochSamples: 0, step: 15 });
    expect(atChange.factor).toBeCloseTo(0.75, 12); // a third of the run: (1 + cos(π/3)) / 2, not the 8% that step 15 of 186 says
    expect(applied.at(-1)!.factor).toBeCloseTo(epochScheduleFactor(cosine, 3 - 1 / 62, 3), 12); // the last step of 62 in epoch 3
  });

  // Batch sizes that divide the 600 images and the samples where they change: epochs done are whole steps of each size.
  const PLAN = [
    { batchSize: 100, steps: 6 }, // epoch 0
    { batchSize: 25, steps: 8 }, // a third of epoch 1
    { batchSize: 50, steps: 8 }, // the rest of epoch 1
    { batchSize: 150, steps: 4 }, // epoch 2: fewer steps than the epochs before, a negative offset
  ];
  const SCHEDULES: LrSchedule[] = [
    { kind: 'step', everyEpochs: 1, factor: 0.5 },
    { kind: 'cosine', minFactor: 0.1 },
  ];
  it.each(SCHEDULES)('gives every step the factor of the $kind schedule in epochs at the epochs done, across batch-size changes', (schedule) => {
    const applied = appliedFactors(schedule, 3, 600, PLAN);
    applied.forEach(({ position, factor }) => expect(factor).toBeCloseTo(epochScheduleFactor(schedule, epochsCompleted(position, 600), 3), 12));
  });

  it('steps down exactly at each epoch start after a change mid-epoch that leaves a remainder', () => {
    // 1,000 images: 5 steps of 40, then batches of 64 (15 an epoch, 12 left of epoch 0, 8 images dropped at each epoch end).
    const applied = appliedFactors({ kind: 'step', everyEpochs: 1, factor: 0.5 }, 3, 1000, [
      { batchSize: 40, steps: 5 },
      { batchSize: 64, steps: 12 + 15 + 15 },
    ]);
    applied.forEach(({ position, factor }) => expect(factor).toBe(0.5 ** position.epoch));
  });
});
