// unit: divergence in plain words — what happened by which step, concrete values to try, and when settings train alike.
import { describe, expect, it } from 'vitest';
import { adamExperiment } from '../../tests/fixtures/experiment';
import { divergingMessage, formatFigure, rolledBackMessage, trainAlike, whatToTry } from './divergence';

const { settings } = adamExperiment({ layers: [] }, { seed: 1, trainImages: 100, batchSize: 10, learningRate: 10, epochs: 3 });

describe('divergence messages', () => {
  it('formats figures as a person reads them', () => {
    expect([0.3101, 0.0003, 2.302585, 4_213_000, 10].map(formatFigure)).toEqual(['0.31', '0.0003', '2.3', '4.2e6', '10']);
  });

  it('says what grew, from what, by which step, where it rolled back to and what to try', () => {
    const message = rolledBackMessage({ kind: 'loss-grew', step: 180, peak: { loss: 4.2e6, step: 176 }, best: { loss: 0.31, step: 120 } }, settings, 0);
    expect(message).toBe(
      'Training diverged. The loss grew from its best 0.31 (step 120) to 4.2e6 by step 180. The weights were rolled back to step 0, the last good checkpoint. ' +
        'Try a lower learning rate (for example 1, a tenth of 10), gradient clipping (max gradient norm 1), or a smaller batch-size change.',
    );
    expect(rolledBackMessage({ kind: 'non-finite', step: 8 }, settings, 0)).toMatch(/NaN or infinite by step 8/);
    const fromStart = rolledBackMessage({ kind: 'loss-grew', step: 24, peak: { loss: 1.8e4, step: 8 } }, settings, 0);
    expect(fromStart).toMatch(/The loss rose to 1\.8e4 by step 24, far above the 2\.3 of a uniform guess\./);
  });

  it('warns without pausing when the guard is off, and suggests a tighter clip when clipping is on', () => {
    const seen = { kind: 'at-chance', step: 200, loss: 2.3, accuracy: 0.098 } as const;
    expect(divergingMessage(seen, settings)).toMatch(/^Diverging: By step 200 train accuracy was still at chance \(9\.8%\).*Training goes on/);
    const clipped = { ...settings, hyperparameters: { ...settings.hyperparameters, maxGradNorm: 4 } };
    expect(whatToTry(clipped)).toContain('a tighter gradient clip (max gradient norm 2)');
  });

  it('counts settings alike whatever the epochs and the order of their fields, and unlike for any other change', () => {
    const reordered = { epochs: 9, schedule: settings.schedule, hyperparameters: { ...settings.hyperparameters }, batchSize: settings.batchSize };
    expect(trainAlike(settings, reordered)).toBe(true);
    expect(trainAlike(settings, { ...settings, hyperparameters: { ...settings.hyperparameters, learningRate: 1 } })).toBe(false);
    expect(trainAlike(settings, { ...settings, batchSize: 20 })).toBe(false);
  });
});
