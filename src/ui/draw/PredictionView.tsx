// The model's answer: the top digit large with its probability (announced politely), and a bar per digit 0–9.
import { formatFraction } from '../format';
import type { PredictionAnswer } from './usePrediction';

/** Why there is nothing to predict yet. */
export type PredictionWait = 'no-model' | 'empty';

const WAIT_TEXT: Record<PredictionWait, string> = {
  'no-model': 'The model is not ready yet',
  empty: 'Draw a digit',
};

/** The line shown in place of a prediction, and whether it is a problem. */
function statusText(answer: PredictionAnswer | undefined, wait: PredictionWait | undefined): { text: string; problem: boolean } {
  if (wait) return { text: WAIT_TEXT[wait], problem: false };
  if (answer && 'error' in answer) return { text: `Could not predict: ${answer.error}`, problem: true };
  return { text: 'Predicting…', problem: false };
}

/** The index of the largest probability (-1 without any). */
function topClass(probabilities: ArrayLike<number> | undefined): number {
  if (!probabilities) return -1;
  const values = Array.from(probabilities);
  return values.indexOf(Math.max(...values));
}

/** A bar per digit 0–9, the top one highlighted; dashes while there are no probabilities. */
export function ProbabilityBars({ probabilities, label }: { probabilities?: ArrayLike<number>; label: string }) {
  const top = topClass(probabilities);
  return (
    <ol className="prediction-bars" aria-label={label}>
      {Array.from({ length: 10 }, (_, digit) => {
        const probability = probabilities?.[digit];
        return (
          <li key={digit} className={digit === top ? 'is-top' : undefined}>
            <span className="prediction-bar-digit">{digit}</span>
            <span className="prediction-bar-track" aria-hidden="true">
              <span className="prediction-bar-fill" style={{ width: formatFraction(probability ?? 0) }} />
            </span>
            <span className="prediction-bar-value">{probability === undefined ? '–' : formatFraction(probability)}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** `untrained`: the model has its starting weights (not trained here, not imported): its guesses are noise. */
export function PredictionView({ answer, wait, untrained = false }: { answer?: PredictionAnswer; wait?: PredictionWait; untrained?: boolean }) {
  const probabilities = !wait && answer && 'value' in answer ? answer.value : undefined;
  const top = topClass(probabilities);
  const status = statusText(answer, wait);
  return (
    <div className="prediction">
      <p className="prediction-status" role="status" aria-live="polite" data-testid="prediction">
        {probabilities ? (
          <>
            <span className="prediction-label">{'Prediction: '}</span>
            <span className="prediction-digit">{top}</span>
            {' '}
            <span className="prediction-confidence">({formatFraction(probabilities[top]!, 0)})</span>
            {untrained && <span className="prediction-untrained"> · untrained model: its guesses are random until it trains</span>}
          </>
        ) : (
          <span className={status.problem ? 'problem' : 'muted'}>{status.text}</span>
        )}
      </p>
      <ProbabilityBars probabilities={probabilities} label="Probability of each digit" />
    </div>
  );
}
