// What the model sees: the drawing as the 28×28 image it is given, enlarged with square pixels.
import { PIXELS_PER_IMAGE } from '../../engine/data/mnist';
import { DigitCanvas } from '../DigitGrid';

const BLANK = new Float32Array(PIXELS_PER_IMAGE);

export function ModelPreview({ pixels }: { pixels: Float32Array | null }) {
  return (
    <figure className="draw-preview">
      <DigitCanvas pixels={pixels ?? BLANK} maxLevel={1} data-testid="model-input" aria-label="The drawing as the model sees it, 28 by 28 pixels" role="img" />
      <figcaption>What the model sees (28×28)</figcaption>
    </figure>
  );
}
