// unit: the experiment store's layer editing actions (insert, move, remove, update) and the spec they produce.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conv2dLayerSpec } from '../engine/layers/conv2d';
import { MAX_HIDDEN_LAYERS, validateModelSpec } from '../engine/model/spec';
import { PRESETS } from './presets';
import { draftSpec, experimentConfig, presetOf, useExperimentStore } from './experiment-store';

const store = () => useExperimentStore.getState();
const kinds = () => store().layers.map((layer) => (layer.kind === 'dense' ? `dense ${layer.units}` : layer.kind === 'dropout' ? `dropout ${layer.rate}` : layer.kind));

beforeEach(() => {
  useExperimentStore.setState(useExperimentStore.getInitialState(), true);
});

describe('useExperimentStore', () => {
  it('starts from the classic preset, with a distinct id per layer', () => {
    expect(draftSpec(store().layers)).toEqual(PRESETS.classic.spec);
    expect(new Set(store().layers.map((layer) => layer.id)).size).toBe(store().layers.length);
  });

  it('inserts a new layer at a position, clamped to the list, and marks the experiment custom', () => {
    store().insertLayer('dropout', 1);
    expect(kinds()).toEqual(['dense 128', 'dropout 0.2', 'dense 64']);
    store().insertLayer('dense', 99);
    store().insertLayer('dropout', -3);
    expect(kinds()).toEqual(['dropout 0.2', 'dense 128', 'dropout 0.2', 'dense 64', 'dense 64']);
    expect(store().preset).toBe('custom');
  });

  it('inserts nothing once the network has the most hidden layers allowed', () => {
    for (let i = 0; i < MAX_HIDDEN_LAYERS + 3; i++) store().insertLayer('dense', 0);
    expect(store().layers).toHaveLength(MAX_HIDDEN_LAYERS);
  });

  it('moves a layer, and ignores moves to or from positions that do not exist', () => {
    store().insertLayer('dropout', 2);
    store().moveLayer(2, 0);
    expect(kinds()).toEqual(['dropout 0.2', 'dense 128', 'dense 64']);
    store().moveLayer(0, 2);
    expect(kinds()).toEqual(['dense 128', 'dense 64', 'dropout 0.2']);
    const before = store().layers;
    store().moveLayer(0, 3);
    store().moveLayer(-1, 0);
    store().moveLayer(1, 1);
    expect(store().layers).toBe(before);
  });

  it('keeps the preset name when a move or removal changes nothing', () => {
    store().moveLayer(1, 1);
    store().removeLayer('no-such-layer');
    expect(store().preset).toBe('classic');
  });

  it('removes a layer by id', () => {
    const [first] = store().layers;
    store().removeLayer(first!.id);
    expect(kinds()).toEqual(['dense 64']);
  });

  it('updates only the fields that belong to the layer kind, and marks the experiment custom', () => {
    store().insertLayer('dropout', 2);
    const [dense, , dropout] = store().layers;
    store().updateLayer(dense!.id, { units: 32, activation: 'gelu', rate: 0.5 });
    store().updateLayer(dropout!.id, { rate: 0.35, units: 12 });
    store().updateLayer(dense!.id, { units: undefined, init: 'glorot' });
    expect(draftSpec(store().layers).layers).toEqual([
      { kind: 'dense', units: 32, activation: 'gelu', init: 'glorot' },
      { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
      { kind: 'dropout', rate: 0.35 },
    ]);
    expect(store().preset).toBe('custom');
  });

  it('keeps the last valid value when a patch would make the layer invalid', () => {
    store().insertLayer('dropout', 2);
    const before = store().layers;
    const [dense, , dropout] = before;
    for (const units of [0, 2.5, Number.NaN, 5000]) store().updateLayer(dense!.id, { units, activation: 'tanh' });
    store().updateLayer(dropout!.id, { rate: 0.95 });
    store().updateLayer('no-such-layer', { units: 8 });
    expect(store().layers).toBe(before);
    expect(validateModelSpec(experimentConfig(store()).spec).ok).toBe(true);
  });

  it('loads a preset with fresh ids', () => {
    const oldIds = store().layers.map((layer) => layer.id);
    store().loadPreset('wide');
    expect(draftSpec(store().layers)).toEqual(PRESETS.wide.spec);
    expect(store().layers.some((layer) => oldIds.includes(layer.id))).toBe(false);
    expect(store().preset).toBe('wide');
  });

  it('names the preset an opened experiment’s network is, whatever the order of its fields', () => {
    const conv: Conv2dLayerSpec = { init: 'he', activation: 'relu', padding: 'same', stride: 1, kernelSize: 5, filters: 6, kind: 'conv2d' };
    const rest = PRESETS.lenet5.spec.layers.slice(1);
    expect(presetOf({ layers: [conv, ...rest] })).toBe('lenet5');
    expect(presetOf({ layers: [{ ...conv, filters: 7 }, ...rest] })).toBe('custom');
    expect(presetOf({ layers: rest })).toBe('custom');
    store().loadExperiment({ ...experimentConfig(store()), spec: PRESETS.convnet.spec });
    expect(store().preset).toBe('convnet');
    store().loadNetwork({ ...experimentConfig(store()), spec: { layers: [] } });
    expect(store().preset).toBe('custom');
  });
});
