// unit: run accounting from samples seen — positions across batch-size changes, epochs completed, progress and steps left.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advancePosition,
  closeSpentEpoch,
  epochsCompleted,
  runProgress,
  startPosition,
  stepsAtBatchSize,
  stepsLeftInEpoch,
  stepsPerEpoch,
  type TrainerPosition,
} from './progress';

/** Submits hold at most this many steps, as in the trainer. */
const STEPS_PER_SUBMIT = 8;

interface Segment {
  steps: number;
  batchSize: number;
}

interface Simulated {
  positions: { position: TrainerPosition; batchSize: number }[];
  /** Per epoch, how often each offset into its permutation was trained on. */
  visits: number[][];
}

/** Runs `plan` as the trainer does: each segment sets a batch size (a settings change), then takes up to `steps` steps. */
function simulate(trainImages: number, epochs: number, plan: readonly Segment[]): Simulated {
  let position = startPosition();
  const positions = [{ position, batchSize: plan[0]!.batchSize }];
  const visits: number[][] = [];
  for (const { steps, batchSize } of plan) {
    position = closeSpentEpoch(position, batchSize, trainImages);
    positions.push({ position, batchSize });
    for (let left = steps; left > 0 && position.epoch < epochs; ) {
      const submit = Math.min(left, STEPS_PER_SUBMIT, stepsLeftInEpoch(position, batchSize, trainImages));
      const seen = (visits[position.epoch] ??= new Array<number>(trainImages).fill(0));
      for (let offset = position.epochSamples; offset < position.epochSamples + submit * batchSize; offset++) seen[offset] = (seen[offset] ?? 0) + 1;
      position = advancePosition(position, submit, batchSize, trainImages);
      positions.push({ position, batchSize });
      left -= submit;
    }
  }
  return { positions, visits };
}

const runs = fc
  .record({
    trainImages: fc.integer({ min: 1, max: 300 }),
    epochs: fc.integer({ min: 1, max: 4 }),
    plan: fc.array(fc.record({ steps: fc.integer({ min: 1, max: 40 }), batchSize: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 12 }),
  })
  .map(({ trainImages, epochs, plan }) => ({ trainImages, epochs, plan: plan.map((s) => ({ ...s, batchSize: 1 + ((s.batchSize - 1) % trainImages) })) }));

describe('positions across batch-size changes', () => {
  it('visit each offset of an epoch at most once, within the training images, and count samples and steps', () => {
    fc.assert(
      fc.property(runs, ({ trainImages, epochs, plan }) => {
        const { positions, visits } = simulate(trainImages, epochs, plan);
        for (const seen of visits) {
          expect(seen).toHaveLength(trainImages);
          expect(seen.every((count) => count <= 1)).toBe(true);
        }
        const last = positions.at(-1)!.position;
        const visited = visits.flat().reduce((sum, count) => sum + count, 0);
        expect(last.samples).toBe(visited);
        expect(last.epoch).toBeLessThanOrEqual(epochs);
        // Less than one batch is ever left unvisited at the end of an epoch.
        positions.forEach(({ position, batchSize }) => expect(stepsLeftInEpoch(position, batchSize, trainImages)).toBeGreaterThan(0));
      }),
    );
  });

  it('continues an epoch from its offset after a batch-size change, and ends it when less than a batch is left', () => {
    const afterFive = advancePosition(startPosition(), 5, 100, 1000);
    expect(afterFive).toEqual({ epoch: 0, epochSamples: 500, samples: 500, step: 5 });
    const atThirty = closeSpentEpoch(afterFive, 30, 1000);
    expect(atThirty).toBe(afterFive);
    expect(stepsLeftInEpoch(atThirty, 30, 1000)).toBe(16);
    expect(advancePosition(atThirty, 16, 30, 1000)).toEqual({ epoch: 1, epochSamples: 0, samples: 980, step: 21 });
    expect(closeSpentEpoch({ epoch: 0, epochSamples: 980, samples: 980, step: 40 }, 30, 1000)).toEqual({ epoch: 1, epochSamples: 0, samples: 980, step: 40 });
  });
});

describe('stepsAtBatchSize', () => {
  it('counts the steps taken when the batch size never changed, remainders dropped or not', () => {
    for (const [trainImages, batchSize] of [[1000, 10], [1000, 64], [7, 3], [600, 600]] as const) {
      const { positions } = simulate(trainImages, 3, [{ steps: 1000, batchSize }]);
      positions.forEach(({ position }) => expect(stepsAtBatchSize(position, batchSize, trainImages)).toBe(position.step));
    }
  });

  it('across batch-size changes: a whole epoch count at each epoch start, one offset from the steps taken per batch size, within a step of the epochs done', () => {
    fc.assert(
      fc.property(runs, ({ trainImages, epochs, plan }) => {
        const { positions } = simulate(trainImages, epochs, plan);
        let previous = positions[0]!;
        for (const current of positions) {
          const { position, batchSize } = current;
          const steps = stepsAtBatchSize(position, batchSize, trainImages);
          const perEpoch = stepsPerEpoch(batchSize, trainImages);
          if (position.epochSamples === 0) expect(steps).toBe(position.epoch * perEpoch);
          if (batchSize === previous.batchSize) {
            expect(steps - position.step).toBe(stepsAtBatchSize(previous.position, batchSize, trainImages) - previous.position.step);
          }
          expect(Math.abs(steps - epochsCompleted(position, trainImages) * perEpoch)).toBeLessThan(1);
          previous = current;
        }
      }),
    );
  });
});

describe('runProgress', () => {
  it('is never past 100% or the total, never shrinks as samples grow, and reaches the end exactly', () => {
    fc.assert(
      fc.property(runs, ({ trainImages, epochs, plan }) => {
        const { positions } = simulate(trainImages, epochs, plan);
        let previous = runProgress(positions[0]!.position, { epochs, batchSize: positions[0]!.batchSize }, trainImages);
        for (const { position, batchSize } of positions) {
          const progress = runProgress(position, { epochs, batchSize }, trainImages);
          expect(progress.fraction).toBeGreaterThanOrEqual(previous.fraction);
          expect(progress.epochsDone).toBeGreaterThanOrEqual(previous.epochsDone);
          expect(progress.fraction).toBeLessThanOrEqual(1);
          expect(progress.totalSteps).toBeGreaterThanOrEqual(position.step);
          expect(progress.samplesLeft).toBe((progress.totalSteps - position.step) * batchSize);
          if (position.epoch >= epochs) expect(progress.samplesLeft).toBe(0);
          if (position.epochSamples === 0) expect(Number.isInteger(progress.epochsDone)).toBe(true);
          previous = progress;
        }
      }),
    );
  });

  it('at one batch size, knows the whole run from the start and ends at 100% with nothing left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 5 }), (trainImages, batch, epochs) => {
        const batchSize = 1 + ((batch - 1) % trainImages);
        const total = Math.floor(trainImages / batchSize) * epochs;
        const { positions } = simulate(trainImages, epochs, [{ steps: total + 10, batchSize }]);
        positions.forEach(({ position }) => expect(runProgress(position, { epochs, batchSize }, trainImages).totalSteps).toBe(total));
        const end = runProgress(positions.at(-1)!.position, { epochs, batchSize }, trainImages);
        expect(end).toEqual({ epochsDone: epochs, fraction: 1, totalSteps: total, samplesLeft: 0 });
      }),
    );
  });

  it('counts what is left at the new batch size after a change (5 steps of 100, then 30, on 1,000 images, 2 epochs)', () => {
    const position = advancePosition(startPosition(), 5, 100, 1000);
    expect(runProgress(position, { epochs: 2, batchSize: 30 }, 1000)).toEqual({
      epochsDone: 0.5,
      fraction: 0.25,
      totalSteps: 5 + 16 + 33,
      samplesLeft: (16 + 33) * 30,
    });
  });

  it('stays at 100% and the steps taken when the epochs setting drops below the epochs done', () => {
    const position: TrainerPosition = { epoch: 3, epochSamples: 0, samples: 3000, step: 30 };
    expect(runProgress(position, { epochs: 2, batchSize: 100 }, 1000)).toEqual({ epochsDone: 3, fraction: 1, totalSteps: 30, samplesLeft: 0 });
  });
});
