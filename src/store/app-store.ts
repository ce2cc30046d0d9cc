// The app's state as plain data, updated from worker events; components read it through selectors.
import { create } from 'zustand';
import type { AdapterSummary } from '../engine/gpu/device';
import type { DatasetSummary, HistoryChange, SampleDigits, SessionEvent, WorkerEvent } from '../worker/protocol';
import type { TrainerConfig } from '../engine/train/trainer';
import type { HealthWindow } from '../engine/health/types';
import { appendHealthWindow } from './health-history';
import { appendCapped } from './metrics-history';
import { pageUrlOptions } from './url-options';

/** Worker events that change the store (those with a request id answer a request instead: see engine-client). */
export type AppEvent = Exclude<WorkerEvent, { requestId: number }>;

export type TrainMetricsPoint = Omit<Extract<SessionEvent, { type: 'train-metrics' }>, 'type' | 'position'>;
export type EvaluationPoint = Omit<Extract<SessionEvent, { type: 'evaluation' }>, 'type'>;

/** Where training stands, as the last status said; `divergedWith` stays in every status until a new model is built. */
export type TrainingState = Omit<Extract<SessionEvent, { type: 'status' }>, 'type' | 'history' | 'undoReset'>;

/** While a reset can be undone: the step it returns to, and the curves that come back with it. */
export interface ResetUndo {
  step: number;
  trainMetrics: TrainMetricsPoint[];
  evaluations: EvaluationPoint[];
  health: HealthWindow[];
}

export type GpuStatus =
  | { state: 'connecting' }
  | { state: 'ready'; adapter: AdapterSummary }
  | { state: 'unavailable'; message: string }
  | { state: 'lost'; message: string };

export type DatasetStatus =
  | { state: 'waiting' }
  | { state: 'ready'; summary: DatasetSummary; samples: SampleDigits }
  | { state: 'failed'; message: string };

/** Where the experiment came from when it was opened from a link, a file or a kept run's weights, with the figures it claims. */
export interface OpenedModel {
  source: 'link' | 'file' | 'run';
  name?: string;
  trained?: { epochs: number; testAccuracy: number };
  /** The notice was closed (the figures still count, e.g. epochs trained before). */
  dismissed?: boolean;
}

export type ModelRequest = { key: string; state: 'building' } | { key: string; state: 'failed'; message: string };

export interface AppState {
  gpu: GpuStatus;
  dataset: DatasetStatus;
  /** What the worker is doing now, in words. */
  progress: string;
  /** Errors that did not stop the app, newest last. */
  errors: string[];
  /** The model the worker has built (null until the first one is), and whether it started from imported weights. */
  model: { config: TrainerConfig; imported: boolean } | null;
  /** The last model asked of the worker until it is built: still building, or refused with the worker's reason. */
  modelRequest?: ModelRequest;
  opened?: OpenedModel;
  training: TrainingState;
  trainMetrics: TrainMetricsPoint[];
  evaluations: EvaluationPoint[];
  /** Each layer's health per logged window, while statistics are on; cleared and restored with the curves. */
  health: HealthWindow[];
  /** Present while the last reset can be undone (until training starts again or a new model is built). */
  resetUndo?: ResetUndo;
  /** Applies a frame's worker events as one update, so subscribers run once. */
  applyWorkerEvents(events: readonly AppEvent[]): void;
  dismissError(index: number): void;
}

export const useAppStore = create<AppState>()((set) => ({
  gpu: { state: 'connecting' },
  dataset: { state: 'waiting' },
  progress: 'Starting…',
  errors: pageUrlOptions.problems,
  model: null,
  training: { status: 'idle', position: null },
  trainMetrics: [],
  evaluations: [],
  health: [],
  applyWorkerEvents: (events) => set((state) => events.reduce<AppState>((next, event) => ({ ...next, ...reduceWorkerEvent(next, event) }), state)),
  dismissError: (index) => set((state) => ({ errors: state.errors.filter((_, i) => i !== index) })),
}));

/** The state change one worker event causes. */
export function reduceWorkerEvent(state: AppState, event: AppEvent): Partial<AppState> {
  switch (event.type) {
    case 'progress':
      return { progress: event.message };
    case 'gpu-ready':
      return { gpu: { state: 'ready', adapter: event.adapter } };
    case 'dataset-ready':
      return { dataset: { state: 'ready', summary: event.dataset, samples: event.samples }, progress: 'Ready' };
    case 'gpu-unavailable':
      return { gpu: { state: 'unavailable', message: event.message }, progress: 'No GPU' };
    case 'gpu-lost': {
      // The worker stopped training with the device; the status it sends after recovering says where it stands.
      const status = state.training.status === 'training' ? 'paused' : state.training.status;
      return { gpu: { state: 'lost', message: event.message }, progress: 'GPU lost', training: { ...state.training, status } };
    }
    case 'error':
      if (state.dataset.state === 'waiting') return { dataset: { state: 'failed', message: event.message }, progress: 'Failed' };
      // While a model is being built, an error is the reason it could not be (the worker runs one command at a time).
      if (state.modelRequest?.state === 'building') return { modelRequest: { key: state.modelRequest.key, state: 'failed', message: event.message } };
      return { errors: [...state.errors, event.message] };
    case 'configured':
      return { model: { config: event.config, imported: event.imported }, modelRequest: undefined };
    case 'status': {
      const { type: _, history, undoReset, ...training } = event;
      return { training, ...historyAfter(state, history, undoReset) };
    }
    case 'train-metrics': {
      const { type: _, position, ...point } = event;
      return { trainMetrics: appendCapped(state.trainMetrics, point), training: { ...state.training, position } };
    }
    case 'health':
      return { health: appendHealthWindow(state.health, event.window) };
    case 'evaluation': {
      const { type: _, ...point } = event;
      return { evaluations: [...state.evaluations, point] };
    }
  }
}

/** The curves and the reset undo after a status: a new model or a reset clears the curves (a reset keeps them for its undo). */
function historyAfter(state: AppState, history: HistoryChange | undefined, undoReset: { step: number } | undefined): Partial<AppState> {
  const { trainMetrics, evaluations, health, resetUndo } = state;
  if (history === 'cleared') return { trainMetrics: [], evaluations: [], health: [], resetUndo: undoReset && { step: undoReset.step, trainMetrics, evaluations, health } };
  if (history === 'restored' && resetUndo) {
    return { trainMetrics: resetUndo.trainMetrics, evaluations: resetUndo.evaluations, health: resetUndo.health, resetUndo: undefined };
  }
  // The worker offers the undo while it keeps what the reset replaced; once it stops offering it, so does the store.
  return { resetUndo: undoReset ? resetUndo : undefined };
}
