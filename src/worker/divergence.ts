// A divergence in plain words: what happened, by which step, and what to try instead.
import type { Collapse } from '../engine/train/collapse';
import { CLASS_COUNT } from '../engine/data/mnist';
import type { TrainingSettings } from '../engine/train/trainer';

/** What the session saw: a collapse the detector caught, or a non-finite loss in the window ending at `step`. */
export type Sighting = Collapse | { kind: 'non-finite'; step: number };

/** A figure as a person reads it: 0.31, 0.0003, 4.2e6. */
export function formatFigure(value: number): string {
  return Math.abs(value) >= 1e4 ? value.toExponential(1).replace('e+', 'e') : String(Number(value.toPrecision(3)));
}

/** What happened, as one sentence. */
function whatHappened(seen: Sighting): string {
  switch (seen.kind) {
    case 'non-finite':
      return `The loss became NaN or infinite by step ${seen.step}.`;
    case 'loss-grew': {
      const to = `${formatFigure(seen.peak.loss)} by step ${seen.step}`;
      if (seen.best) return `The loss grew from its best ${formatFigure(seen.best.loss)} (step ${seen.best.step}) to ${to}.`;
      return `The loss rose to ${to}, far above the ${formatFigure(Math.log(CLASS_COUNT))} of a uniform guess.`;
    }
    case 'at-chance':
      return `By step ${seen.step} train accuracy was still at chance (${(100 * seen.accuracy).toFixed(1)}%) with the loss at ${formatFigure(seen.loss)}: the network stopped learning.`;
  }
}

/** What to try with these settings, with concrete values. */
export function whatToTry({ hyperparameters }: TrainingSettings): string {
  const { learningRate, maxGradNorm } = hyperparameters;
  const clipping = maxGradNorm > 0 ? `a tighter gradient clip (max gradient norm ${formatFigure(maxGradNorm / 2)})` : 'gradient clipping (max gradient norm 1)';
  return `Try a lower learning rate (for example ${formatFigure(learningRate / 10)}, a tenth of ${formatFigure(learningRate)}), ${clipping}, or a smaller batch-size change.`;
}

/** `growth` (which layer's norm grew first, from the health statistics) joins what happened, when there is one. */
const withGrowth = (seen: Sighting, growth: string): string => (growth ? `${whatHappened(seen)} ${growth}` : whatHappened(seen));

/** The status message when training was paused and rolled back to the checkpoint at step `rolledBackTo`. */
export function rolledBackMessage(seen: Sighting, settings: TrainingSettings, rolledBackTo: number, growth = ''): string {
  return `Training diverged. ${withGrowth(seen, growth)} The weights were rolled back to step ${rolledBackTo}, the last good checkpoint. ${whatToTry(settings)}`;
}

/** The status message when the collapse guard is off and training goes on. */
export function divergingMessage(seen: Sighting, settings: TrainingSettings, growth = ''): string {
  return `Diverging: ${withGrowth(seen, growth)} Training goes on because pausing on collapse is off. ${whatToTry(settings)}`;
}

/** The status message when training starts again with the settings that diverged at `step`. */
export function againMessage(step: number, settings: TrainingSettings): string {
  return `These settings diverged at step ${step} before. ${whatToTry(settings)}`;
}

/** Whether two settings train alike (the epoch count aside): the same settings diverge the same way again. */
export function trainAlike(a: TrainingSettings, b: TrainingSettings): boolean {
  return a.batchSize === b.batchSize && sameFields(a.hyperparameters, b.hyperparameters) && sameFields(a.schedule, b.schedule);
}

function sameFields(a: object, b: object): boolean {
  const entries = Object.entries(a);
  return entries.length === Object.keys(b).length && entries.every(([key, value]) => (b as Record<string, unknown>)[key] === value);
}
