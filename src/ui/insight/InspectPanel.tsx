// The inspected digit: what the model makes of it (probabilities, saliency) and what each layer does with it, live while training.
import { useEffect, useRef } from 'react';
import type { Inspection, WeightImages } from '../../engine/insight/types';
import { useAppStore } from '../../store/app-store';
import { requestInspection } from '../../store/engine-client';
import { useInsightStore, type InspectedDigit } from '../../store/insight-store';
import { DigitCanvas } from '../DigitGrid';
import { ProbabilityBars } from '../draw/PredictionView';
import { formatCount, formatFraction } from '../format';
import { isUntrained, useWeightsVersion } from '../model-weights';
import { useLatestRequest } from '../useLatestRequest';
import { BriefProblem } from './BriefProblem';
import { NetworkActivations } from './NetworkActivations';
import { SaliencyView } from './SaliencyView';

const LIVE_EVERY_MS = 1000;

/** The inspection asked again when the digit or the weights change (about once a second while training), while shown. */
function useInspection(digit: InspectedDigit | null, shown: boolean) {
  const model = useAppStore((state) => state.model);
  const weightsVersion = useWeightsVersion(LIVE_EVERY_MS);
  const { answer, request } = useLatestRequest(requestInspection);
  useEffect(() => {
    if (digit && model && shown) request(digit.pixels);
  }, [request, digit, model, shown, weightsVersion]);
  return answer;
}

function InspectionView({ digit, inspection, weights }: { digit: InspectedDigit; inspection: Inspection; weights?: WeightImages }) {
  const untrained = useAppStore(isUntrained);
  const { predicted, probabilities } = inspection;
  return (
    <>
      <p className="insight-note" role="status" data-testid="inspection-summary">
        Predicted <strong>{predicted}</strong> ({formatFraction(probabilities[predicted]!)}) with the weights of step {formatCount(inspection.step)}
        {untrained && <span className="problem"> · untrained model: its guesses are random until it trains</span>}
      </p>
      <div className="inspect-layout">
        <SaliencyView saliency={inspection.saliency} pixels={digit.pixels} predicted={predicted} />
        <ProbabilityBars probabilities={probabilities} label="Inspected digit: probability of each class" />
      </div>
      <h4>Layer by layer</h4>
      <NetworkActivations layers={inspection.layers} weights={weights} />
    </>
  );
}

export function InspectPanel({ weights, shown }: { weights?: WeightImages; shown: boolean }) {
  const digit = useInsightStore((state) => state.inspected);
  const answer = useInspection(digit, shown);
  const card = useRef<HTMLDivElement>(null);
  // A digit picked (in the gallery, the data panel, the drawing) brings the panel into view.
  useEffect(() => {
    if (digit) card.current?.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [digit]);
  const current = answer?.query === digit?.pixels ? answer?.result : undefined;
  return (
    <div className="insight-card inspect-card" ref={card} data-testid="inspect">
      <h3>Inspect a digit</h3>
      {!digit ? (
        <p className="muted">Pick a test image in the gallery, a sample digit in the MNIST panel, or draw one and press Inspect this drawing.</p>
      ) : (
        <>
          <div className="inspect-digit">
            <DigitCanvas pixels={digit.pixels} maxLevel={1} role="img" aria-label={`The inspected digit: ${digit.description}`} />
            <p>{digit.description}</p>
          </div>
          {answer && 'error' in answer.result && <BriefProblem key={answer.id} message={`Could not inspect it: ${answer.result.error}`} />}
          {current && 'value' in current ? (
            <InspectionView digit={digit} inspection={current.value} weights={weights} />
          ) : (
            <p className="muted">{current ? 'No inspection to show.' : 'Inspecting…'}</p>
          )}
        </>
      )}
    </div>
  );
}
