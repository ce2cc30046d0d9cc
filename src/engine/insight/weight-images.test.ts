// Unit tier: a Dense layer's weights W [inputs, outputs] and a Conv2D's W [C, k, k, F] read as one image per unit — where each tile value comes from.
import { describe, expect, it } from 'vitest';
import { CONV2D } from '../layers/conv2d';
import { DENSE } from '../layers/dense';
import type { LayerPlace } from '../layers/kind';
import { weightTiles } from './weight-images';

const dense = (units: number) => ({ ...DENSE.defaults, units });
const place = (input: number[], units: number): LayerPlace => ({ index: 0, role: 'hidden', input, output: [units] });

/** W[i, u] = 1000·i + u, so a value names its input index and unit. */
const namedWeights = (inputs: number, units: number) => Float32Array.from({ length: inputs * units }, (_, k) => 1000 * Math.floor(k / units) + (k % units));

describe('Dense weight images', () => {
  it('on 28×28×1 gives one 28×28 tile per unit: tile u at (y, x) is W[28·y + x, u]', () => {
    const units = 5;
    const layout = DENSE.weightImages!(dense(units), place([28, 28, 1], units))!;
    expect(layout).toMatchObject({ units, height: 28, width: 28 });
    const tiles = weightTiles(layout, namedWeights(784, units), units);
    expect(tiles).toHaveLength(units * 784);
    for (const [u, y, x] of [[0, 0, 0], [4, 27, 27], [2, 3, 17]] as const) expect(tiles[u * 784 + y * 28 + x]).toBe(1000 * (28 * y + x) + u);
  });

  it('shows the first channel of a multi-channel input, and only the first `count` units', () => {
    const [height, width, channels, units] = [3, 4, 2, 6];
    const layout = DENSE.weightImages!(dense(units), place([height, width, channels], units))!;
    const tiles = weightTiles(layout, namedWeights(height * width * channels, units), 2);
    expect(tiles).toHaveLength(2 * height * width);
    // The input is stored channel-major (shapes.ts): pixel (y, x) of channel 0 is input y·W + x; channel 1 follows all of it.
    expect(Array.from(tiles.subarray(height * width, 2 * height * width))).toEqual(Array.from({ length: height * width }, (_, i) => 1000 * i + 1));
  });

  it('has no images for a flat input', () => {
    expect(DENSE.weightImages!(dense(4), place([784], 4))).toBeUndefined();
  });
});

describe('Conv2D weight images', () => {
  it('give one k×k tile per filter, of its first input channel: tile f at (y, x) is W[0, y, x, f]', () => {
    const [kernelSize, filters, channels] = [5, 6, 2];
    const conv = { ...CONV2D.defaults, kernelSize, filters };
    const layout = CONV2D.weightImages!(conv, { index: 0, role: 'hidden', input: [12, 12, channels], output: [8, 8, filters] })!;
    expect(layout).toMatchObject({ units: filters, height: kernelSize, width: kernelSize });
    // W[c, y, x, f] = 1000·((c·k + y)·k + x) + f: namedWeights of [C·k·k, F].
    const tiles = weightTiles(layout, namedWeights(channels * kernelSize * kernelSize, filters), filters);
    expect(tiles).toHaveLength(filters * kernelSize * kernelSize);
    for (const [f, y, x] of [[0, 0, 0], [5, 4, 4], [3, 1, 2]] as const) expect(tiles[(f * kernelSize + y) * kernelSize + x]).toBe(1000 * (y * kernelSize + x) + f);
  });
});
