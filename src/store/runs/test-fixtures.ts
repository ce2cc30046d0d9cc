// A run record for the runs tests: one hidden layer, two train windows (the second with a NaN loss) and one evaluation.
import { adamExperiment } from '../../../tests/fixtures/experiment';
import { RUN_RECORD_VERSION, type RunRecord } from './run-record';

export const sampleRecord = (overrides: Partial<RunRecord> = {}): RunRecord => ({
  version: RUN_RECORD_VERSION,
  id: 'run-a',
  name: 'First',
  pinned: false,
  startedAt: Date.UTC(2025, 2, 14, 9, 5),
  durationMs: 42_000,
  experiment: adamExperiment({ layers: [{ kind: 'dense', units: 64, activation: 'relu', init: 'he' }] }, { seed: 1, trainImages: 2000, batchSize: 128, learningRate: 0.001, epochs: 1 }),
  trainMetrics: [
    { step: 8, epoch: 0.5, steps: 8, loss: 1.9, accuracy: 0.4, samplesPerSecond: 900 },
    { step: 15, epoch: 1, steps: 7, loss: Number.NaN, accuracy: 0.6, samplesPerSecond: 950 },
  ],
  evaluations: [{ step: 15, epoch: 1, loss: 0.8, accuracy: 0.81, confusion: [1, 2] }],
  ...overrides,
});
