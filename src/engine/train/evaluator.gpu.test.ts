// gpu tier: evaluation's per-image predictions on all 10,000 test images — they agree with the confusion counts and a float64
// forward pass; gallery pages built from them select exactly the images of a pair, most confident first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistFromPackage, testGpuWithMnist } from '../../../tests/gpu/mnist';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';
import { galleryIndices } from '../insight/gallery';
import { GALLERY_PAGE_SIZE, type GalleryQuery } from '../insight/types';
import type { ModelSpec } from '../model/spec';
import { argmax, topProbability } from '../reference/metrics';
import { mlpForward } from '../reference/mlp';
import type { Evaluation } from './evaluator';
import { Trainer } from './trainer';

const SPEC: ModelSpec = {
  layers: [
    { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'dense', units: 32, activation: 'tanh', init: 'glorot' },
  ],
};
const CONFIG = adamExperiment(SPEC, { seed: 21, trainImages: 2000, batchSize: 40, learningRate: 2e-3, epochs: 1 });

/**
 * Float32 logits through 3 layers against float64: SwiftShader agrees to about 1e-7 in probability. 1e-5 leaves room
 * for other GPUs' exp/tanh, and is far below what a wrong row, class or missing term would change.
 */
const CONFIDENCE_TOLERANCE = 1e-5;
/** Top two float64 logits this close (relative to the top one, or absolute below 1) may round either way in float32. */
const TIE_TOLERANCE = 1e-5;
const REFERENCE_CHUNK = 1000;

/** The float64 forward pass on every test image (pixels rounded to float32, as the GPU gather makes them): logits [10,000, 10]. */
function referenceLogits(trainer: Trainer, weights: Float32Array): Float64Array {
  const { test } = mnistFromPackage();
  const logits = new Float64Array(test.count * CLASS_COUNT);
  for (let first = 0; first < test.count; first += REFERENCE_CHUNK) {
    const bytes = test.images.subarray(first * PIXELS_PER_IMAGE, (first + REFERENCE_CHUNK) * PIXELS_PER_IMAGE);
    const x = Float32Array.from(bytes, (byte) => byte / 255);
    const batch = { x, labels: test.labels.subarray(first, first + REFERENCE_CHUNK), batch: REFERENCE_CHUNK };
    logits.set(mlpForward(trainer.config.spec, trainer.model.layout, weights, batch).logits, first * CLASS_COUNT);
  }
  return logits;
}

/** A trainer for CONFIG on the test file's device, MNIST uploaded. */
async function createTrainer(): Promise<Trainer> {
  const { gpu, dataset } = await testGpuWithMnist();
  return Trainer.create(gpu.ctx, gpu.cache, dataset, CONFIG, () => {});
}

describe('evaluation predictions on the 10,000 MNIST test images', () => {
  let trainer: Trainer;
  let evaluation: Evaluation;

  beforeAll(async () => {
    trainer = await createTrainer();
    await trainer.runSteps(25); // a little trained: every class predicted, many mistakes left to show
    evaluation = await trainer.evaluate();
  });
  afterAll(() => trainer.dispose());

  it('give the confusion counts and accuracy when counted on the CPU against the IDX labels', () => {
    const { labels } = mnistFromPackage().test;
    const { predicted, confidence } = evaluation.predictions;
    expect(predicted).toHaveLength(10_000);
    expect(confidence).toHaveLength(10_000);
    const confusion = new Uint32Array(CLASS_COUNT * CLASS_COUNT);
    labels.forEach((label, i) => confusion[label * CLASS_COUNT + predicted[i]!]!++);
    expect([...evaluation.confusion]).toEqual([...confusion]);
    expect(evaluation.correct).toBe(labels.filter((label, i) => label === predicted[i]).length);
    expect(new Set(predicted).size).toBe(CLASS_COUNT);
    expect(confidence.every((p) => p >= 1 / CLASS_COUNT && p <= 1)).toBe(true);
  });

  it('equal the float64 forward pass: the argmax (near-ties either way) and its softmax probability', async () => {
    const logits = referenceLogits(trainer, await trainer.readWeights());
    const { predicted, confidence } = evaluation.predictions;
    let worst = 0;
    let ties = 0;
    for (let i = 0; i < 10_000; i++) {
      const base = i * CLASS_COUNT;
      const top = argmax(logits, base, CLASS_COUNT);
      if (predicted[i] !== top) {
        const gap = logits[base + top]! - logits[base + predicted[i]!]!;
        expect(gap, `image ${i}: GPU ${predicted[i]}, float64 ${top}`).toBeLessThanOrEqual(TIE_TOLERANCE * Math.max(1, Math.abs(logits[base + top]!)));
        ties++;
      }
      worst = Math.max(worst, Math.abs(confidence[i]! - topProbability(logits, base, CLASS_COUNT, predicted[i]!)));
    }
    console.log(`evaluator: largest confidence difference from float64 ${worst.toExponential(2)}; ${ties} near-ties decided the other way`);
    expect(worst).toBeLessThan(CONFIDENCE_TOLERANCE);
  });

  it('make gallery pages of exactly the images of a pair (or every mistake), most confident first, with their IDX pixels', () => {
    const test = mnistFromPackage().test;
    const { predicted, confidence } = evaluation.predictions;
    const offDiagonal = [...evaluation.confusion.keys()].filter((cell) => cell % (CLASS_COUNT + 1) !== 0);
    const worstCell = offDiagonal.reduce((a, b) => (evaluation.confusion[b]! > evaluation.confusion[a]! ? b : a));
    const queries: GalleryQuery[] = [
      { kind: 'pair', trueClass: Math.floor(worstCell / CLASS_COUNT), predictedClass: worstCell % CLASS_COUNT },
      { kind: 'pair', trueClass: 7, predictedClass: 7 },
      { kind: 'mistakes' },
    ];
    for (const query of queries) {
      const expected = [...test.labels.keys()]
        .filter((i) => (query.kind === 'mistakes' ? test.labels[i] !== predicted[i] : test.labels[i] === query.trueClass && predicted[i] === query.predictedClass))
        .sort((a, b) => confidence[b]! - confidence[a]! || a - b);
      expect(expected.length).toBeGreaterThan(GALLERY_PAGE_SIZE); // at least two pages
      const pages = Array.from({ length: Math.ceil(expected.length / GALLERY_PAGE_SIZE) }, (_, page) => trainer.gallery(test, query, page));
      expect(pages.flatMap((page) => page.images.map((image) => image.index))).toEqual(expected);
      expect(galleryIndices({ predictions: evaluation.predictions, labels: test.labels }, query)).toEqual(expected);
      const last = pages.at(-1)!;
      expect(last).toMatchObject({ total: expected.length, step: 25 });
      last.images.forEach(({ index, label }, i) => {
        expect(label).toBe(test.labels[index]);
        expect(last.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)).toEqual(test.images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE));
      });
    }
  });

  it('are needed for a gallery: a model not yet tested has none', async () => {
    const fresh = await createTrainer();
    expect(() => fresh.gallery(mnistFromPackage().test, { kind: 'mistakes' }, 0)).toThrow('There is no test evaluation yet: train an epoch or press Test now.');
    fresh.dispose();
  });
});
