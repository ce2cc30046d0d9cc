// The model's answer: the top digit large with its probability (announced politely), and a bar per digit 0–9.
import type { PredictionAnswer } from './prediction-queue';

/** Why there is nothing to predict yet. */
export type PredictionWait = 'no-model' | 'empty';

const WAIT_TEXT: Record<PredictionWait, string> = {
  'no-model': 'The model is not ready yet',
  empty: 'Draw a digit',
};

const percent = (probability: number, digits = 0): string => `${(100 * probability).toFixed(digits)}%`;

/** The line shown in place of a prediction, and whether it is a problem. */
function statusText(answer: PredictionAnswer | undefined, wait: PredictionWait | undefined): { text: string; problem: boolean } {
  if (wait) return { text: WAIT_TEXT[wait], problem: false };
  if (answer && 'error' in answer) return { text: `Could not predict: ${answer.error}`, problem: true };
  return { text: 'Predicting…', problem: false };
}

/** `untrained`: the model has its starting weights (not trained here, not imported): its guesses are noise. */
export function PredictionView({ answer, wait, untrained = false }: { answer?: PredictionAnswer; wait?: PredictionWait; untrained?: boolean }) {
  const probabilities = !wait && answer && 'probabilities' in answer ? answer.probabilities : undefined;
  const top = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  const status = statusText(answer, wait);
  return (
    <div className="prediction">
      <p className="prediction-status" role="status" aria-live="polite" data-testid="prediction">
        {probabilities ? (
          <>
            <span className="prediction-label">{'Prediction: '}</span>
            <span className="prediction-digit">{top}</span>
            {' '}
            <span className="prediction-confidence">({percent(probabilities[top]!)})</span>
            {untrained && <span className="prediction-untrained"> · untrained model: its guesses are random until it trains</span>}
          </>
        ) : (
          <span className={status.problem ? 'problem' : 'muted'}>{status.text}</span>
        )}
      </p>
      <ol className="prediction-bars" aria-label="Probability of each digit">
        {Array.from({ length: 10 }, (_, digit) => {
          const probability = probabilities?.[digit];
          return (
            <li key={digit} className={digit === top ? 'is-top' : undefined}>
              <span className="prediction-bar-digit">{digit}</span>
              <span className="prediction-bar-track" aria-hidden="true">
                <span className="prediction-bar-fill" style={{ width: percent(probability ?? 0, 1) }} />
              </span>
              <span className="prediction-bar-value">{probability === undefined ? '–' : percent(probability, 1)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
