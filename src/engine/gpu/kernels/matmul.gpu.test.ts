// gpu tier: matmul in every layout and epilogue against the float64 reference, on awkward and training shapes.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, poisonedBuffer, randomArray, readPoisoned, release, submit } from '../../../../tests/gpu/harness';
import { ACTIVATIONS, type Activation } from '../../activations';
import { createRng, type Rng } from '../../random';
import { activationDerivative, activationForward } from '../../reference/activations';
import { matmul, matmulAbsProduct, type MatmulLayout, type MatmulShape } from '../../reference/matmul';
import { createMatmul, fitsVec4Path, type MatmulOptions } from './matmul';

const LAYOUTS: MatmulLayout[] = ['nn', 'tn', 'nt'];
const UNIT_ROUNDOFF = 2 ** -24;
/** Largest |act'| over all activations (GELU's, at z ≈ 2.4): scales errors passed through act or act'. */
const MAX_SLOPE = 1.13;

/**
 * Every size in each dimension, each case cheap: size i for M, size i + 3 for K, size i + 7 for N (mod 10),
 * plus shapes that take the vec4 path with ragged edges, and M = K = N = 1.
 */
const SIZES = [1, 2, 7, 63, 64, 65, 127, 257, 784, 1000];
const COVERING: MatmulShape[] = [
  ...SIZES.map((m, i) => ({ m, k: SIZES[(i + 3) % 10]!, n: SIZES[(i + 7) % 10]! })),
  { m: 65, k: 64, n: 1000 },
  { m: 1000, k: 64, n: 36 },
  { m: 63, k: 784, n: 257 },
  { m: 1, k: 1, n: 1 },
];

/** The MNIST MLP 784→128→64→10 at batch 128: forward nn, dW = Xᵀ·dY (tn), dX = dY·Wᵀ (nt). */
const TRAINING: [MatmulLayout, MatmulShape][] = [
  ['nn', { m: 128, k: 784, n: 128 }],
  ['nn', { m: 128, k: 128, n: 64 }],
  ['nn', { m: 128, k: 64, n: 10 }],
  ['tn', { m: 784, k: 128, n: 128 }],
  ['tn', { m: 128, k: 128, n: 64 }],
  ['tn', { m: 64, k: 128, n: 10 }],
  ['nt', { m: 128, k: 128, n: 784 }],
  ['nt', { m: 128, k: 64, n: 128 }],
  ['nt', { m: 128, k: 10, n: 64 }],
];

interface Inputs {
  a: Float32Array;
  b: Float32Array;
  bias: Float32Array;
  z: Float32Array; // pre-activation read by the gradient epilogue
}

function randomInputs(rng: Rng, { m, k, n }: MatmulShape): Inputs {
  return { a: randomArray(rng, m * k), b: randomArray(rng, k * n), bias: randomArray(rng, n), z: randomArray(rng, m * n, -4, 4) };
}

/** Floating-point error bound of a float32 dot product of length K: 2·K·u·(|A|·|B|) + 1e-7. */
function dotBound(k: number, absProduct: Float64Array): (i: number) => number {
  return (i) => 2 * k * UNIT_ROUNDOFF * absProduct[i]! + 1e-7;
}

/** The activation's own float32 error, as bounded in activation.gpu.test.ts. */
function activationError(activation: Activation, z: number, value: number): number {
  return 1e-7 + 4e-6 * Math.abs(value) + (activation === 'gelu' ? 2e-7 * Math.abs(z) : 0);
}

type Epilogue =
  | { kind: 'none' }
  | { kind: 'bias-activation'; activation: Activation; writeZ: boolean }
  | { kind: 'activation-derivative'; activation: Activation };

/** Runs one matmul on poisoned outputs; returns C (and Z when written), each with its canary checked. */
async function runOnGpu({ ctx, cache }: TestGpu, layout: MatmulLayout, shape: MatmulShape, inputs: Inputs, epilogue: Epilogue) {
  const size = shape.m * shape.n;
  const a = inputBuffer(ctx, 'A', inputs.a);
  const b = inputBuffer(ctx, 'B', inputs.b);
  const c = poisonedBuffer(ctx, 'C', size);
  const bias = inputBuffer(ctx, 'bias', inputs.bias);
  const z = epilogue.kind === 'activation-derivative' ? inputBuffer(ctx, 'Z in', inputs.z) : poisonedBuffer(ctx, 'Z out', size);
  const options: MatmulOptions = { layout, ...shape, a: { buffer: a }, b: { buffer: b }, c: { buffer: c } };
  if (epilogue.kind === 'bias-activation') {
    options.epilogue = { kind: 'bias-activation', activation: epilogue.activation, bias: { buffer: bias }, ...(epilogue.writeZ ? { z: { buffer: z } } : {}) };
  }
  if (epilogue.kind === 'activation-derivative') options.epilogue = { kind: 'activation-derivative', activation: epilogue.activation, z: { buffer: z } };
  const op = await createMatmul(ctx, cache, options);
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'matmul test' });
    op.encode(pass);
    pass.end();
  });
  const cOut = await readPoisoned(ctx, c, size);
  const zOut = epilogue.kind === 'bias-activation' && epilogue.writeZ ? await readPoisoned(ctx, z, size) : undefined;
  op.dispose();
  release(ctx, a, b, c, bias, z);
  return { c: cOut, z: zOut, path: op.path };
}

function expectWithin(actual: Float32Array, expected: ArrayLike<number>, bound: (i: number) => number, what: string) {
  expect(mismatches(actual, expected, bound), what).toEqual([]);
}

/** Checks C (and Z) of one run against the float64 reference, with the bound each epilogue implies. */
async function checkMatmul(gpu: TestGpu, rng: Rng, layout: MatmulLayout, shape: MatmulShape, epilogue: Epilogue = { kind: 'none' }) {
  const inputs = randomInputs(rng, shape);
  const result = await runOnGpu(gpu, layout, shape, inputs, epilogue);
  const what = `${layout} ${shape.m}×${shape.k}×${shape.n} (${result.path}) ${JSON.stringify(epilogue)}`;
  expect(result.c.canaryIntact && (result.z?.canaryIntact ?? true), `${what}: canary`).toBe(true);
  const sums = matmul(layout, inputs.a, inputs.b, shape);
  const sumBound = dotBound(shape.k, matmulAbsProduct(layout, inputs.a, inputs.b, shape));
  if (epilogue.kind === 'none') return expectWithin(result.c.values, sums, sumBound, what);

  const { activation } = epilogue;
  if (epilogue.kind === 'activation-derivative') {
    // C = S·act'(Z): S's error scaled by |act'|, plus |S|·(error of act'), plus one rounding.
    const slopes = Float64Array.from(inputs.z, (z) => activationDerivative(activation, z));
    const expected = sums.map((s, i) => s * slopes[i]!);
    const bound = (i: number) =>
      MAX_SLOPE * sumBound(i) + Math.abs(sums[i]!) * activationError(activation, inputs.z[i]!, slopes[i]!) + UNIT_ROUNDOFF * Math.abs(expected[i]!);
    return expectWithin(result.c.values, expected, bound, what);
  }
  // Z = S + bias: S's error plus one rounding; C = act(Z): Z's error times act's slope, plus act's own error.
  const zExpected = sums.map((s, i) => s + inputs.bias[i % shape.n]!);
  const zBound = (i: number) => sumBound(i) + UNIT_ROUNDOFF * (Math.abs(sums[i]!) + Math.abs(zExpected[i]!));
  const expected = zExpected.map((z) => activationForward(activation, z));
  const bound = (i: number) => MAX_SLOPE * zBound(i) + activationError(activation, zExpected[i]!, expected[i]!);
  expectWithin(result.c.values, expected, bound, what);
  if (result.z) expectWithin(result.z.values, zExpected, zBound, `${what}: Z`);
}

const seed = Date.now() >>> 0;

describe(`matmul (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  describe.each(LAYOUTS)('layout %s', (layout) => {
    it.each(COVERING)('$m×$k×$n', async (shape) => {
      await checkMatmul(gpu, createRng(seed ^ (shape.m * 7919 + shape.k * 31 + shape.n)), layout, shape);
    });
  });

  it.each(TRAINING)('training shape %s %o', async (layout, shape) => {
    await checkMatmul(gpu, createRng(seed + shape.m + shape.n), layout, shape);
  });

  it('takes the vec4 path on aligned shapes and the general path elsewhere', () => {
    expect(TRAINING.map(([layout, shape]) => fitsVec4Path({ layout, ...shape }))).toEqual([true, true, false, true, true, false, true, true, false]);
  });

  // Forward epilogues on the forward layout, the gradient epilogue on dX's layout; one vec4 and one general shape each.
  describe.each(ACTIVATIONS)('epilogues with %s', (activation) => {
    const shapes: MatmulShape[] = [
      { m: 37, k: 64, n: 36 },
      { m: 33, k: 7, n: 10 },
    ];
    it.each(shapes)('bias + activation (with and without Z) and activation derivative, $m×$k×$n', async (shape) => {
      const rng = createRng(seed + shape.n);
      await checkMatmul(gpu, rng, 'nn', shape, { kind: 'bias-activation', activation, writeZ: true });
      await checkMatmul(gpu, rng, 'nn', shape, { kind: 'bias-activation', activation, writeZ: false });
      await checkMatmul(gpu, rng, 'nt', shape, { kind: 'activation-derivative', activation });
    });
  });
});
