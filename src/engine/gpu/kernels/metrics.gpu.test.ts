// gpu tier: argmax, its softmax probability, correct count and confusion matrix against the reference, on odd sizes, ties and chunked accumulation.
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
  release,
  submit,
} from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { evaluate } from '../../reference/metrics';
import { createMetrics, createOneHotArgmax, decodeEvaluationCounts } from './metrics';

const IGNORED_LABEL = 0xffffffff;

function randomLabels(rng: Rng, rows: number, classes: number): Uint32Array {
  const labels = Uint32Array.from({ length: rows }, () => rng.int(classes));
  if (rows >= 7) labels[5] = IGNORED_LABEL;
  return labels;
}

/**
 * Evaluates logits [rows, classes] in chunks of `chunkRows`: one op per chunk, all bound to one chunk-sized pair of input
 * buffers (each chunk copied in, the last one padded with ignored labels) and writing its rows of whole-split prediction
 * and confidence buffers, all in one submit; counts start zeroed.
 */
async function evaluateOnGpu({ ctx, cache }: TestGpu, logits: Float32Array, labels: Uint32Array, classes: number, chunkRows: number) {
  const rows = labels.length;
  const chunks = Math.ceil(rows / chunkRows);
  const paddedLabels = new Uint32Array(chunks * chunkRows).fill(IGNORED_LABEL);
  paddedLabels.set(labels);
  const logitSource = inputBuffer(ctx, 'test logit source', logits);
  const labelSource = inputBuffer(ctx, 'test label source', paddedLabels);
  const chunkLogits = inputBuffer(ctx, 'test chunk logits', new Float32Array(chunkRows * classes));
  const chunkLabels = poisonedBuffer(ctx, 'test chunk labels', chunkRows);
  const predictions = poisonedBuffer(ctx, 'test predictions', chunks * chunkRows);
  const confidence = poisonedBuffer(ctx, 'test confidence', chunks * chunkRows);
  const countWords = 1 + classes * classes;
  const zeroedWithCanary = new Uint32Array(countWords + CANARY_WORDS).fill(POISON_BITS).fill(0, 0, countWords);
  const counts = inputBuffer(ctx, 'test evaluation counts', zeroedWithCanary);
  const buffers = { logits: chunkLogits, labels: chunkLabels, predictions, confidence, counts };
  const ops = await Promise.all(Array.from({ length: chunks }, (_, chunk) => createMetrics(ctx, cache, { rows: chunkRows, classes, firstRow: chunk * chunkRows, ...buffers })));
  submit(ctx, (encoder) => {
    for (let chunk = 0; chunk < chunks; chunk++) {
      const first = chunk * chunkRows;
      const logitRows = Math.min(chunkRows, rows - first);
      encoder.copyBufferToBuffer(logitSource, first * classes * 4, chunkLogits, 0, logitRows * classes * 4);
      encoder.copyBufferToBuffer(labelSource, first * 4, chunkLabels, 0, chunkRows * 4);
      const pass = encoder.beginComputePass({ label: `test metrics chunk ${chunk}` });
      ops[chunk]!.encode(pass);
      pass.end();
    }
  });
  const predictionReadout = await readPoisoned(ctx, predictions, chunks * chunkRows);
  const confidenceReadout = await readPoisoned(ctx, confidence, chunks * chunkRows);
  const countReadout = await readPoisoned(ctx, counts, countWords);
  ops.forEach((op) => op.dispose());
  release(ctx, logitSource, labelSource, chunkLogits, chunkLabels, predictions, confidence, counts);
  const totals = decodeEvaluationCounts(countReadout.bits.buffer as ArrayBuffer, classes);
  return {
    predictions: predictionReadout.bits.subarray(0, rows),
    confidence: confidenceReadout.values.subarray(0, rows),
    totals,
    canariesIntact: predictionReadout.canaryIntact && confidenceReadout.canaryIntact && countReadout.canaryIntact,
  };
}

/**
 * Float32 softmax of logits in ±3 against float64: exp's relative error (a few ulps) over 10–64 terms stays below 1e-6;
 * the wrong class, a missed term or a forgotten max shift would be off by far more.
 */
const CONFIDENCE_TOLERANCE = 1e-6;

/** Compares with the reference; by default the whole input is one chunk, so the kernel sees exactly labels.length rows. */
async function expectMatchesReference(
  gpu: TestGpu,
  logits: Float32Array,
  labels: Uint32Array,
  classes: number,
  chunkRows = labels.length,
) {
  const expected = evaluate(logits, labels, labels.length, classes);
  const { predictions, confidence, totals, canariesIntact } = await evaluateOnGpu(gpu, logits, labels, classes, chunkRows);
  expect(totals.correct).toBe(expected.correct);
  expect([...totals.confusion]).toEqual([...expected.confusion]);
  expect([...predictions]).toEqual([...expected.predictions]);
  expect(mismatches(confidence, expected.confidence, () => CONFIDENCE_TOLERANCE)).toEqual([]);
  expect(canariesIntact).toBe(true);
}

const seed = Date.now() >>> 0;

describe(`metrics kernels (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([1, 2, 7, 63, 64, 65, 127, 257, 784, 1000])('metrics_accumulate counts %i rows of 10 classes like the reference', async (rows) => {
    const rng = createRng(seed + rows);
    await expectMatchesReference(gpu, randomArray(rng, rows * 10, -3, 3), randomLabels(rng, rows, 10), 10);
  });

  it.each([1, 3, 64])('counts 257 rows of %i classes like the reference', async (classes) => {
    const rng = createRng(seed + 1000 + classes);
    await expectMatchesReference(gpu, randomArray(rng, 257 * classes, -3, 3), randomLabels(rng, 257, classes), classes);
  });

  it('breaks the many ties of quantized logits toward the lowest index', async () => {
    const rng = createRng(seed + 3);
    const logits = Float32Array.from({ length: 300 * 10 }, () => rng.int(3));
    await expectMatchesReference(gpu, logits, randomLabels(rng, 300, 10), 10);
  });

  it('accumulates a 2,500-row evaluation over chunks of 1,000 with a padded last chunk', async () => {
    const rng = createRng(seed + 4);
    // Logits biased toward the label, so the diagonal holds most counts, as in a trained model.
    const labels = randomLabels(rng, 2500, 10);
    const logits = randomArray(rng, 2500 * 10, -1, 1).map((x, i) => x + (labels[Math.floor(i / 10)] === i % 10 ? 1 : 0));
    await expectMatchesReference(gpu, logits, labels, 10, 1000);
  });

  it.each([
    [1, 10],
    [7, 10],
    [65, 3],
    [130, 64],
  ])('one_hot_argmax writes the one-hot of each argmax for %i rows of %i classes, ties to the lowest index', async (rows, classes) => {
    const { ctx, cache } = gpu;
    const rng = createRng(seed + 2000 + rows);
    // Every other row quantized, so ties are common.
    const logits = Float32Array.from({ length: rows * classes }, (_, i) => (Math.floor(i / classes) % 2 ? rng.int(3) : 6 * rng.next() - 3));
    const logitBuffer = inputBuffer(ctx, 'test logits', logits);
    const oneHot = poisonedBuffer(ctx, 'test one-hot', rows * classes);
    const op = await createOneHotArgmax(ctx, cache, { rows, classes, logits: logitBuffer, oneHot });
    submit(ctx, (encoder) => {
      const pass = encoder.beginComputePass({ label: 'test one-hot' });
      op.encode(pass);
      pass.end();
    });
    const readout = await readPoisoned(ctx, oneHot, rows * classes);
    op.dispose();
    release(ctx, logitBuffer, oneHot);
    const { predictions } = evaluate(logits, new Uint32Array(rows), rows, classes);
    const expected = Float32Array.from({ length: rows * classes }, (_, i) => (predictions[Math.floor(i / classes)] === i % classes ? 1 : 0));
    expect([...readout.values]).toEqual([...expected]);
    expect(readout.canaryIntact).toBe(true);
  });
});
