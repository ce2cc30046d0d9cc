// How a layer's activations are shown, by shape alone: [units] as a strip of cells, [height, width, channels] as one map per channel.
import { shapeSize, type Shape } from '../../engine/layers/shapes';
import { divergingColour, sequentialColour, type Rgb } from './color-scales';
import { maxAbs } from './scaling';
import { gridColumns, tileGridImage, type RgbaImage, type TileGrid } from './tile-grid';

export type LayerLayout = { kind: 'units'; count: number } | { kind: 'maps'; height: number; width: number; channels: number };

/** A shape of three dimensions is maps; any other is read as a flat list of units. */
export function layerLayout(shape: Shape): LayerLayout {
  const [height, width, channels] = shape;
  if (shape.length === 3) return { kind: 'maps', height: height!, width: width!, channels: channels! };
  return { kind: 'units', count: shapeSize(shape) };
}

/** Cells of a strip, a row, at the most (a wider grid once it would be taller than wide). */
const UNITS_PER_ROW = 32;
/** Channel maps a row, at the most. */
const MAPS_PER_ROW = 8;

/** The layer as a grid of tiles: one 1×1 tile per unit, touching; or one height×width map per channel, apart. */
export function layerGrid(layout: LayerLayout): TileGrid {
  if (layout.kind === 'units') return { count: layout.count, tileWidth: 1, tileHeight: 1, columns: gridColumns(layout.count, UNITS_PER_ROW), gap: 0 };
  return { count: layout.channels, tileWidth: layout.width, tileHeight: layout.height, columns: gridColumns(layout.channels, MAPS_PER_ROW), gap: 1 };
}

/** The layer's activations as pixels: [units], or an image's channel-major planes (channel c's map is values [c·h·w, (c + 1)·h·w)). */
export function layerImage(layout: LayerLayout, values: ArrayLike<number>): RgbaImage {
  const colour = activationColours(values);
  const grid = layerGrid(layout);
  // A unit's tile has one pixel; a channel's map is its plane, row-major.
  return tileGridImage(grid, (tile, pixel) => colour(values[tile * grid.tileWidth * grid.tileHeight + pixel]!));
}

/**
 * A colour for each value of a layer: viridis from 0 to the largest when none is negative (relu, sigmoid),
 * blue–white–red around 0 otherwise (tanh, linear).
 */
export function activationColours(values: ArrayLike<number>): (value: number) => Rgb {
  const scale = maxAbs(values) || 1;
  const signed = Array.prototype.some.call(values, (value: number) => value < 0);
  return signed ? (value) => divergingColour(value / scale) : (value) => sequentialColour(value / scale);
}
