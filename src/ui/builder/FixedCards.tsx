// The two layers every network has: the 784-pixel input and the 10-way softmax output.
import { PIXELS_PER_IMAGE, IMAGE_SIDE, CLASS_COUNT } from '../../engine/data/mnist';
import { Figures } from './Figures';
import type { LayerFigures } from './figures';

export function InputCard() {
  return (
    <div className="builder-card builder-fixed builder-input" data-testid="input-card">
      <div className="builder-card-head">
        <span className="builder-fixed-badge">In</span>
        <h3 className="builder-card-title">
          Input {PIXELS_PER_IMAGE} · {IMAGE_SIDE}×{IMAGE_SIDE} pixels
        </h3>
      </div>
      <Figures figures={{ width: PIXELS_PER_IMAGE, parameters: 0, forwardFlops: 0 }} />
    </div>
  );
}

export function OutputCard({ figures, insertBefore }: { figures: LayerFigures; insertBefore: boolean }) {
  return (
    <div className={`builder-card builder-fixed${insertBefore ? ' insert-before' : ''}`} data-testid="output-card">
      <div className="builder-card-head">
        <span className="builder-fixed-badge">Out</span>
        <h3 className="builder-card-title">Output {CLASS_COUNT} · softmax</h3>
      </div>
      <Figures figures={figures} />
    </div>
  );
}
