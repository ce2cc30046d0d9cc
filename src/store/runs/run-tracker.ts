// Which run the app store's curves belong to (pure): a run starts with a model's first step, a reset sets it aside, an undo brings it back.
import type { AdapterSummary } from '../../engine/gpu/device';
import type { TrainerConfig, TrainingSettings } from '../../engine/train/trainer';
import type { AppState, EvaluationPoint, TrainMetricsPoint } from '../app-store';
import { defaultRunName, RUN_RECORD_VERSION, type RunRecord } from './run-record';

/** The run being recorded, as the recorder keeps it between store updates. */
export interface LiveRun {
  id: string;
  startedAt: number;
  /** Training time before the current stretch. */
  trainedMs: number;
  /** When the current stretch of training began; absent while not training. */
  trainingSince?: number;
  experiment: TrainerConfig;
  adapter?: AdapterSummary;
  trainMetrics: readonly TrainMetricsPoint[];
  evaluations: readonly EvaluationPoint[];
}

export interface RunTracking {
  current?: LiveRun;
  /** The run a reset ended, while the reset can be undone. */
  setAside?: LiveRun;
}

/** What a store update means for the runs: the settings come from the experiment store (the live ones, sent to the worker). */
export interface RunUpdate {
  previous: AppState;
  state: AppState;
  settings: TrainingSettings;
  now: number;
  newId(): string;
}

const stepOf = (state: AppState) => state.training.position?.step ?? 0;

/** The tracking after one store update. */
export function trackRuns(tracking: RunTracking, { previous, state, settings, now, newId }: RunUpdate): RunTracking {
  if (state.model !== previous.model) return {};
  const restored = previous.resetUndo !== undefined && state.resetUndo === undefined && state.trainMetrics === previous.resetUndo.trainMetrics;
  if (restored && tracking.setAside) return { current: followed(tracking.setAside, state, settings, now) };
  const { current } = tracking;
  // A reset clears the curves (a divergence rolled back to step 0 keeps them: the same run goes on).
  if (current && stepOf(state) === 0 && state.trainMetrics.length === 0) {
    // The curves the reset cleared are in its undo (with any points that came in the same update).
    const curves = state.resetUndo ?? current;
    const ended = pausedAt({ ...current, trainMetrics: curves.trainMetrics, evaluations: curves.evaluations }, now);
    return state.resetUndo ? { setAside: ended } : {};
  }
  if (current) return { ...tracking, current: followed(current, state, settings, now) };
  if (stepOf(state) > 0 && state.model) return { current: followed(startRun(state.model.config, state, newId(), now), state, settings, now) };
  return tracking;
}

function startRun(config: TrainerConfig, state: AppState, id: string, now: number): LiveRun {
  const adapter = state.gpu.state === 'ready' ? state.gpu.adapter : undefined;
  return { id, startedAt: now, trainedMs: 0, experiment: config, ...(adapter ? { adapter } : {}), trainMetrics: [], evaluations: [] };
}

/** The run with the store's curves and clock; while it trains, with the settings it trains with. */
function followed(run: LiveRun, state: AppState, settings: TrainingSettings, now: number): LiveRun {
  const training = state.training.status === 'training';
  const curves = { trainMetrics: state.trainMetrics, evaluations: state.evaluations };
  if (!training) return pausedAt({ ...run, ...curves }, now);
  return { ...run, ...curves, experiment: { ...run.experiment, settings }, trainingSince: run.trainingSince ?? now };
}

function pausedAt(run: LiveRun, now: number): LiveRun {
  if (run.trainingSince === undefined) return run;
  const { trainingSince, ...rest } = run;
  return { ...rest, trainedMs: run.trainedMs + (now - trainingSince) };
}

/** The record of a run as it stands at `now` (named by its start time until someone renames it). */
export function runRecord(run: LiveRun, now: number): RunRecord {
  const { id, startedAt, experiment, adapter, trainMetrics, evaluations } = run;
  const durationMs = run.trainedMs + (run.trainingSince === undefined ? 0 : now - run.trainingSince);
  return {
    version: RUN_RECORD_VERSION,
    id,
    name: defaultRunName(startedAt),
    pinned: false,
    startedAt,
    durationMs,
    experiment,
    ...(adapter ? { adapter } : {}),
    trainMetrics: [...trainMetrics],
    evaluations: [...evaluations],
  };
}
