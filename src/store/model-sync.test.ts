// unit: when the edited experiment needs a new model, and when that would lose training and so asks first.
import { describe, expect, it } from 'vitest';
import { classicExperiment } from '../engine/codecs/test-fixtures';
import type { TrainerConfig } from '../engine/train/trainer';
import { modelKey, rebuildNeed, type ModelSituation } from './model-sync';

const app = (overrides: Partial<ModelSituation>): ModelSituation => ({
  datasetReady: true,
  model: { config: classicExperiment, imported: false },
  hasTrained: false,
  ...overrides,
});
const edited: TrainerConfig = { ...classicExperiment, seed: 99 };

describe('rebuildNeed', () => {
  it('needs nothing when the model is the draft, whatever the settings', () => {
    const otherSettings: TrainerConfig = { ...classicExperiment, settings: { ...classicExperiment.settings, batchSize: 7 } };
    expect(rebuildNeed(app({}), otherSettings)).toBe('none');
  });

  it('rebuilds at once when nothing has been trained, and asks once something has', () => {
    expect(rebuildNeed(app({}), edited)).toBe('now');
    expect(rebuildNeed(app({ model: null }), edited)).toBe('now');
    expect(rebuildNeed(app({ hasTrained: true }), edited)).toBe('ask');
    expect(rebuildNeed(app({ model: { config: classicExperiment, imported: true } }), edited)).toBe('ask');
  });

  it('waits for the GPU and for a valid network', () => {
    expect(rebuildNeed(app({ datasetReady: false }), edited)).toBe('blocked');
    expect(rebuildNeed(app({}), { ...edited, spec: { layers: [{ kind: 'dense', units: 0, activation: 'relu', init: 'he' }] } })).toBe('blocked');
  });

  it('reports a model being built, or refused, for this very draft', () => {
    expect(rebuildNeed(app({ modelRequest: { key: modelKey(edited), state: 'building' } }), edited)).toBe('building');
    expect(rebuildNeed(app({ modelRequest: { key: modelKey(edited), state: 'failed', message: 'too big' } }), edited)).toBe('failed');
    expect(rebuildNeed(app({ modelRequest: { key: 'another', state: 'failed', message: 'too big' } }), edited)).toBe('now');
  });
});
