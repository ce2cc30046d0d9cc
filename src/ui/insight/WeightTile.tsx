// One unit's incoming weights (a Conv2D filter's k×k window) enlarged, blue (negative) to red (positive), with their range in words.
import { useMemo } from 'react';
import type { WeightImages } from '../../engine/insight/types';
import { divergingColour } from './color-scales';
import { ImageCanvas } from './ImageCanvas';
import { maxAbs, tileScales, type TileScale } from './scaling';
import { tileGridImage, type RgbaImage } from './tile-grid';

/** The weight tiles as one grid image, each tile scaled as `scale` says. */
export function weightTilesImage(weights: WeightImages, columns: number, scale: TileScale, only?: number): RgbaImage {
  const size = weights.height * weights.width;
  const scales = tileScales(weights.values, size, scale);
  const first = only ?? 0;
  const grid = { count: only === undefined ? weights.count : 1, tileWidth: weights.width, tileHeight: weights.height, columns, gap: 1 };
  return tileGridImage(grid, (tile, pixel) => divergingColour(weights.values[(first + tile) * size + pixel]! / scales[first + tile]!));
}

const formatWeight = (value: number): string => value.toFixed(Math.abs(value) >= 1 ? 2 : 3);

/** `unit` < weights.count; without one, a hint of how to pick one. */
export function WeightTile({ weights, unit, scale, hint }: { weights: WeightImages; unit: number | null; scale: TileScale; hint: string }) {
  const image = useMemo(() => (unit === null ? null : weightTilesImage(weights, 1, scale, unit)), [weights, unit, scale]);
  if (unit === null || !image) return <p className="weight-tile weight-tile-hint muted">{hint}</p>;
  const size = weights.height * weights.width;
  const tile = weights.values.subarray(unit * size, (unit + 1) * size);
  const [low, high] = [Math.min(...tile), Math.max(...tile)];
  const filter = weights.unitName === 'filter';
  return (
    <figure className="weight-tile">
      <ImageCanvas image={image} role="img" aria-label={`Weights ${filter ? 'of filter' : 'into unit'} ${unit + 1}, from ${formatWeight(low)} to ${formatWeight(high)}`} />
      <figcaption>
        {filter ? 'Filter' : 'Unit'} {unit + 1}: {formatWeight(low)} to {formatWeight(high)}
        <span className="muted"> (largest |w| {formatWeight(maxAbs(tile))})</span>
      </figcaption>
    </figure>
  );
}
