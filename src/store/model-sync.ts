// Keeps the worker's model in step with the edited experiment: rebuilds it when no training would be lost, sends settings live.
import { validateModelSpec } from '../engine/model/spec';
import type { TrainerConfig, TrainingSettings } from '../engine/train/trainer';
import { shallow } from 'zustand/shallow';
import { useAppStore, type AppState } from './app-store';
import { sendCommand } from './engine-client';
import { experimentConfig, useExperimentStore } from './experiment-store';

/** What decides the model's structure and start: changing any of it needs a new model (and starts training over). */
/** The parts of an experiment that make a model; the settings do not (they apply to a model as it trains). */
export type ModelDefinition = Pick<TrainerConfig, 'spec' | 'seed' | 'optimizer' | 'trainImages'>;

export function modelKey({ spec, seed, optimizer, trainImages }: ModelDefinition): string {
  return JSON.stringify({ layers: spec.layers, seed, optimizer, trainImages });
}

export type RebuildNeed =
  /** The worker's model matches the draft. */
  | 'none'
  /** The worker is building the draft's model. */
  | 'building'
  /** The worker could not build the draft's model (the previous one is still there): see modelRequest.message. */
  | 'failed'
  /** The draft cannot be built yet: the GPU or data is not ready, or the network is invalid. */
  | 'blocked'
  /** A new model can replace the current one without losing any training. */
  | 'now'
  /** The current model has trained: replacing it loses that, so the person is asked first. */
  | 'ask';

/** Whether the draft `config` needs a new model, given what the worker has and the model already requested. */
export function rebuildNeed(app: ModelSituation, config: ModelDefinition): RebuildNeed {
  const key = modelKey(config);
  if (app.model && modelKey(app.model.config) === key) return 'none';
  if (app.modelRequest?.key === key) return app.modelRequest.state;
  if (!app.datasetReady || !validateModelSpec(config.spec).ok) return 'blocked';
  const trained = app.hasTrained || app.model?.imported === true;
  return app.model && trained ? 'ask' : 'now';
}

/** What rebuildNeed looks at, as small values that change rarely (components re-render on them). */
export interface ModelSituation extends Pick<AppState, 'model' | 'modelRequest'> {
  datasetReady: boolean;
  /** The model has taken a step since it was built or reset. */
  hasTrained: boolean;
}

export function modelSituation(app: AppState): ModelSituation {
  return { datasetReady: app.dataset.state === 'ready', model: app.model, modelRequest: app.modelRequest, hasTrained: (app.training.position?.step ?? 0) > 0 };
}

/** Edits in quick succession (typing "128") build one model, not three. */
const REBUILD_DELAY_MS = 300;

let sentSettings: TrainingSettings | undefined;
let rebuildTimer: ReturnType<typeof setTimeout> | undefined;

/** Builds a model for the draft experiment now (with `weights`, e.g. from a link or file, in place of the seeded ones). */
export function rebuildModel(weights?: Float32Array): void {
  clearTimeout(rebuildTimer);
  const config = experimentConfig(useExperimentStore.getState());
  sentSettings = config.settings;
  useAppStore.setState({ modelRequest: { key: modelKey(config), state: 'building' } });
  sendCommand({ type: 'configure', config, ...(weights ? { weights } : {}) }, weights ? [weights.buffer] : []);
}

function takeFirstWeights(): Float32Array | undefined {
  const weights = firstWeights;
  firstWeights = undefined;
  return weights;
}

/** Compares the draft with the worker's model after every change of either store. */
function sync(): void {
  const app = useAppStore.getState();
  const draft = experimentConfig(useExperimentStore.getState());
  clearTimeout(rebuildTimer);
  const need = rebuildNeed(modelSituation(app), draft);
  if (need === 'now') {
    rebuildTimer = setTimeout(() => rebuildModel(takeFirstWeights()), app.model ? REBUILD_DELAY_MS : 0);
    return; // the new model takes the settings as they are then
  }
  if (app.model && need !== 'building' && draft.settings !== sentSettings) {
    sentSettings = draft.settings;
    sendCommand({ type: 'update-settings', settings: draft.settings });
  }
}

let firstWeights: Float32Array | undefined;

/** Starts syncing, the first model from `weights` when given (a link's); returns the function that stops it. */
export function startModelSync(weights?: Float32Array): () => void {
  firstWeights = weights;
  // Metrics events change the app store many times a second; only what rebuildNeed reads matters here.
  const situationChanged = (state: AppState, previous: AppState) => !shallow(modelSituation(state), modelSituation(previous));
  const stops = [useAppStore.subscribe((state, previous) => situationChanged(state, previous) && sync()), useExperimentStore.subscribe(sync)];
  sync();
  return () => stops.forEach((stop) => stop());
}
