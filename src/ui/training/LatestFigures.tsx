// The latest figures of the run: train loss and accuracy of the last window, and the last test on all test images.
import { useAppStore } from '../../store/app-store';
import { formatFraction } from '../format';

export function LatestFigures() {
  const latest = useAppStore((state) => state.trainMetrics.at(-1));
  const evaluation = useAppStore((state) => state.evaluations.at(-1));
  if (!latest && !evaluation) return null;
  return (
    <dl className="latest-figures">
      {latest && (
        <div>
          <dt>Train</dt>
          <dd data-testid="train-figures">
            loss {latest.loss.toFixed(3)}, accuracy {formatFraction(latest.accuracy)}
          </dd>
        </div>
      )}
      {evaluation && (
        <div>
          <dt>Test</dt>
          <dd data-testid="test-accuracy">
            accuracy {formatFraction(evaluation.accuracy)} (loss {evaluation.loss.toFixed(3)})
          </dd>
        </div>
      )}
    </dl>
  );
}
