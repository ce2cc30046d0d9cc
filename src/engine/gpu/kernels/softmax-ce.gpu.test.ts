// gpu tier: fused softmax + cross-entropy against the float64 reference; extreme logits, ties, accumulation, NaN flagging.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import {
  CANARY_WORDS,
  POISON_BITS,
  inputBuffer,
  mismatches,
  poisonedBuffer,
  randomArray,
  readPoisoned,
  relativeBound,
  release,
  submit,
} from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { softmaxCrossEntropy } from '../../reference/softmax-ce';
import { readBuffer } from '../readback';
import { createLossAccumulators, createSoftmaxCrossEntropy, decodeLossAccumulators } from './softmax-ce';

const IGNORED_LABEL = 0xffffffff;
const ACCUMULATOR_WORDS = 3;
const isNaNBits = (bits: number) => (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;

interface Case {
  logits: Float32Array; // [batch, classes]
  labels: Uint32Array; // [batch]
  batch: number;
  classes: number;
}

function randomCase(rng: Rng, batch: number, classes: number, scale = 4): Case {
  const labels = Uint32Array.from({ length: batch }, () => rng.int(classes));
  if (batch >= 7) labels[3] = IGNORED_LABEL;
  return { logits: randomArray(rng, batch * classes, -scale, scale), labels, batch, classes };
}

/** Runs the op `dispatches` times in one pass over zeroed accumulators; dLogits and accumulators carry canaries. */
async function runOnGpu({ ctx, cache }: TestGpu, { logits, labels, batch, classes }: Case, dispatches = 1) {
  const logitBuffer = inputBuffer(ctx, 'test logits', logits);
  const labelBuffer = inputBuffer(ctx, 'test labels', labels);
  const dLogits = poisonedBuffer(ctx, 'test dLogits', batch * classes);
  const zeroedWithCanary = new Uint32Array(ACCUMULATOR_WORDS + CANARY_WORDS).fill(POISON_BITS).fill(0, 0, ACCUMULATOR_WORDS);
  const accumulators = inputBuffer(ctx, 'test accumulators', zeroedWithCanary);
  const buffers = { logits: logitBuffer, labels: labelBuffer, dLogits, accumulators };
  const op = await createSoftmaxCrossEntropy(ctx, cache, { batch, classes, ...buffers });
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'test softmax-ce' });
    for (let i = 0; i < dispatches; i++) op.encode(pass);
    pass.end();
  });
  const gradient = await readPoisoned(ctx, dLogits, batch * classes);
  const sums = await readPoisoned(ctx, accumulators, ACCUMULATOR_WORDS);
  op.dispose();
  release(ctx, logitBuffer, labelBuffer, dLogits, accumulators);
  return { gradient, sums, totals: decodeLossAccumulators(sums.bits.buffer as ArrayBuffer) };
}

/** dLogits within f32 exp/log error (absolute part scaled by 1/batch), loss sum relative 1e-5, counts exact. */
async function expectMatchesReference(gpu: TestGpu, testCase: Case) {
  const { batch, classes } = testCase;
  const expected = softmaxCrossEntropy(testCase.logits, testCase.labels, batch, classes);
  const { gradient, sums, totals } = await runOnGpu(gpu, testCase);
  expect(mismatches(gradient.values, expected.dLogits, relativeBound(expected.dLogits, 1e-5, 1e-6 / batch))).toEqual([]);
  expect(gradient.canaryIntact && sums.canaryIntact).toBe(true);
  expect(Math.abs(totals.lossSum - expected.lossSum)).toBeLessThanOrEqual(1e-5 * Math.abs(expected.lossSum) + 1e-6 * batch);
  expect(totals.correct).toBe(expected.correct);
  expect(totals.nonfiniteRows).toBe(0);
}

const seed = Date.now() >>> 0;

describe(`softmax_ce_loss_and_grad (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([1, 2, 7, 63, 64, 65, 127, 257, 784, 1000])('matches the reference for a batch of %i rows of 10 classes', async (batch) => {
    await expectMatchesReference(gpu, randomCase(createRng(seed + batch), batch, 10));
  });

  it.each([1, 2, 7, 33, 64])('matches the reference for %i classes', async (classes) => {
    await expectMatchesReference(gpu, randomCase(createRng(seed + 100 + classes), 65, classes));
  });

  it.each([1000, 1e4])('gives finite loss and gradients for logits of ±%d', async (scale) => {
    const rng = createRng(seed + scale);
    const testCase = randomCase(rng, 65, 10);
    testCase.logits = testCase.logits.map(() => (rng.next() < 0.5 ? -scale : scale) * (0.5 + 0.5 * rng.next()));
    testCase.logits.fill(scale, 0, 10); // a row of equal extreme logits
    await expectMatchesReference(gpu, testCase);
  });

  it('counts ties as predicting the lowest index', async () => {
    const logits = Float32Array.from([1, 3, 3, 0, /**/ 2, 2, 2, 2, /**/ 0, 0, 5, 5, /**/ -1, -1, -1, -1]);
    const labels = Uint32Array.from([1, 1, 3, 0]); // rows 0 and 3 are correct; rows 1 and 2 name a later tied index
    const { totals } = await runOnGpu(gpu, { logits, labels, batch: 4, classes: 4 });
    expect(totals.correct).toBe(2);
    expect(softmaxCrossEntropy(logits, labels, 4, 4).correct).toBe(2);
  });

  it('adds to the accumulators on every dispatch instead of overwriting them', async () => {
    const testCase = randomCase(createRng(seed + 7), 300, 10);
    const expected = softmaxCrossEntropy(testCase.logits, testCase.labels, 300, 10);
    const { totals } = await runOnGpu(gpu, testCase, 3);
    expect(totals.correct).toBe(3 * expected.correct);
    expect(Math.abs(totals.lossSum - 3 * expected.lossSum)).toBeLessThanOrEqual(1e-5 * 3 * expected.lossSum);
  });

  it('starts from zero in createLossAccumulators, and again after clearBuffer', async () => {
    const { ctx, cache } = gpu;
    const { logits, labels } = randomCase(createRng(seed + 9), 100, 10);
    const expected = softmaxCrossEntropy(logits, labels, 100, 10);
    const [logitBuffer, labelBuffer] = [inputBuffer(ctx, 'test logits', logits), inputBuffer(ctx, 'test labels', labels)];
    const dLogits = poisonedBuffer(ctx, 'test dLogits', 1000);
    const accumulators = createLossAccumulators(ctx);
    const buffers = { logits: logitBuffer, labels: labelBuffer, dLogits, accumulators };
    const op = await createSoftmaxCrossEntropy(ctx, cache, { batch: 100, classes: 10, ...buffers });
    const dispatchTwice = () =>
      submit(ctx, (encoder) => {
        encoder.clearBuffer(accumulators);
        const pass = encoder.beginComputePass({ label: 'test softmax-ce' });
        op.encode(pass);
        op.encode(pass);
        pass.end();
      });
    dispatchTwice();
    dispatchTwice();
    const totals = decodeLossAccumulators(await readBuffer(ctx, accumulators));
    op.dispose();
    release(ctx, logitBuffer, labelBuffer, dLogits, accumulators);
    expect(totals.correct).toBe(2 * expected.correct);
    expect(Math.abs(totals.lossSum - 2 * expected.lossSum)).toBeLessThanOrEqual(1e-5 * 2 * expected.lossSum);
  });

  it('flags rows with NaN or ±Inf logits by bit pattern, zeroes their gradient and poisons the loss sum', async () => {
    const testCase = randomCase(createRng(seed + 11), 300, 10);
    const flaggedRows = [0, 77, 150, 299];
    const nonfiniteBits = [0x7fc00000, 0xffc00001, 0x7f800000, 0xff800000]; // NaN, negative NaN, +Inf, −Inf
    const logitBits = new Uint32Array(testCase.logits.buffer);
    flaggedRows.forEach((row, i) => (logitBits[row * 10 + (row % 10)] = nonfiniteBits[i]!));
    const { gradient, totals, sums } = await runOnGpu(gpu, testCase, 2);
    expect(totals.nonfiniteRows).toBe(2 * flaggedRows.length);
    expect(isNaNBits(sums.bits[0]!)).toBe(true);
    for (const row of flaggedRows) expect([...gradient.bits.subarray(row * 10, row * 10 + 10)]).toEqual(new Array(10).fill(0));
    const finiteRows = gradient.values.filter((_, i) => !flaggedRows.includes(Math.floor(i / 10)));
    expect(finiteRows.every(Number.isFinite)).toBe(true);
  });
});
