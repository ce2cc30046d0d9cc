// Records every run as it goes: follows the app store, and writes the live run every few seconds, when training stops and when the page hides;
// keeps its weights when asked, at its best evaluation and when training stops.
import { useAppStore, type AppState } from '../app-store';
import { requestWeights } from '../engine-client';
import { useExperimentStore } from '../experiment-store';
import { isNewBest, type WeightsKind } from './kept-weights';
import { runRecord, trackRuns, type LiveRun, type RunTracking } from './run-tracker';
import { keepRunWeights, saveRun, useRunsStore } from './runs-store';

/** A crash or a closed tab loses at most this much of a run. */
export const SAVE_INTERVAL_MS = 2500;

/** Reads the model's weights (between steps: training goes on) and keeps them as the run's `kind` checkpoint of `step`. */
async function keepWeights(runId: string, kind: WeightsKind, step: number): Promise<void> {
  try {
    const weights = await requestWeights();
    await keepRunWeights({ runId, kind, step, bytes: weights.byteLength, weights });
  } catch (error) {
    useRunsStore.setState({ problem: `Could not read the ${kind} weights to keep (${error instanceof Error ? error.message : String(error)}).` });
  }
}

/** Keeps the weights the update calls for: at a new best test accuracy, and when training stops (the final ones so far). */
function keepWeightsOf(run: LiveRun, state: AppState, previous: AppState, stoppedTraining: boolean): void {
  if (!useRunsStore.getState().keepWeights) return;
  if (isNewBest(state.evaluations, previous.evaluations)) void keepWeights(run.id, 'best', state.evaluations.at(-1)!.step);
  if (stoppedTraining) void keepWeights(run.id, 'final', state.training.position?.step ?? 0);
}

/** Starts recording; returns the function that stops. */
export function startRunRecorder(): () => void {
  let tracking: RunTracking = {};
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = (run: LiveRun) => void saveRun(runRecord(run, Date.now()));
  const saveLive = () => {
    clearTimeout(timer);
    timer = undefined;
    if (tracking.current) save(tracking.current);
  };

  const onChange = (state: AppState, previous: AppState) => {
    const before = tracking.current;
    tracking = trackRuns(tracking, { previous, state, settings: useExperimentStore.getState().settings, now: Date.now(), newId: () => crypto.randomUUID() });
    const { current, setAside } = tracking;
    if (before && before.id !== current?.id) save(setAside?.id === before.id ? setAside : before);
    if (current?.id !== before?.id) useRunsStore.setState({ liveId: current?.id });
    if (!current) return;
    const stoppedTraining = previous.training.status === 'training' && state.training.status !== 'training';
    keepWeightsOf(current, state, previous, stoppedTraining);
    if (stoppedTraining || current.id !== before?.id) saveLive();
    else timer ??= setTimeout(saveLive, SAVE_INTERVAL_MS);
  };

  const onHide = () => document.visibilityState === 'hidden' && saveLive();
  const stop = useAppStore.subscribe(onChange);
  window.addEventListener('pagehide', saveLive);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    stop();
    clearTimeout(timer);
    window.removeEventListener('pagehide', saveLive);
    document.removeEventListener('visibilitychange', onHide);
  };
}
