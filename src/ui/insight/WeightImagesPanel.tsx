// The first layer's weights as images, one tile per unit or filter (blue negative, red positive), live while training; hover or focus enlarges.
import { useMemo, useState } from 'react';
import type { WeightImages } from '../../engine/insight/types';
import { formatCount } from '../format';
import type { LatestAnswer } from '../useLatestRequest';
import { BriefProblem } from './BriefProblem';
import { RadioChoice } from './RadioChoice';
import { ScaleLegend } from './ScaleLegend';
import type { TileScale } from './scaling';
import { gridColumns } from './tile-grid';
import { TilePicker } from './TilePicker';
import { WeightTile, weightTilesImage } from './WeightTile';

/** Tiles a row, at the most (more once the grid would be taller than wide): Dense units' 28×28 tiles, or a few filters' k×k ones, larger. */
const TILES_PER_ROW = { unit: 16, filter: 8 } as const;

const SCALE_OPTIONS = [
  ['per-tile', 'Per tile'],
  ['shared', 'Shared by all tiles'],
] as const;

function WeightGrid({ weights }: { weights: WeightImages }) {
  const [scale, setScale] = useState<TileScale>('per-tile');
  const { unitName } = weights;
  const columns = gridColumns(weights.count, TILES_PER_ROW[unitName]);
  const image = useMemo(() => weightTilesImage(weights, columns, scale), [weights, columns, scale]);
  const grid = { count: weights.count, tileWidth: weights.width, tileHeight: weights.height, columns, gap: 1 };
  const shownOf = weights.count < weights.units ? `the first ${formatCount(weights.count)} of ${formatCount(weights.units)} ${unitName}s` : `${formatCount(weights.units)} ${unitName}s`;
  const where = unitName === 'filter' ? `each ${weights.height}×${weights.width} window of the input` : `the ${weights.height}×${weights.width} input`;
  return (
    <>
      <p className="insight-note muted">
        {weights.name}: what each {unitName} looks for in {where}, {shownOf} · weights of step {formatCount(weights.step)}
      </p>
      <RadioChoice legend="Colour scale" options={SCALE_OPTIONS} value={scale} onChange={setScale} />
      <TilePicker
        grid={grid}
        image={image}
        className="weight-grid"
        label={`Weight images of ${weights.name}: pick a ${unitName} to enlarge its tile`}
        describe={(unit) => `${unitName} ${unit + 1} of ${weights.units}`}
      >
        {(unit) => <WeightTile weights={weights} unit={unit} scale={scale} hint="Point at a tile, or focus the grid and use the arrow keys, to enlarge it." />}
      </TilePicker>
      <ScaleLegend kind="diverging" labels={['negative', '0', 'positive']} />
    </>
  );
}

export function WeightImagesPanel({ answer, untrained }: { answer?: LatestAnswer<void, WeightImages>; untrained: boolean }) {
  const weights = answer && 'value' in answer.result ? answer.result.value : undefined;
  return (
    <div className="insight-card weights-card" data-testid="weight-images">
      <h3>First-layer weights</h3>
      {untrained && <p className="insight-note muted">These are the starting, random weights: train to watch them turn into strokes and blobs.</p>}
      {answer && 'error' in answer.result && <BriefProblem key={answer.id} message={`Could not read the weights: ${answer.result.error}`} />}
      {weights ? <WeightGrid weights={weights} /> : <p className="muted">{answer ? 'No weight images yet.' : 'Reading the weights…'}</p>}
    </div>
  );
}
