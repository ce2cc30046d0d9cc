// How values become colours in the tiles and maps: each tile scaled by its own largest magnitude, or all by one shared.

/** 'per-tile': each tile uses its full colour range; 'shared': one scale, so tiles compare with each other. */
export type TileScale = 'per-tile' | 'shared';

/** The largest |value| in values[start, end), or 0. */
export function maxAbs(values: ArrayLike<number>, start = 0, end = values.length): number {
  let largest = 0;
  for (let i = start; i < end; i++) largest = Math.max(largest, Math.abs(values[i]!));
  return largest;
}

/**
 * For tiles of `tileSize` values laid one after another: what each tile's values are divided by to fall in [-1, 1].
 * A tile (or, shared, every tile) of zeros is divided by 1.
 */
export function tileScales(values: ArrayLike<number>, tileSize: number, scale: TileScale): Float32Array {
  const count = Math.floor(values.length / tileSize);
  const own = Float32Array.from({ length: count }, (_, tile) => maxAbs(values, tile * tileSize, (tile + 1) * tileSize));
  const shared = maxAbs(own);
  return own.map((largest) => (scale === 'shared' ? shared : largest) || 1);
}
