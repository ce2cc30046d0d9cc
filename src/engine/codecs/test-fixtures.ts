// Test support for the codecs: sample experiments, seeded weights, a generator of valid experiments, prototype checks.
import fc from 'fast-check';
import { expect } from 'vitest';
import { ACTIVATIONS } from '../activations';
import { initialParameters, parameterLayout } from '../model/parameters';
import { INITS, MAX_DROPOUT_RATE, MAX_HIDDEN_LAYERS, type LayerSpec, type ModelSpec } from '../model/spec';
import { OPTIMIZER_KINDS } from '../optimizers';
import type { TrainerConfig } from '../train/trainer';
import { adamExperiment } from '../../../tests/fixtures/experiment';

export const classicExperiment: TrainerConfig = adamExperiment(
  {
    layers: [
      { kind: 'dense', units: 128, activation: 'relu', init: 'he' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
    ],
  },
  { seed: 7, trainImages: 60_000, batchSize: 128, learningRate: 1e-3, epochs: 5, schedule: { kind: 'step', everyEpochs: 2, factor: 0.5 } },
);

/** The classic experiment with another spec. */
export const withSpec = (spec: ModelSpec): TrainerConfig => ({ ...classicExperiment, spec });

/** Seeded initial parameters for `spec`, padding zero: the flat buffer a trainer starts from. */
export const seededWeights = (spec: ModelSpec, seed = 1): Float32Array => initialParameters(parameterLayout(spec), seed);

/** Deep copy of plain JSON data, for building malformed variants. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const denseLayer: fc.Arbitrary<LayerSpec> = fc.record({
  kind: fc.constant('dense' as const),
  units: fc.integer({ min: 1, max: 4096 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  init: fc.constantFrom(...INITS),
});
const dropoutLayer: fc.Arbitrary<LayerSpec> = fc.record({ kind: fc.constant('dropout' as const), rate: fc.double({ min: 0, max: MAX_DROPOUT_RATE, noNaN: true }).map((x) => x + 0) });
/** [0, 1) without -0 (which JSON writes as 0). */
const unitInterval = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((x) => x + 0);

/** Any valid experiment, with awkward doubles in every real-valued field. */
export const experimentArbitrary: fc.Arbitrary<TrainerConfig> = fc
  .record({
    spec: fc.record({ layers: fc.array(fc.oneof(denseLayer, dropoutLayer), { maxLength: MAX_HIDDEN_LAYERS }) }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    optimizer: fc.constantFrom(...OPTIMIZER_KINDS),
    trainImages: fc.integer({ min: 100, max: 60_000 }),
    settings: fc.record({
      batchSize: fc.integer({ min: 1, max: 4096 }),
      hyperparameters: fc.record({
        learningRate: fc.double({ min: Number.MIN_VALUE, max: 10, noNaN: true }),
        momentum: unitInterval,
        beta1: unitInterval,
        beta2: unitInterval,
        epsilon: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
        weightDecay: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0),
        maxGradNorm: fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x + 0),
      }),
      schedule: fc.oneof(
        fc.constant({ kind: 'constant' as const }),
        fc.record({ kind: fc.constant('step' as const), everyEpochs: fc.integer({ min: 1, max: 1000 }), factor: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }) }),
        fc.record({ kind: fc.constant('cosine' as const), minFactor: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0) }),
      ),
      epochs: fc.integer({ min: 1, max: 1000 }),
    }),
  })
  .map((experiment) => ({ ...experiment, trainImages: Math.max(experiment.trainImages, experiment.settings.batchSize) }));

/** Object.prototype's own keys now, to compare after decoding hostile input. */
export const prototypeKeys = (): string[] => Reflect.ownKeys(Object.prototype).map(String).sort();

/** Fails if decoding polluted Object.prototype. */
export function expectPrototypeUntouched(before: readonly string[]): void {
  expect(prototypeKeys()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** Fails unless `actual` holds exactly the bits of `expected` (toEqual is slow on 100,000-element arrays). */
export function expectSameFloats(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const actualBits = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const expectedBits = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const index = actualBits.findIndex((bits, i) => bits !== expectedBits[i]);
  if (index >= 0) expect.fail(`element ${index}: ${actual[index]} instead of ${expected[index]}`);
}
