// Learning-rate schedules as a person sets them (in epochs), and in steps as the optimizer kernel runs them.
import type { StepSchedule } from '../optimizers';

export type LrSchedule =
  | { kind: 'constant' }
  /** Multiply by `factor` every `everyEpochs` epochs. */
  | { kind: 'step'; everyEpochs: number; factor: number }
  /** Half a cosine from 1 down to `minFactor` over the whole run. */
  | { kind: 'cosine'; minFactor: number };

/** `schedule` in steps, for a run of `totalSteps` with `stepsPerEpoch` steps per epoch. */
export function stepSchedule(schedule: LrSchedule, stepsPerEpoch: number, totalSteps: number): StepSchedule {
  switch (schedule.kind) {
    case 'constant':
      return schedule;
    case 'step':
      return { kind: 'step', stepsPerDecay: Math.max(stepsPerEpoch * schedule.everyEpochs, 1), factor: schedule.factor };
    case 'cosine':
      return { kind: 'cosine', totalSteps: Math.max(totalSteps, 1), minFactor: schedule.minFactor };
  }
}
