// Unit tier: a grid of tiles with gaps — its size, where each tile sits, which tile a point is over, and its pixels.
import { describe, expect, it } from 'vitest';
import { gridColumns, inkImage, tileAt, tileBox, tileGridImage, tileGridSize, type TileGrid } from './tile-grid';

// Five 2×1 tiles, three a row, one transparent pixel between: rows [0 1 2] [3 4], image 8×3.
const GRID: TileGrid = { count: 5, tileWidth: 2, tileHeight: 1, columns: 3, gap: 1 };

describe('gridColumns', () => {
  it('keeps the preferred row length, widening grids that would be taller than wide', () => {
    expect(gridColumns(128, 16)).toBe(16);
    expect(gridColumns(10, 16)).toBe(10);
    expect(gridColumns(4096, 32)).toBe(64);
    expect(gridColumns(0, 16)).toBe(1);
  });
});

describe('tile grid', () => {
  it('is as wide as its columns and as tall as its rows, gaps between only', () => {
    expect(tileGridSize(GRID)).toEqual({ width: 8, height: 3 });
  });

  it('places tiles row by row', () => {
    expect(tileBox(GRID, 4)).toEqual({ left: 3 / 8, top: 2 / 3, width: 2 / 8, height: 1 / 3 });
  });

  it('finds the tile under a point, and none over a gap or an empty slot', () => {
    expect(tileAt(GRID, 0.5 / 8, 0.5 / 3)).toBe(0);
    expect(tileAt(GRID, 4.5 / 8, 2.5 / 3)).toBe(4);
    expect(tileAt(GRID, 2.5 / 8, 0.5 / 3)).toBeNull(); // the gap after tile 0
    expect(tileAt(GRID, 6.5 / 8, 2.5 / 3)).toBeNull(); // where a sixth tile would be
    expect(tileAt(GRID, 1.2, 0.5)).toBeNull();
  });

  it('paints each tile pixel with its colour and leaves the gaps transparent', () => {
    const image = tileGridImage(GRID, (tile, pixel) => [tile, pixel, 9]);
    const at = (x: number, y: number) => Array.from(image.data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4));
    expect(at(0, 0)).toEqual([0, 0, 9, 255]);
    expect(at(1, 0)).toEqual([0, 1, 9, 255]);
    expect(at(2, 0)).toEqual([0, 0, 0, 0]);
    expect(at(4, 2)).toEqual([4, 1, 9, 255]);
    expect(at(7, 2)).toEqual([0, 0, 0, 0]);
  });
});

describe('inkImage', () => {
  it('draws full ink black and no ink white, whatever the levels run to', () => {
    const bytes = inkImage(Uint8Array.of(255, 0, 51, 0), 2, 255);
    expect(Array.from(bytes.data.subarray(0, 12))).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 204, 204, 204, 255]);
    expect(inkImage(Float32Array.of(1, 0, 0.2, 0), 2, 1).data).toEqual(bytes.data);
  });
});
