// unit: the network label and the settings a run changed against the baseline, in words.
import { describe, expect, it } from 'vitest';
import { describeChanges, experimentChanges, networkLabel } from './changes';
import { PRESETS } from '../presets';
import { sampleRecord } from './test-fixtures';

const baseline = sampleRecord().experiment;

describe('experimentChanges', () => {
  it('names the network by its widths, input and output included (dropout has no width)', () => {
    expect(networkLabel(baseline)).toBe('784-64-10');
    const deeper = { ...baseline, spec: { layers: [...baseline.spec.layers, { kind: 'dropout' as const, rate: 0.2 }, { kind: 'dense' as const, units: 32, activation: 'tanh' as const, init: 'glorot' as const }] } };
    expect(networkLabel(deeper)).toBe('784-64-32-10');
    expect(networkLabel({ ...baseline, spec: PRESETS.convnet.spec })).toBe('784-24×24×24-10×10×32-128-10');
    expect(describeChanges(experimentChanges(baseline, deeper))).toBe('network 784-64-10 → 784-64-32-10; layers relu (he) → relu (he), dropout 0.2, tanh (glorot)');
  });

  it('lists only what differs, in a fixed order', () => {
    const run = {
      ...baseline,
      seed: 7,
      settings: { ...baseline.settings, batchSize: 64, hyperparameters: { ...baseline.settings.hyperparameters, learningRate: 0.01 }, schedule: { kind: 'cosine' as const, minFactor: 0.1 } },
    };
    expect(experimentChanges(baseline, run)).toEqual([
      { label: 'learning rate', from: '0.001', to: '0.01' },
      { label: 'schedule', from: 'constant', to: 'cosine to ×0.1' },
      { label: 'batch size', from: '128', to: '64' },
      { label: 'seed', from: '1', to: '7' },
    ]);
  });

  it('says when nothing differs', () => {
    expect(experimentChanges(baseline, structuredClone(baseline))).toEqual([]);
    expect(describeChanges([])).toBe('same settings');
  });
});
