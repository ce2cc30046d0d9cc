// "Where a step's time goes": each kernel family of each layer timed on the GPU over a sampled step, only while open.
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { requestKernelTimes } from '../../store/engine-client';
import { useLatestRequest } from '../useLatestRequest';
import { formatMs, timeBars } from './step-time';

/** A step is sampled at most this often while the section is open and training runs. */
const SAMPLE_EVERY_MS = 2000;

/** Milliseconds per step as measured by the run's throughput, or none before the first window. */
function useMeasuredStepMs(): number | undefined {
  const rate = useAppStore((state) => state.trainMetrics.at(-1)?.samplesPerSecond);
  const batch = useAppStore((state) => state.model?.config.settings.batchSize);
  return rate && batch ? (1000 * batch) / rate : undefined;
}

export function StepTimeBars() {
  const [open, setOpen] = useState(false);
  const training = useAppStore((state) => state.training.status === 'training');
  const measured = useMeasuredStepMs();
  const { answer, request } = useLatestRequest(requestKernelTimes);
  useEffect(() => {
    if (!open || !training) return;
    request(undefined);
    const timer = setInterval(() => request(undefined), SAMPLE_EVERY_MS);
    return () => clearInterval(timer);
  }, [open, training, request]);
  const result = answer?.result;
  const timed = result && 'value' in result ? result.value : undefined;
  const bars = timed ? timeBars(timed.times, timed.stepMs) : [];
  const total = bars.reduce((sum, { ms }) => sum + ms, 0);
  return (
    <details className="step-time" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Where a step’s time goes</summary>
      <p className="muted panel-note">
        One sampled training step timed on the GPU with timestamp queries, only while this is open: each kernel in a pass of its own gives its share, and the
        submit’s other steps, timed as training runs them, give the time per step. Chrome rounds GPU timestamps to 100 µs unless its WebGPU developer features
        are on (chrome://flags/#enable-webgpu-developer-features).
      </p>
      {result && 'error' in result && (
        <p className="muted" data-testid="step-time-error">
          {result.error}
        </p>
      )}
      {!result && <p className="muted">{training ? 'Timing the next step…' : 'Kernel times come from a training step: press Train.'}</p>}
      {bars.length > 0 && (
        <>
          <p className="step-time-total" data-testid="step-time-total" data-total-ms={total} data-measured-ms={measured}>
            {formatMs(total)} of GPU time per step, at step {timed?.step}
            {measured !== undefined && <span className="muted"> · {formatMs(measured)} per step measured from samples/s</span>}
          </p>
          <ol className="step-time-bars" aria-label="GPU time per kernel">
            {bars.map((bar) => (
              <li key={bar.label}>
                <span className="step-time-label">{bar.label}</span>
                <span className="step-time-bar" style={{ width: `${Math.max(bar.share * 100, 0.5)}%` }} aria-hidden="true" />
                <span className="step-time-ms">
                  {formatMs(bar.ms)} ({Math.round(bar.share * 100)}%)
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}
