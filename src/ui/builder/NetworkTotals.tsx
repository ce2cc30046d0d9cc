// The network's totals: parameters, GPU memory for training at the batch size, and FLOPs per sample.
import { formatCount, formatMegabytes } from '../format';
import type { NetworkTotals as Totals } from './figures';

interface NetworkTotalsProps {
  totals: Totals | null;
  batchSize: number;
  /** Number of problems that keep the network from training. */
  problems: number;
}

export function NetworkTotals({ totals, batchSize, problems }: NetworkTotalsProps) {
  return (
    <div className="builder-totals-wrap">
      <dl className="builder-totals">
        <div>
          <dt>Parameters</dt>
          <dd data-testid="network-parameters">{totals ? formatCount(totals.parameters) : '—'}</dd>
        </div>
        <div>
          <dt>GPU memory</dt>
          <dd data-testid="network-gpu-memory" title={`Weights, gradients, optimizer state and one batch of ${formatCount(batchSize)} activations`}>
            {totals?.gpuBytes == null ? '—' : formatMegabytes(totals.gpuBytes)}
            <span className="builder-totals-unit"> at batch {Number.isFinite(batchSize) ? formatCount(batchSize) : '—'}</span>
          </dd>
        </div>
        <div>
          <dt>Training FLOPs/sample</dt>
          <dd data-testid="network-flops">{totals ? formatCount(totals.trainingFlops) : '—'}</dd>
        </div>
      </dl>
      {problems > 0 && (
        <p className="builder-status" data-testid="network-invalid">
          {problems === 1 ? '1 problem keeps' : `${problems} problems keep`} this network from training: see the marked {problems === 1 ? 'place' : 'places'} below.
        </p>
      )}
    </div>
  );
}
