// Float64 reference of the learning-rate factor the optimizer kernel applies before each step, and of the schedule in epochs it follows.
import type { StepSchedule } from '../optimizers';
import type { LrSchedule } from '../train/schedule';

/** Half a cosine from 1 at progress 0 down to `minFactor` at progress 1. */
const cosineFactor = (progress: number, minFactor: number) => minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));

/** The factor for the step after `steps` completed ones. */
export function scheduleFactor(schedule: StepSchedule, steps: number): number {
  switch (schedule.kind) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.factor ** Math.floor((steps + schedule.stepOffset) / schedule.stepsPerDecay);
    case 'cosine':
      return cosineFactor(Math.min((steps + schedule.stepOffset) / schedule.totalSteps, 1), schedule.minFactor);
  }
}

/** The factor of `schedule`, as a person sets it, once `epochsDone` (fractional) of a run's `epochs` are done. */
export function epochScheduleFactor(schedule: LrSchedule, epochsDone: number, epochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.factor ** Math.floor(epochsDone / schedule.everyEpochs);
    case 'cosine':
      return cosineFactor(Math.min(epochsDone / epochs, 1), schedule.minFactor);
  }
}
