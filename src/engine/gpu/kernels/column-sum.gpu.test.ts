// gpu tier: column sum (bias gradient) against the float64 reference, from 1 row to 60000 and 1 column to 4096.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, poisonedBuffer, readPoisoned, release, submit } from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { columnSum } from '../../reference/column-sum';
import { createColumnSum } from './column-sum';

/** [rows, cols]: every row count with a ragged and an aligned (vec4) column count, and the training shapes. */
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 12],
  [2, 7],
  [7, 64],
  [63, 65],
  [128, 10],
  [128, 64],
  [128, 128],
  [128, 4096],
  [257, 783],
  [257, 1000],
  [60_000, 10],
  [60_000, 12],
];

/**
 * Random multiples of 1/256 in [-1, 1]: every partial sum of up to 60000 of them is a multiple of 1/256 below
 * 2²⁴/256 in magnitude, so float32 sums them exactly in any order and the kernel must match the reference exactly.
 */
function dyadicArray(rng: Rng, length: number): Float32Array {
  return Float32Array.from({ length }, () => (rng.int(513) - 256) / 256);
}

async function columnSumOnGpu({ ctx, cache }: TestGpu, dYValues: Float32Array, rows: number, cols: number) {
  const dY = inputBuffer(ctx, 'dY', dYValues);
  const db = poisonedBuffer(ctx, 'db', cols);
  const op = await createColumnSum(ctx, cache, { rows, cols, dY: { buffer: dY }, db: { buffer: db } });
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'column sum test' });
    op.encode(pass);
    pass.end();
  });
  const result = await readPoisoned(ctx, db, cols);
  op.dispose();
  release(ctx, dY, db);
  return result;
}

const seed = Date.now() >>> 0;

describe(`column sum (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each(SHAPES)('sums %i rows × %i columns', async (rows, cols) => {
    const dY = dyadicArray(createRng(seed + rows * 31 + cols), rows * cols);
    const result = await columnSumOnGpu(gpu, dY, rows, cols);
    expect(result.canaryIntact).toBe(true);
    expect(mismatches(result.values, columnSum(dY, rows, cols), () => 0)).toEqual([]);
  });
});
