// How the page follows the model's weights: whether they are still the untrained ones, and a version that moves when they may have changed.
import { useEffect, useState } from 'react';
import { useAppStore, type AppState } from '../store/app-store';
import { createThrottle } from './charts/throttle';

/** The model has its starting weights (not trained here, not imported): what it says is noise. */
export const isUntrained = (state: AppState): boolean => state.model !== null && !state.model.imported && (state.training.position?.step ?? 0) === 0;

/**
 * How the weights may have changed between two states: `settled` for a new model, a status, a new evaluation or a
 * step while training stands still (start, pause, step, finish, reset, rollback); `live` for a step while it runs.
 */
function weightsChange(state: AppState, previous: AppState): 'settled' | 'live' | null {
  if (state.model !== previous.model || state.evaluations !== previous.evaluations || state.training.status !== previous.training.status) return 'settled';
  if (state.training.position?.step === previous.training.position?.step) return null;
  return state.training.status === 'training' ? 'live' : 'settled';
}

/**
 * A number that grows when the weights may have changed. While training runs it moves at most once per
 * `liveEveryMs` (never, without it: only settled changes count, so a view stays calm during training).
 */
export function useWeightsVersion(liveEveryMs?: number): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const throttle = createThrottle<void>(() => setVersion((last) => last + 1), () => liveEveryMs ?? 0);
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      const change = weightsChange(state, previous);
      if (change === 'settled') throttle.push(undefined, true);
      else if (change === 'live' && liveEveryMs !== undefined) throttle.push(undefined);
    });
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, [liveEveryMs]);
  return version;
}
