// The insight section: what the network learned — the confusion matrix and its gallery, the inspected digit, the first-layer weights.
import { useRef } from 'react';
import { useAppStore } from '../../store/app-store';
import { isUntrained } from '../model-weights';
import { ConfusionPanel } from './ConfusionPanel';
import { GalleryPanel } from './GalleryPanel';
import { InspectPanel } from './InspectPanel';
import { useOnScreen } from './useOnScreen';
import { useWeightImages } from './useWeightImages';
import { WeightImagesPanel } from './WeightImagesPanel';
import './insight.css';

export function InsightSection() {
  const modelReady = useAppStore((state) => state.model !== null);
  const untrained = useAppStore(isUntrained);
  // The inspection and the weights are read only while their row is on screen.
  const lowerRow = useRef<HTMLDivElement>(null);
  const lowerRowShown = useOnScreen(lowerRow);
  const weights = useWeightImages(lowerRowShown);
  const weightImages = weights && 'value' in weights.result ? weights.result.value : undefined;
  return (
    <section className="panel insight" aria-labelledby="insight-heading">
      <h2 id="insight-heading">Insight — what the model learned</h2>
      {!modelReady && <p className="muted">No model yet: these views appear once the model is built on the GPU.</p>}
      <div className="insight-row" hidden={!modelReady}>
        <ConfusionPanel />
        <GalleryPanel />
      </div>
      <div className="insight-row" ref={lowerRow} hidden={!modelReady}>
        <InspectPanel weights={weightImages} shown={lowerRowShown} />
        <WeightImagesPanel answer={weights} untrained={untrained} />
      </div>
    </section>
  );
}
