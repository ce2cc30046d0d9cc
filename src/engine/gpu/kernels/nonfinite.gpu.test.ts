// gpu tier: the non-finite counter against a JS bit test, on odd lengths, a folded dispatch and edge bit patterns.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { CANARY_WORDS, POISON_BITS, inputBuffer, randomArray, readPoisoned, release, submit } from '../../../../tests/gpu/harness';
import { createRng } from '../../random';
import { createNonfiniteCheck } from './nonfinite';

/** NaN and ±Inf: every exponent bit set. */
const isNonfiniteBits = (bits: number) => (bits & 0x7f800000) === 0x7f800000;
const NONFINITE_PATTERNS = [0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffffffff, POISON_BITS];
const FINITE_EDGE_PATTERNS = [0x7f7fffff, 0xff7fffff, 0x00000001, 0x80000000, 0x00800000, 0x3f800000];

/** Counts on the GPU (`dispatches` times in one pass) with non-finite words after the logical end that must not count. */
async function countOnGpu({ ctx, cache }: TestGpu, bits: Uint32Array, dispatches = 1) {
  const withTail = new Uint32Array(bits.length + CANARY_WORDS).fill(0x7fc00000);
  withTail.set(bits);
  const values = inputBuffer(ctx, 'test values', withTail);
  const count = inputBuffer(ctx, 'test non-finite count', new Uint32Array(1 + CANARY_WORDS).fill(POISON_BITS).fill(0, 0, 1));
  const op = await createNonfiniteCheck(ctx, cache, { length: bits.length, values, count });
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'test non-finite check' });
    for (let i = 0; i < dispatches; i++) op.encode(pass);
    pass.end();
  });
  const readout = await readPoisoned(ctx, count, 1);
  op.dispose();
  release(ctx, values, count);
  return { count: readout.bits[0]!, canaryIntact: readout.canaryIntact };
}

const seed = Date.now() >>> 0;

describe(`nonfinite_count_values (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([1, 2, 7, 63, 64, 65, 127, 257, 784, 1000, 4_200_000])('counts NaN and ±Inf among %i values', async (length) => {
    const rng = createRng(seed + length);
    const bits = new Uint32Array(randomArray(rng, length, -1e30, 1e30).buffer);
    const edgeCount = Math.min(length, 1 + rng.int(12));
    for (let k = 0; k < edgeCount; k++) {
      const patterns = rng.next() < 0.5 ? NONFINITE_PATTERNS : FINITE_EDGE_PATTERNS;
      bits[rng.int(length)] = patterns[rng.int(patterns.length)]!;
    }
    const expected = bits.reduce((sum, word) => sum + (isNonfiniteBits(word) ? 1 : 0), 0);
    const { count, canaryIntact } = await countOnGpu(gpu, bits);
    expect(count).toBe(expected);
    expect(canaryIntact).toBe(true);
  });

  it('counts every non-finite pattern and no finite edge pattern', async () => {
    const bits = Uint32Array.from([...NONFINITE_PATTERNS, ...FINITE_EDGE_PATTERNS]);
    expect((await countOnGpu(gpu, bits)).count).toBe(NONFINITE_PATTERNS.length);
  });

  it('adds to the count on every dispatch', async () => {
    const bits = Uint32Array.from([0x7fc00000, 0, 0x7f800000, 0x3f800000]);
    expect((await countOnGpu(gpu, bits, 3)).count).toBe(6);
  });
});
