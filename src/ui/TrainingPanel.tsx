// Choose a network, then train, pause, step and reset it, with its progress and latest figures.
import { useEffect } from 'react';
import { choosePreset, pause, reset, step, train } from '../store/actions';
import { useAppStore } from '../store/app-store';
import { PRESETS, type PresetName } from '../store/presets';
import { formatCount } from './format';
import { LossChart } from './LossChart';

const STATUS_TEXT = {
  idle: 'Waiting for the GPU…',
  ready: 'Ready to train',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  diverged: 'Diverged',
} as const;

function Progress() {
  const training = useAppStore((state) => state.training);
  const latest = useAppStore((state) => state.trainMetrics.at(-1));
  const evaluation = useAppStore((state) => state.evaluations.at(-1));
  const position = training.position;
  return (
    <div className="progress" role="status" aria-live="polite">
      <p>
        <strong data-testid="training-status">{STATUS_TEXT[training.status]}</strong>
        {position && ` · epoch ${position.epoch + 1}, step ${formatCount(position.step)}`}
        {latest && ` · ${formatCount(Math.round(latest.samplesPerSecond))} samples/s`}
      </p>
      {training.message && <p className="problem">{training.message}</p>}
      {latest && <p>Train loss {latest.loss.toFixed(3)}, train accuracy {(100 * latest.accuracy).toFixed(1)}%</p>}
      {evaluation && <p data-testid="test-accuracy">Test accuracy {(100 * evaluation.accuracy).toFixed(1)}% (test loss {evaluation.loss.toFixed(3)})</p>}
    </div>
  );
}

export function TrainingPanel() {
  const ready = useAppStore((state) => state.dataset.state === 'ready');
  const preset = useAppStore((state) => state.preset);
  const status = useAppStore((state) => state.training.status);
  const trainImages = useAppStore((state) => state.trainImages);
  useEffect(() => {
    if (ready) choosePreset(useAppStore.getState().preset);
  }, [ready]);
  const running = status === 'training';
  const canRun = status === 'ready' || status === 'paused' || status === 'diverged';
  return (
    <section className="panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <p className="muted">On {formatCount(trainImages)} training images, tested on all 10,000 test images after each epoch.</p>
      <div className="controls">
        <label>
          Network{' '}
          <select value={preset} disabled={!ready || running} onChange={(event) => choosePreset(event.target.value as PresetName)}>
            {Object.entries(PRESETS).map(([name, { label }]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button onClick={pause}>Pause</button>
        ) : (
          <button onClick={train} disabled={!canRun}>
            {status === 'paused' ? 'Resume' : 'Train'}
          </button>
        )}
        <button onClick={step} disabled={!canRun}>
          Step
        </button>
        <button onClick={reset} disabled={!ready || status === 'idle'}>
          Reset
        </button>
      </div>
      <Progress />
      <LossChart />
    </section>
  );
}
