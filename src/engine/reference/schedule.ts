// Float64 reference of the learning-rate factor the optimizer kernel applies before each step.
import type { StepSchedule } from '../optimizers';

/** The factor for the step after `steps` completed ones. */
export function scheduleFactor(schedule: StepSchedule, steps: number): number {
  switch (schedule.kind) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.factor ** Math.floor(steps / schedule.stepsPerDecay);
    case 'cosine': {
      const progress = Math.min(steps / schedule.totalSteps, 1);
      return schedule.minFactor + (1 - schedule.minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}
