// Records every run as it goes: follows the app store, and writes the live run every few seconds, when training stops and when the page hides.
import { useAppStore, type AppState } from '../app-store';
import { useExperimentStore } from '../experiment-store';
import { runRecord, trackRuns, type LiveRun, type RunTracking } from './run-tracker';
import { saveRun, useRunsStore } from './runs-store';

/** A crash or a closed tab loses at most this much of a run. */
export const SAVE_INTERVAL_MS = 2500;

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
