// Weight layout conversions for the peers: axis permutations checked element by element on small shapes.
import { describe, expect, it } from 'vitest';
import { convWeightsHwio, convWeightsOihw, denseRowsChannelLast, permuteAxes } from '../bench/weight-layouts';

const counting = (length: number) => Float32Array.from({ length }, (_, i) => i);

describe('permuteAxes', () => {
  it('transposes a matrix and leaves the identity order alone', () => {
    expect([...permuteAxes(counting(6), [2, 3], [1, 0])]).toEqual([0, 3, 1, 4, 2, 5]);
    expect([...permuteAxes(counting(24), [2, 3, 4], [0, 1, 2])]).toEqual([...counting(24)]);
  });

  it('puts input element [a, b, c] at output [c, a, b] for order [2, 0, 1]', () => {
    const shape = [2, 3, 4];
    const out = permuteAxes(counting(24), shape, [2, 0, 1]);
    for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 4; c++) expect(out[c * 6 + a * 3 + b]).toBe(a * 12 + b * 4 + c);
  });

  it('refuses an order that is not a permutation of the axes', () => {
    expect(() => permuteAxes(counting(6), [2, 3], [0, 0])).toThrow(RangeError);
    expect(() => permuteAxes(counting(6), [2, 3], [0])).toThrow(RangeError);
  });
});

describe('the peers’ layouts', () => {
  // Ours: W [C=2, k=3, k=3, F=4], value at [c, y, x, f] = c·36 + y·12 + x·4 + f.
  const [channels, kernel, filters] = [2, 3, 4];
  const ours = counting(channels * kernel * kernel * filters);
  const at = (c: number, y: number, x: number, f: number) => c * 36 + y * 12 + x * 4 + f;

  it('gives jax-js [F, C, k, k] and tfjs [k, k, C, F]', () => {
    const oihw = convWeightsOihw(ours, channels, kernel, filters);
    const hwio = convWeightsHwio(ours, channels, kernel, filters);
    for (let c = 0; c < channels; c++)
      for (let y = 0; y < kernel; y++)
        for (let x = 0; x < kernel; x++)
          for (let f = 0; f < filters; f++) {
            expect(oihw[((f * channels + c) * kernel + y) * kernel + x]).toBe(at(c, y, x, f));
            expect(hwio[((y * kernel + x) * channels + c) * filters + f]).toBe(at(c, y, x, f));
          }
  });

  it('moves a Dense row from our flatten index (c, h, w) to the NHWC one (h, w, c)', () => {
    const image = { height: 2, width: 3, channels: 4 };
    const outputs = 5;
    const rows = denseRowsChannelLast(counting(24 * outputs), image, outputs);
    const ourRow = (c: number, h: number, w: number) => (c * 2 + h) * 3 + w;
    expect(rows[((1 * 3 + 2) * 4 + 3) * outputs + 4]).toBe(ourRow(3, 1, 2) * outputs + 4);
    expect(rows[((0 * 3 + 1) * 4 + 2) * outputs]).toBe(ourRow(2, 0, 1) * outputs);
  });
});
