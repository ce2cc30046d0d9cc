// gpu tier: the health kernels against the float64 reference, on awkward sizes, outputs poisoned or canaried.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { CANARY_WORDS, inputBuffer, mismatches, POISON_BITS, poisonedBuffer, randomArray, readPoisoned, relativeBound, release, submit } from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { channelStats, tensorNorms } from '../../reference/health';
import type { ComputeOp } from '../kernel';
import { createChannelStats, createSnapshotCopy, createTensorNorms, type FlatSegment } from './health';

/** A buffer of `length` zero words (accumulators start at zero) followed by poisoned canary words. */
const zeroedWithCanary = (gpu: TestGpu, label: string, length: number): GPUBuffer =>
  inputBuffer(gpu.ctx, label, Uint32Array.from({ length: length + CANARY_WORDS }, (_, i) => (i < length ? 0 : POISON_BITS)));

/** Multiples of 1/256 in [-1, 1]: their squares and every sum of a few hundred of them are exact in float32. */
const dyadicArray = (rng: Rng, length: number): Float32Array => Float32Array.from({ length }, () => (rng.int(513) - 256) / 256);

/** Positive where z is, as every ReLU-family activation: the kernels read liveness from Y. */
const leakyRelu = (z: number): number => (z > 0 ? z : z / 4);

function record(gpu: TestGpu, ops: readonly ComputeOp[]): void {
  submit(gpu.ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'health test' });
    ops.forEach((op) => op.encode(pass));
    pass.end();
  });
}

const seed = Date.now() >>> 0;

describe(`health kernels (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([
    [1, 1, 1],
    [7, 3, 1],
    [65, 63, 1],
    [128, 128, 1],
    [1, 7, 9],
    [7, 3, 25],
    [65, 24, 576],
  ])('adds two steps of %i rows × %i channels × %i positions to the per-channel sums and liveness', async (rows, channels, plane) => {
    const rng = createRng(seed + rows * 131 + channels * 7 + plane);
    const values = rows * channels * plane;
    // Y = leaky ReLU(Z); every third channel never has a positive pre-activation: it must stay dead over both steps.
    const channelOf = (i: number) => Math.floor(i / plane) % channels;
    const steps = [0, 1].map(() => {
      const z = dyadicArray(rng, values).map((value, i) => (channelOf(i) % 3 === 0 ? -Math.abs(value) : value));
      return { z, y: z.map(leakyRelu) };
    });
    const sums = zeroedWithCanary(gpu, 'channel sums', 2 * channels);
    const alive = zeroedWithCanary(gpu, 'channel alive', channels);
    const buffers = steps.map(({ y }) => inputBuffer(gpu.ctx, 'Y', y));
    const target = { sums, alive };
    const ops = await Promise.all(buffers.map((y) => createChannelStats(gpu.ctx, gpu.cache, { rows, channels, plane, y, target })));
    record(gpu, ops);
    const [sumsRead, aliveRead] = [await readPoisoned(gpu.ctx, sums, 2 * channels), await readPoisoned(gpu.ctx, alive, channels)];
    ops.forEach((op) => op.dispose());
    release(gpu.ctx, sums, alive, ...buffers);

    const expected = steps.map(({ z, y }) => channelStats(z, y, rows, channels, plane));
    const expectedSums = expected[0]!.sums.map((value, i) => value + expected[1]!.sums[i]!);
    const expectedAlive = Array.from(expected[0]!.alive, (value, i) => value | expected[1]!.alive[i]!);
    expect(sumsRead.canaryIntact && aliveRead.canaryIntact).toBe(true);
    // Float32 chains of about rows × plane / 64 additions per invocation, a 6-level tree, two steps: relative (chain + 12)·2⁻²⁴.
    const rtol = (Math.ceil((rows * plane) / 64) + 12) * 2 ** -24;
    expect(mismatches(sumsRead.values, expectedSums, relativeBound(expectedSums, rtol, 1e-6))).toEqual([]);
    expect(Array.from(aliveRead.bits)).toEqual(expectedAlive);
    expect(expectedAlive.filter((_, channel) => channel % 3 === 0).every((value) => value === 0)).toBe(true);
  });

  it.each([
    [[{ offset: 0, length: 1 }]],
    [[{ offset: 0, length: 63 }, { offset: 64, length: 65 }, { offset: 192, length: 7 }]],
    [[{ offset: 0, length: 100_480 }, { offset: 100_480, length: 8_256 }, { offset: 108_736, length: 704 }]],
  ])('sums squared weights, gradients and updates per segment (%#)', async (segments: FlatSegment[]) => {
    const rng = createRng(seed + segments.length);
    const floats = Math.max(...segments.map(({ offset, length }) => offset + length));
    const [weights, gradients] = [randomArray(rng, floats), randomArray(rng, floats, -1e-3, 1e-3)];
    const previous = weights.map((value) => value - 1e-3 * (rng.next() - 0.5));
    const inputs = [weights, gradients, previous].map((values, i) => inputBuffer(gpu.ctx, `flat ${i}`, values));
    const norms = poisonedBuffer(gpu.ctx, 'norms', 3 * segments.length);
    const op = await createTensorNorms(gpu.ctx, gpu.cache, { segments, weights: inputs[0]!, gradients: inputs[1]!, previous: inputs[2]!, norms });
    record(gpu, [op]);
    const result = await readPoisoned(gpu.ctx, norms, 3 * segments.length);
    op.dispose();
    release(gpu.ctx, norms, ...inputs);

    // Float32 partial sums of up to 10⁵ positive terms, in another order than the reference: relative 1e-5.
    const expected = tensorNorms(segments, weights, gradients, previous);
    expect(result.canaryIntact).toBe(true);
    expect(mismatches(result.values, expected, relativeBound(expected, 1e-5, 0))).toEqual([]);
  });

  it.each([1, 63, 65, 100_480])('copies %i floats bit for bit', async (length) => {
    const values = randomArray(createRng(seed + length), length);
    const source = inputBuffer(gpu.ctx, 'source', values);
    const target = poisonedBuffer(gpu.ctx, 'target', length);
    const op = await createSnapshotCopy(gpu.ctx, gpu.cache, { length, source, target });
    record(gpu, [op]);
    const result = await readPoisoned(gpu.ctx, target, length);
    op.dispose();
    release(gpu.ctx, source, target);
    expect(result.canaryIntact).toBe(true);
    expect(Array.from(result.bits)).toEqual(Array.from(new Uint32Array(values.buffer)));
  });
});
