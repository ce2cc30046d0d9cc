// Tiles laid out row by row in one image with a gap between them: its size, each tile's place, and its RGBA pixels.
import type { Rgb } from './color-scales';

export interface TileGrid {
  count: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  /** Transparent pixels between tiles. */
  gap: number;
}

/** Plain RGBA pixels, as ImageData holds them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>; // [height, width, 4]
}

/** Columns for `count` cells: `preferred` a row, more once the grid would be taller than wide. */
export const gridColumns = (count: number, preferred: number): number => Math.max(1, Math.min(count, Math.max(preferred, Math.ceil(Math.sqrt(count)))));

export function tileGridSize({ count, tileWidth, tileHeight, columns, gap }: TileGrid): { width: number; height: number } {
  const rows = Math.ceil(count / columns);
  return { width: columns * (tileWidth + gap) - gap, height: Math.max(0, rows * (tileHeight + gap) - gap) };
}

/** Where tile `index` lies, as fractions of the image's width and height (for an overlay placed with percentages). */
export function tileBox(grid: TileGrid, index: number): { left: number; top: number; width: number; height: number } {
  const { width, height } = tileGridSize(grid);
  const [row, column] = [Math.floor(index / grid.columns), index % grid.columns];
  return {
    left: (column * (grid.tileWidth + grid.gap)) / width,
    top: (row * (grid.tileHeight + grid.gap)) / height,
    width: grid.tileWidth / width,
    height: grid.tileHeight / height,
  };
}

/** The tile under a point given as fractions of the image (x, y in [0, 1)), or null over a gap or outside. */
export function tileAt(grid: TileGrid, x: number, y: number): number | null {
  const { width, height } = tileGridSize(grid);
  const [px, py] = [Math.floor(x * width), Math.floor(y * height)];
  const [column, row] = [Math.floor(px / (grid.tileWidth + grid.gap)), Math.floor(py / (grid.tileHeight + grid.gap))];
  const inside = px % (grid.tileWidth + grid.gap) < grid.tileWidth && py % (grid.tileHeight + grid.gap) < grid.tileHeight;
  const index = row * grid.columns + column;
  return inside && column >= 0 && column < grid.columns && row >= 0 && index < grid.count ? index : null;
}

/** The grid's pixels: `colourOf(tile, pixel)` for each tile's pixels (row-major within the tile), gaps transparent. */
export function tileGridImage(grid: TileGrid, colourOf: (tile: number, pixel: number) => Rgb): RgbaImage {
  const { width, height } = tileGridSize(grid);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let tile = 0; tile < grid.count; tile++) {
    const [left, top] = [(tile % grid.columns) * (grid.tileWidth + grid.gap), Math.floor(tile / grid.columns) * (grid.tileHeight + grid.gap)];
    for (let pixel = 0; pixel < grid.tileWidth * grid.tileHeight; pixel++) {
      const [x, y] = [left + (pixel % grid.tileWidth), top + Math.floor(pixel / grid.tileWidth)];
      data.set([...colourOf(tile, pixel), 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** A grey image (levels 0..`maxLevel`, ink high) as dark ink on light paper, `side`×`side`. */
export function inkImage(pixels: ArrayLike<number>, side: number, maxLevel: number): RgbaImage {
  return tileGridImage({ count: 1, tileWidth: side, tileHeight: side, columns: 1, gap: 0 }, (_, pixel) => {
    const paper = Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[pixel]! / maxLevel))));
    return [paper, paper, paper];
  });
}
