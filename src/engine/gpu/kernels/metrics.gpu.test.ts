// gpu tier: argmax, correct count and confusion matrix against the reference, on odd sizes, ties and chunked accumulation.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import {
  CANARY_WORDS,
  POISON_BITS,
  inputBuffer,
  poisonedBuffer,
  randomArray,
  readPoisoned,
  release,
  submit,
} from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { evaluate } from '../../reference/metrics';
import { createMetrics, decodeEvaluationCounts } from './metrics';

const IGNORED_LABEL = 0xffffffff;

function randomLabels(rng: Rng, rows: number, classes: number): Uint32Array {
  const labels = Uint32Array.from({ length: rows }, () => rng.int(classes));
  if (rows >= 7) labels[5] = IGNORED_LABEL;
  return labels;
}

/**
 * Evaluates logits [rows, classes] in chunks of `chunkRows` through ONE op bound to one chunk-sized pair of buffers,
 * copying each chunk in (the last one padded with ignored labels), all in one submit; counts start zeroed.
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
  const predictions = poisonedBuffer(ctx, 'test predictions', chunkRows);
  const countWords = 1 + classes * classes;
  const zeroedWithCanary = new Uint32Array(countWords + CANARY_WORDS).fill(POISON_BITS).fill(0, 0, countWords);
  const counts = inputBuffer(ctx, 'test evaluation counts', zeroedWithCanary);
  const buffers = { logits: chunkLogits, labels: chunkLabels, predictions, counts };
  const op = await createMetrics(ctx, cache, { rows: chunkRows, classes, ...buffers });
  submit(ctx, (encoder) => {
    for (let chunk = 0; chunk < chunks; chunk++) {
      const first = chunk * chunkRows;
      const logitRows = Math.min(chunkRows, rows - first);
      encoder.copyBufferToBuffer(logitSource, first * classes * 4, chunkLogits, 0, logitRows * classes * 4);
      encoder.copyBufferToBuffer(labelSource, first * 4, chunkLabels, 0, chunkRows * 4);
      const pass = encoder.beginComputePass({ label: `test metrics chunk ${chunk}` });
      op.encode(pass);
      pass.end();
    }
  });
  const lastPredictions = await readPoisoned(ctx, predictions, chunkRows);
  const countReadout = await readPoisoned(ctx, counts, countWords);
  op.dispose();
  release(ctx, logitSource, labelSource, chunkLogits, chunkLabels, predictions, counts);
  const totals = decodeEvaluationCounts(countReadout.bits.buffer as ArrayBuffer, classes);
  return { lastPredictions, totals, canariesIntact: lastPredictions.canaryIntact && countReadout.canaryIntact };
}

/** Compares with the reference; by default the whole input is one chunk, so the kernel sees exactly labels.length rows. */
async function expectMatchesReference(
  gpu: TestGpu,
  logits: Float32Array,
  labels: Uint32Array,
  classes: number,
  chunkRows = labels.length,
) {
  const expected = evaluate(logits, labels, labels.length, classes);
  const { lastPredictions, totals, canariesIntact } = await evaluateOnGpu(gpu, logits, labels, classes, chunkRows);
  expect(totals.correct).toBe(expected.correct);
  expect([...totals.confusion]).toEqual([...expected.confusion]);
  const lastChunkStart = Math.floor((labels.length - 1) / chunkRows) * chunkRows;
  const lastChunkRows = labels.length - lastChunkStart;
  expect([...lastPredictions.bits.subarray(0, lastChunkRows)]).toEqual([...expected.predictions.subarray(lastChunkStart)]);
  expect(canariesIntact).toBe(true);
}

const seed = Date.now() >>> 0;

describe(`metrics_accumulate (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([1, 2, 7, 63, 64, 65, 127, 257, 784, 1000])('counts %i rows of 10 classes like the reference', async (rows) => {
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
});
