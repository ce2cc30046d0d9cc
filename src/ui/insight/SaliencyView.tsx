// Where the inspected digit's pixels push the predicted class's score: ∂logit/∂pixel, signed or as magnitude, optionally × the pixel.
import { useMemo, useState } from 'react';
import { IMAGE_SIDE } from '../../engine/data/mnist';
import { ImageCanvas } from './ImageCanvas';
import { RadioChoice } from './RadioChoice';
import { saliencyColours, type SaliencyMode } from './saliency';
import { ScaleLegend } from './ScaleLegend';
import { tileGridImage } from './tile-grid';

const MODE_OPTIONS = [
  ['signed', 'Signed'],
  ['magnitude', 'Magnitude'],
] as const;

const EXPLAIN: Record<SaliencyMode, (predicted: number) => string> = {
  signed: (predicted) => `Red: more ink here raises the score of ${predicted}; blue: lowers it.`,
  magnitude: (predicted) => `Bright: the score of ${predicted} is most sensitive to the ink here, either way.`,
};

export function SaliencyView({ saliency, pixels, predicted }: { saliency: Float32Array; pixels: Float32Array; predicted: number }) {
  const [mode, setMode] = useState<SaliencyMode>('signed');
  const [timesInput, setTimesInput] = useState(false);
  const image = useMemo(() => {
    const colours = saliencyColours(saliency, pixels, { mode, timesInput });
    return tileGridImage({ count: 1, tileWidth: IMAGE_SIDE, tileHeight: IMAGE_SIDE, columns: 1, gap: 0 }, (_, pixel) => colours[pixel]!);
  }, [saliency, pixels, mode, timesInput]);
  return (
    <figure className="saliency">
      <ImageCanvas image={image} role="img" data-testid="saliency" aria-label={`Saliency map of the inspected digit for ${predicted}. ${EXPLAIN[mode](predicted)}`} />
      <figcaption>
        <span className="saliency-title">Saliency for {predicted}</span>
        <span className="muted">{EXPLAIN[mode](predicted)}</span>
        {mode === 'signed' ? <ScaleLegend kind="diverging" labels={['lowers', '0', 'raises']} /> : <ScaleLegend kind="sequential" labels={['none', 'most']} />}
        <RadioChoice legend="Show" options={MODE_OPTIONS} value={mode} onChange={setMode} />
        <label className="saliency-times-input">
          <input type="checkbox" checked={timesInput} onChange={(event) => setTimesInput(event.target.checked)} /> Gradient × input
        </label>
      </figcaption>
    </figure>
  );
}
