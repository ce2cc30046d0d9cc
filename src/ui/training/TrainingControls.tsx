// Train / Pause / Resume, Step and Reset, with their keyboard shortcuts.
import { useMemo, useState } from 'react';
import { pause, reset, step, train } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { SHORTCUT_KEYS, useTrainingShortcuts } from './useTrainingShortcuts';

/** `canRun`: the model is the edited one and the GPU is there; `gpuReady` alone allows Reset. */
export function TrainingControls({ canRun, gpuReady }: { canRun: boolean; gpuReady: boolean }) {
  const status = useAppStore((state) => state.training.status);
  const hasModel = useAppStore((state) => state.model !== null);
  const running = status === 'training';
  // The worker pauses after the steps already submitted (about a second on a slow GPU): say so at once.
  const [pausing, setPausing] = useState(false);
  const [shownStatus, setShownStatus] = useState(status);
  if (shownStatus !== status) {
    setShownStatus(status);
    setPausing(false); // the worker answered
  }
  const askPause = useMemo(
    () => () => {
      setPausing(true);
      pause();
    },
    [],
  );
  const runnable = canRun && (status === 'ready' || status === 'paused' || status === 'diverged');
  const resettable = gpuReady && hasModel && status !== 'idle';
  const shortcuts = useMemo(
    () => ({ togglePlay: running ? askPause : runnable ? train : undefined, step: runnable ? step : undefined, reset: resettable ? reset : undefined }),
    [running, runnable, resettable, askPause],
  );
  useTrainingShortcuts(shortcuts);
  return (
    <div className="controls training-controls">
      {running ? (
        <button type="button" className="primary" onClick={askPause} disabled={pausing} title={`Pause (${SHORTCUT_KEYS.togglePlay})`} aria-keyshortcuts={SHORTCUT_KEYS.togglePlay}>
          {pausing ? 'Pausing…' : 'Pause'}
        </button>
      ) : (
        <button type="button" className="primary" onClick={train} disabled={!runnable} title={`Train (${SHORTCUT_KEYS.togglePlay})`} aria-keyshortcuts={SHORTCUT_KEYS.togglePlay}>
          {status === 'paused' ? 'Resume' : 'Train'}
        </button>
      )}
      <button type="button" onClick={step} disabled={!runnable} title={`Train on one batch, then pause (${SHORTCUT_KEYS.step})`} aria-keyshortcuts={SHORTCUT_KEYS.step}>
        Step
      </button>
      <button type="button" onClick={reset} disabled={!resettable} title={`Back to step 0 with the same starting weights (${SHORTCUT_KEYS.reset})`} aria-keyshortcuts={SHORTCUT_KEYS.reset}>
        Reset
      </button>
    </div>
  );
}
