// Learning-rate schedules as a person sets them (in epochs), and in steps as the optimizer kernel runs them.
import type { StepSchedule } from '../optimizers';
import { stepsAtBatchSize, stepsPerEpoch, type RunLength, type TrainerPosition } from './progress';

export type LrSchedule =
  | { kind: 'constant' }
  /** Multiply by `factor` every `everyEpochs` epochs. */
  | { kind: 'step'; everyEpochs: number; factor: number }
  /** Half a cosine from 1 down to `minFactor` over the whole run. */
  | { kind: 'cosine'; minFactor: number };

/**
 * `schedule` in steps of `batchSize`, for the kernel to run from `position` on. The schedule follows epochs, not steps:
 * steps taken at another batch size count as the steps of this size that would have reached the same place
 * (stepsAtBatchSize), so every epoch end falls where the schedule expects it. Without a batch-size change stepOffset is 0.
 */
export function stepSchedule(schedule: LrSchedule, { epochs, batchSize }: RunLength, position: TrainerPosition, trainImages: number): StepSchedule {
  const perEpoch = stepsPerEpoch(batchSize, trainImages);
  const stepOffset = stepsAtBatchSize(position, batchSize, trainImages) - position.step;
  switch (schedule.kind) {
    case 'constant':
      return schedule;
    case 'step':
      return { kind: 'step', stepsPerDecay: Math.max(perEpoch * schedule.everyEpochs, 1), factor: schedule.factor, stepOffset };
    case 'cosine':
      return { kind: 'cosine', totalSteps: Math.max(perEpoch * epochs, 1), minFactor: schedule.minFactor, stepOffset };
  }
}
