// Test support for the codecs: sample experiments, seeded weights, generators of valid experiments and conv specs, byte helpers, prototype checks.
import fc from 'fast-check';
import { expect } from 'vitest';
import { ACTIVATIONS } from '../activations';
import { MAX_KERNEL_SIZE } from '../layers/conv2d';
import { PADDINGS } from '../layers/conv2d/spec';
import { POOL_STRIDES } from '../layers/maxpool/spec';
import { initialParameters, parameterLayout } from '../model/parameters';
import { checkModelSpec, INITS, MAX_DROPOUT_RATE, MAX_HIDDEN_LAYERS, type LayerSpec, type ModelSpec } from '../model/spec';
import { OPTIMIZER_KINDS } from '../optimizers';
import type { TrainerConfig } from '../train/trainer';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import { encodeBase64Url } from './base64url';
import { deflateRaw } from './deflate';

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

/** Seeded weights with small nonzero biases (the tensors that start at zero), as after some training. */
export function weightsWithBiases(spec: ModelSpec, seed = 1): Float32Array {
  const flat = seededWeights(spec, seed);
  for (const { init, offset, size } of parameterLayout(spec).layers.flatMap((layer) => layer.tensors)) {
    if (init.kind === 'zeros') for (let j = 0; j < size; j++) flat[offset + j] = 0.01 * Math.sin(j);
  }
  return flat;
}

/**
 * A conv network with every reshape the PyTorch export makes: 'same' with an even kernel at stride 2 (nn.ZeroPad2d
 * first), a 3×3 pool at stride 2, a conv of 5 input channels, and a Dense with no Flatten layer before it (an nn.Flatten).
 * 28×28×1 → 14×14×5 → 6×6×5 → 4×4×7 → 12 → 10.
 */
export const awkwardConvSpec: ModelSpec = {
  layers: [
    { kind: 'conv2d', filters: 5, kernelSize: 4, stride: 2, padding: 'same', activation: 'tanh', init: 'glorot' },
    { kind: 'maxpool', size: 3, stride: '2' },
    { kind: 'conv2d', filters: 7, kernelSize: 3, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
    { kind: 'dense', units: 12, activation: 'relu', init: 'he' },
  ],
};

/** Deep copy of plain JSON data, for building malformed variants. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const denseLayerOf = (maxUnits: number): fc.Arbitrary<LayerSpec> =>
  fc.record({
    kind: fc.constant('dense' as const),
    units: fc.integer({ min: 1, max: maxUnits }),
    activation: fc.constantFrom(...ACTIVATIONS),
    init: fc.constantFrom(...INITS),
  });
const denseLayer = denseLayerOf(4096);
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

const convLayer: fc.Arbitrary<LayerSpec> = fc.record({
  kind: fc.constant('conv2d' as const),
  filters: fc.integer({ min: 1, max: 6 }),
  kernelSize: fc.integer({ min: 1, max: MAX_KERNEL_SIZE }),
  stride: fc.integer({ min: 1, max: 2 }),
  padding: fc.constantFrom(...PADDINGS),
  activation: fc.constantFrom(...ACTIVATIONS),
  init: fc.constantFrom(...INITS),
});
const poolLayer: fc.Arbitrary<LayerSpec> = fc.record({ kind: fc.constant('maxpool' as const), size: fc.integer({ min: 2, max: 3 }), stride: fc.constantFrom(...POOL_STRIDES) });

/**
 * Valid conv networks small enough for an int8 link: a conv, then convs, pools and dropouts on the image, perhaps a
 * Flatten layer, and up to two small Dense layers.
 */
export const convSpecArbitrary: fc.Arbitrary<ModelSpec> = fc
  .record({
    first: convLayer,
    image: fc.array(fc.oneof(convLayer, poolLayer, dropoutLayer), { maxLength: 3 }),
    flatten: fc.boolean(),
    dense: fc.array(denseLayerOf(16), { maxLength: 2 }),
  })
  .map(({ first, image, flatten, dense }): ModelSpec => ({ layers: [first, ...image, ...(flatten ? [{ kind: 'flatten' as const }] : []), ...dense] }))
  .filter((spec) => checkModelSpec(spec).ok);

/** Any valid experiment with a conv network. */
export const convExperimentArbitrary: fc.Arbitrary<TrainerConfig> = fc.tuple(experimentArbitrary, convSpecArbitrary).map(([experiment, spec]) => ({ ...experiment, spec }));

/** A v1 link of `container`, however it was made (its checksum is not checked here). */
export const linkFromContainer = async (container: Uint8Array): Promise<string> => `v1.${encodeBase64Url(await deflateRaw(container))}`;

/** A safetensors file's header as JSON. */
export type SafetensorsHeader = Record<string, { dtype: string; shape: number[]; data_offsets: number[] } & Record<string, unknown>> & { __metadata__: Record<string, unknown> };

/** A safetensors file split into its parsed header and a copy of its data section. */
export function modelFileParts(bytes: Uint8Array): { header: SafetensorsHeader; data: Uint8Array } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { header: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as SafetensorsHeader, data: bytes.slice(8 + length) };
}

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
