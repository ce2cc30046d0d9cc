// The dataset card: image counts, bytes on the GPU, and the first training digits (each one can be inspected).
import { useAppStore } from '../store/app-store';
import { DigitGrid } from './DigitGrid';
import { formatCount, formatMegabytes } from './format';

export function DataPanel() {
  const dataset = useAppStore((state) => state.dataset);
  return (
    <section className="panel data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">MNIST</h2>
      {dataset.state === 'waiting' && <p className="muted">Loading the dataset onto the GPU…</p>}
      {dataset.state === 'failed' && <p className="problem" role="alert">{dataset.message}</p>}
      {dataset.state === 'ready' && (
        <>
          <ul className="facts">
            <li>{formatCount(dataset.summary.trainCount)} training images on the GPU</li>
            <li>{formatCount(dataset.summary.testCount)} test images on the GPU</li>
            <li>{formatMegabytes(dataset.summary.gpuBytes)} of GPU memory (4 pixels per 32-bit word)</li>
          </ul>
          <h3>First {dataset.samples.labels.length} training digits, gathered on the GPU</h3>
          <p className="panel-note muted">Pick one to inspect what the model makes of it.</p>
          <DigitGrid samples={dataset.samples} />
        </>
      )}
    </section>
  );
}
