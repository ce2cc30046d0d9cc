// The experiment being edited: the network the builder shows and the training settings, as plain data.
import { create } from 'zustand';
import { kindOf } from '../engine/layers/registry';
import { MAX_HIDDEN_LAYERS, validateModelSpec, type LayerSpec, type ModelSpec } from '../engine/model/spec';
import type { OptimizerKind } from '../engine/optimizers';
import type { TrainerConfig, TrainingSettings } from '../engine/train/trainer';
import { DEFAULT_SEED, DEFAULT_SETTINGS, PRESETS, type PresetName } from './presets';
import { pageUrlOptions } from './url-options';

/** A hidden layer as the builder edits it: a spec layer with a stable id for drag-and-drop and React keys. */
export type DraftLayer = LayerSpec & { id: string };

/** Values for fields of a layer's kind, by key (a key the kind has no field for is left out). */
export type LayerPatch = Readonly<Record<string, number | string | undefined>>;

/** A layer of a kind with an `init` field: the one the training settings' Init sets for all. */
export type InitLayer = Extract<LayerSpec, { init: unknown }>;

export interface ExperimentState {
  layers: DraftLayer[];
  optimizer: OptimizerKind;
  settings: TrainingSettings;
  seed: number;
  /** Training images used (all 60,000 unless the URL says ?train=N). */
  trainImages: number;
  /** The preset the network came from, or 'custom' once edited. */
  preset: PresetName | 'custom';
}

export interface ExperimentActions {
  loadPreset(preset: PresetName): void;
  /** Inserts a new layer of `kind` before position `index` (the end when index ≥ length); none past MAX_HIDDEN_LAYERS. */
  insertLayer(kind: LayerSpec['kind'], index: number): void;
  /** Moves the layer at `from` to position `to`; out-of-range positions change nothing. */
  moveLayer(from: number, to: number): void;
  removeLayer(id: string): void;
  /** Applies `patch` to a layer, unless that would make it invalid: the store keeps the last valid value. */
  updateLayer(id: string, patch: LayerPatch): void;
  setOptimizer(optimizer: OptimizerKind): void;
  updateSettings(patch: Partial<TrainingSettings>): void;
  setSeed(seed: number): void;
  /** Sets the weight initialisation of every layer whose kind has one. */
  setInit(init: InitLayer['init']): void;
  /** Puts back the network, optimizer and seed of `config` (undoing edits the current model does not have). */
  loadNetwork(config: TrainerConfig): void;
  /** Replaces the whole experiment (from a share link or a model file), already validated. */
  loadExperiment(config: TrainerConfig): void;
}

let nextLayerId = 0;
const withId = (layer: LayerSpec): DraftLayer => ({ ...layer, id: `layer-${++nextLayerId}` });

const fieldKeys = (layer: LayerSpec): string[] => kindOf(layer.kind).fields.map((field) => field.key);

/** Whether the layer's kind has an `init` field. */
export const hasInit = <Layer extends LayerSpec>(layer: Layer): layer is Layer & InitLayer => fieldKeys(layer).includes('init');

const DEFAULT_PRESET: PresetName = 'classic';

const fieldValue = (layer: LayerSpec, key: string): unknown => (layer as unknown as Record<string, unknown>)[key];
const sameLayer = (a: LayerSpec, b: LayerSpec): boolean => a.kind === b.kind && fieldKeys(a).every((key) => fieldValue(a, key) === fieldValue(b, key));

/** The preset whose network `spec` is (from a link, a file or a run as much as from the picker), or 'custom'. */
export function presetOf(spec: ModelSpec): PresetName | 'custom' {
  const matches = ({ layers }: ModelSpec) => layers.length === spec.layers.length && layers.every((layer, i) => sameLayer(layer, spec.layers[i]!));
  return (Object.keys(PRESETS) as PresetName[]).find((name) => matches(PRESETS[name].spec)) ?? 'custom';
}

/** The edited layers without their ids: what validation and the engine take. */
export function draftSpec(layers: readonly DraftLayer[]): ModelSpec {
  return { layers: layers.map(({ id: _, ...layer }) => layer) };
}

/** The experiment as the engine takes it (the spec may still be invalid: validate before use). */
export function experimentConfig(state: ExperimentState): TrainerConfig {
  const { layers, optimizer, settings, seed, trainImages } = state;
  return { spec: draftSpec(layers), optimizer, settings, seed, trainImages };
}

const isPosition = (index: number, length: number) => Number.isInteger(index) && index >= 0 && index < length;

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  const [item] = result.splice(from, 1);
  if (item !== undefined) result.splice(to, 0, item);
  return result;
}

export const useExperimentStore = create<ExperimentState & ExperimentActions>()((set) => ({
  layers: PRESETS[DEFAULT_PRESET].spec.layers.map(withId),
  optimizer: 'adam',
  settings: DEFAULT_SETTINGS,
  seed: DEFAULT_SEED,
  trainImages: pageUrlOptions.trainImages,
  preset: DEFAULT_PRESET,
  loadPreset: (preset) => set({ preset, layers: PRESETS[preset].spec.layers.map(withId) }),
  insertLayer: (kind, index) =>
    set((state) => {
      if (state.layers.length >= MAX_HIDDEN_LAYERS) return {};
      const layers = [...state.layers];
      layers.splice(Math.max(0, Math.min(index, layers.length)), 0, withId(kindOf(kind).defaults));
      return { layers, preset: 'custom' };
    }),
  moveLayer: (from, to) =>
    set((state) => {
      const { length } = state.layers;
      if (from === to || !isPosition(from, length) || !isPosition(to, length)) return {};
      return { layers: moved(state.layers, from, to), preset: 'custom' };
    }),
  removeLayer: (id) =>
    set((state) => (state.layers.some((layer) => layer.id === id) ? { layers: state.layers.filter((layer) => layer.id !== id), preset: 'custom' } : {})),
  updateLayer: (id, patch) =>
    set((state) => {
      const layer = state.layers.find((candidate) => candidate.id === id);
      const patched = layer && patchLayer(layer, patch);
      if (!patched || !validateModelSpec(draftSpec([patched])).ok) return {};
      return { layers: state.layers.map((candidate) => (candidate === layer ? patched : candidate)), preset: 'custom' };
    }),
  setOptimizer: (optimizer) => set({ optimizer }),
  updateSettings: (patch) => set((state) => ({ settings: { ...state.settings, ...patch } })),
  setSeed: (seed) => set({ seed }),
  setInit: (init) => set((state) => ({ layers: state.layers.map((layer) => (hasInit(layer) ? { ...layer, init } : layer)) })),
  loadNetwork: (config) => set({ layers: config.spec.layers.map(withId), optimizer: config.optimizer, seed: config.seed, preset: presetOf(config.spec) }),
  loadExperiment: (config) =>
    set({
      layers: config.spec.layers.map(withId),
      optimizer: config.optimizer,
      settings: config.settings,
      seed: config.seed,
      trainImages: config.trainImages,
      preset: presetOf(config.spec),
    }),
}));

/** The layer with the fields of `patch` that belong to its kind and are given a value (not checked: see updateLayer). */
export function patchLayer(layer: DraftLayer, patch: LayerPatch): DraftLayer {
  const keys = fieldKeys(layer);
  return { ...layer, ...Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && keys.includes(key))) } as DraftLayer;
}
