// Test the model by hand: draw a digit (mouse, finger or pen) or paint in a sample, see the 10 class probabilities, and inspect it.
import { useRef, useState } from 'react';
import { PIXELS_PER_IMAGE } from '../../engine/data/mnist';
import { useAppStore } from '../../store/app-store';
import { inspectDigit } from '../../store/insight-store';
import { isUntrained } from '../model-weights';
import { ModelPreview } from './ModelPreview';
import { PredictionView } from './PredictionView';
import type { ModelImage } from './preprocess';
import { PAD_SIZE, useDrawingPad } from './useDrawingPad';
import { usePrediction } from './usePrediction';
import './draw.css';

export function DrawPanel() {
  const [image, setImage] = useState<ModelImage | null>(null);
  const [sampleLabel, setSampleLabel] = useState<number>();
  const modelReady = useAppStore((state) => state.model !== null);
  const untrained = useAppStore(isUntrained);
  const samples = useAppStore((state) => (state.dataset.state === 'ready' ? state.dataset.samples : null));
  const drawn = image && !image.empty ? image.pixels : null;
  const prediction = usePrediction(drawn, modelReady);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useDrawingPad(canvas, (next) => {
    setImage(next);
    if (next.empty) prediction.clear();
  });
  const drawSample = () => {
    if (!samples) return;
    const index = Math.floor(Math.random() * samples.labels.length);
    setSampleLabel(samples.labels[index]);
    pad.paint(samples.pixels.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE));
  };
  const inspect = () => {
    if (drawn) inspectDigit({ pixels: drawn, description: sampleLabel === undefined ? 'Your drawing' : `A training image labelled ${sampleLabel}, as drawn on the pad` });
  };
  const clear = () => {
    setSampleLabel(undefined);
    pad.clear();
  };
  return (
    <section className="panel draw-panel" aria-labelledby="draw-heading">
      <h2 id="draw-heading">Draw a digit</h2>
      <p className="muted">Draw a digit from 0 to 9 with the mouse, a finger or a pen; the model guesses as you draw.</p>
      <div className="draw-body">
        <div className="draw-layout">
          <div className="draw-pad-column">
            {/* A stroke replaces the sample's caption (pointer events bubble up from the pad). */}
            <div className="draw-pad-frame" onPointerDown={() => setSampleLabel(undefined)}>
              <canvas ref={canvas} className="draw-pad" width={PAD_SIZE} height={PAD_SIZE} role="img" aria-label="Drawing pad: draw a digit from 0 to 9" {...pad.handlers} />
            </div>
            <div className="controls">
              <button type="button" onClick={clear}>
                Clear
              </button>
              <button type="button" onClick={drawSample} disabled={!samples}>
                Draw a sample digit
              </button>
              <button type="button" onClick={inspect} disabled={!drawn}>
                Inspect this drawing
              </button>
            </div>
            {sampleLabel !== undefined && <p className="draw-sample-note muted">A training image labelled {sampleLabel}.</p>}
          </div>
          <div className="draw-result">
            <PredictionView answer={prediction.answer} wait={!modelReady ? 'no-model' : drawn ? undefined : 'empty'} untrained={untrained} />
            <ModelPreview pixels={drawn} />
          </div>
        </div>
      </div>
    </section>
  );
}
