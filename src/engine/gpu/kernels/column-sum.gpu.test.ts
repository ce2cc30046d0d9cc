// gpu tier: column sum (bias gradient) against the float64 reference, from 1 row to 60000 and 1 column to 4096; its health variant.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { CANARY_WORDS, inputBuffer, mismatches, POISON_BITS, poisonedBuffer, readPoisoned, relativeBound, release, submit } from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { columnSum } from '../../reference/column-sum';
import { channelStats } from '../../reference/health';
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

function record(ctx: TestGpu['ctx'], encode: (pass: GPUComputePassEncoder) => void): void {
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'column sum test' });
    encode(pass);
    pass.end();
  });
}

async function columnSumOnGpu({ ctx, cache }: TestGpu, dYValues: Float32Array, rows: number, cols: number) {
  const dY = inputBuffer(ctx, 'dY', dYValues);
  const db = poisonedBuffer(ctx, 'db', cols);
  const op = await createColumnSum(ctx, cache, { rows, cols, dY: { buffer: dY }, db: { buffer: db } });
  record(ctx, op.encode);
  const result = await readPoisoned(ctx, db, cols);
  op.dispose();
  release(ctx, dY, db);
  return result;
}

/** A buffer of `length` zero words (the window's statistics start at zero) followed by poisoned canary words. */
const zeroedWithCanary = (ctx: TestGpu['ctx'], label: string, length: number): GPUBuffer =>
  inputBuffer(ctx, label, Uint32Array.from({ length: length + CANARY_WORDS }, (_, i) => (i < length ? 0 : POISON_BITS)));

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

describe(`column sum with unit statistics (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([
    [1, 1],
    [7, 10],
    [65, 64],
    [128, 12],
    [257, 128],
  ])('%i rows × %i columns: db bit for bit as the plain sum, and two steps of Σy, Σy², liveness added to the window', async (rows, cols) => {
    const { ctx, cache } = gpu;
    const rng = createRng(seed + rows * 17 + cols);
    // Y = leaky ReLU(Z), positive where Z is (liveness is read from Y); every third column never has a positive Z.
    const steps = [0, 1].map(() => {
      const z = dyadicArray(rng, rows * cols).map((value, i) => ((i % cols) % 3 === 0 ? -Math.abs(value) : value));
      return { dY: dyadicArray(rng, rows * cols), z, y: z.map((value) => (value > 0 ? value : value / 4)) };
    });
    const sums = zeroedWithCanary(ctx, 'unit sums', 2 * cols);
    const alive = zeroedWithCanary(ctx, 'unit alive', cols);
    const dbs = steps.map(() => poisonedBuffer(ctx, 'db', cols));
    const inputs = steps.map(({ dY, y }) => [dY, y].map((values, i) => inputBuffer(ctx, `input ${i}`, values)));
    const ops = await Promise.all(
      steps.map((_, s) => createColumnSum(ctx, cache, { rows, cols, dY: inputs[s]![0]!, db: dbs[s]!, unitStats: { y: inputs[s]![1]!, target: { sums, alive } } })),
    );
    record(ctx, (pass) => ops.forEach((op) => op.encodeWithHealth!(pass)));
    const dbRead = await Promise.all(dbs.map((db) => readPoisoned(ctx, db, cols)));
    const [sumsRead, aliveRead] = [await readPoisoned(ctx, sums, 2 * cols), await readPoisoned(ctx, alive, cols)];
    const plain = await Promise.all(steps.map(({ dY }) => columnSumOnGpu(gpu, dY, rows, cols)));
    ops.forEach((op) => op.dispose());
    release(ctx, sums, alive, ...dbs, ...inputs.flat());

    const expected = steps.map(({ z, y }) => channelStats(z, y, rows, cols));
    const expectedSums = expected[0]!.sums.map((value, i) => value + expected[1]!.sums[i]!);
    expect([...dbRead, sumsRead, aliveRead].every(({ canaryIntact }) => canaryIntact)).toBe(true);
    expect(dbRead.map(({ bits }) => Array.from(bits))).toEqual(plain.map(({ bits }) => Array.from(bits)));
    // Float32 chains of rows additions per step and one more for the window: relative (rows + 2)·2⁻²⁴.
    expect(mismatches(sumsRead.values, expectedSums, relativeBound(expectedSums, (rows + 2) * 2 ** -24, 1e-6))).toEqual([]);
    expect(Array.from(aliveRead.bits)).toEqual(Array.from(expected[0]!.alive, (value, i) => value | expected[1]!.alive[i]!));
  });
});
