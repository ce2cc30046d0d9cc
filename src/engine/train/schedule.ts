// Learning-rate schedules: the factor applied to the base learning rate at a given step.

export type LrSchedule =
  | { kind: 'constant' }
  /** Multiply by `factor` every `everyEpochs` epochs. */
  | { kind: 'step'; everyEpochs: number; factor: number }
  /** Half a cosine from 1 down to `minFactor` over the whole run. */
  | { kind: 'cosine'; minFactor: number };

/** The learning-rate factor at `step` of a run of `totalSteps` with `stepsPerEpoch` steps per epoch. */
export function learningRateFactor(schedule: LrSchedule, step: number, stepsPerEpoch: number, totalSteps: number): number {
  switch (schedule.kind) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.factor ** Math.floor(step / (stepsPerEpoch * schedule.everyEpochs));
    case 'cosine': {
      const progress = Math.min(step / Math.max(totalSteps, 1), 1);
      return schedule.minFactor + (1 - schedule.minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}
