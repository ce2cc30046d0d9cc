// gpu tier: matmul in every layout and epilogue against the float64 reference, on awkward and training shapes.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { POISON_BITS, inputBuffer, mismatches, poisonedBuffer, randomArray, readPoisoned, release, submit } from '../../../../tests/gpu/harness';
import { ACTIVATIONS, type Activation } from '../../activations';
import { createRng, type Rng } from '../../random';
import { activationDerivative, activationForward } from '../../reference/activations';
import { matmul, matmulAbsProduct, type MatmulLayout, type MatmulShape } from '../../reference/matmul';
import { createMatmul, fitsVec4Path, type MatmulOptions, type MatmulTuning } from './matmul';

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

const NO_EPILOGUE = { kind: 'none' } as const;

type Epilogue =
  | typeof NO_EPILOGUE
  | { kind: 'bias-activation'; activation: Activation; writeZ: boolean }
  | { kind: 'activation-derivative'; activation: Activation };

interface Variant {
  epilogue?: Epilogue;
  tuning?: MatmulTuning;
  /** Create the op on its quick path; with 'then-fast', switch it to the fast path before running it. */
  quickStart?: 'only' | 'then-fast';
}

/** Runs one matmul on poisoned outputs; returns C (and Z when written), each with its canary checked. */
async function runOnGpu({ ctx, cache }: TestGpu, layout: MatmulLayout, shape: MatmulShape, inputs: Inputs, { epilogue = NO_EPILOGUE, tuning, quickStart }: Variant) {
  const size = shape.m * shape.n;
  const a = inputBuffer(ctx, 'A', inputs.a);
  const b = inputBuffer(ctx, 'B', inputs.b);
  const c = poisonedBuffer(ctx, 'C', size);
  const bias = inputBuffer(ctx, 'bias', inputs.bias);
  const z = epilogue.kind === 'activation-derivative' ? inputBuffer(ctx, 'Z in', inputs.z) : poisonedBuffer(ctx, 'Z out', size);
  const options: MatmulOptions = { layout, ...shape, a: { buffer: a }, b: { buffer: b }, c: { buffer: c }, ...(tuning ? { tuning } : {}) };
  if (epilogue.kind === 'bias-activation') {
    options.epilogue = { kind: 'bias-activation', activation: epilogue.activation, bias: { buffer: bias }, ...(epilogue.writeZ ? { z: { buffer: z } } : {}) };
  }
  if (epilogue.kind === 'activation-derivative') options.epilogue = { kind: 'activation-derivative', activation: epilogue.activation, z: { buffer: z } };
  const op = await createMatmul(ctx, cache, { ...options, quickStart: quickStart !== undefined });
  if (quickStart === 'then-fast') await op.switchToFastPath();
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

interface Expected {
  value: Float64Array;
  bound: (i: number) => number;
}

/** Float64 C (and Z for the bias epilogue), each with the error bound its epilogue implies. */
function referenceOutputs(layout: MatmulLayout, shape: MatmulShape, inputs: Inputs, epilogue: Epilogue): { c: Expected; z?: Expected } {
  const sums = matmul(layout, inputs.a, inputs.b, shape);
  const sumBound = dotBound(shape.k, matmulAbsProduct(layout, inputs.a, inputs.b, shape));
  if (epilogue.kind === 'none') return { c: { value: sums, bound: sumBound } };
  const { activation } = epilogue;
  if (epilogue.kind === 'activation-derivative') {
    // C = S·act'(Z): S's error scaled by |act'|, plus |S|·(error of act'), plus one rounding.
    const slopes = Float64Array.from(inputs.z, (z) => activationDerivative(activation, z));
    const value = sums.map((s, i) => s * slopes[i]!);
    const bound = (i: number) =>
      MAX_SLOPE * sumBound(i) + Math.abs(sums[i]!) * activationError(activation, inputs.z[i]!, slopes[i]!) + UNIT_ROUNDOFF * Math.abs(value[i]!);
    return { c: { value, bound } };
  }
  // Z = S + bias: S's error plus one rounding; C = act(Z): Z's error times act's slope, plus act's own error.
  const z = sums.map((s, i) => s + inputs.bias[i % shape.n]!);
  const zBound = (i: number) => sumBound(i) + UNIT_ROUNDOFF * (Math.abs(sums[i]!) + Math.abs(z[i]!));
  const value = z.map((zi) => activationForward(activation, zi));
  const bound = (i: number) => MAX_SLOPE * zBound(i) + activationError(activation, z[i]!, value[i]!);
  return { c: { value, bound }, z: { value: z, bound: zBound } };
}

function expectWithin(actual: Float32Array, expected: Expected, what: string) {
  expect(mismatches(actual, expected.value, expected.bound), what).toEqual([]);
}

/** Checks C (and Z) of one run on fresh inputs against the float64 reference. */
async function checkMatmul(gpu: TestGpu, rng: Rng, layout: MatmulLayout, shape: MatmulShape, variant: Variant = {}) {
  const inputs = randomInputs(rng, shape);
  const result = await runOnGpu(gpu, layout, shape, inputs, variant);
  const what = `${layout} ${shape.m}×${shape.k}×${shape.n} (${result.path}) ${JSON.stringify(variant)}`;
  expect(result.c.canaryIntact && (result.z?.canaryIntact ?? true), `${what}: canary`).toBe(true);
  const expected = referenceOutputs(layout, shape, inputs, variant.epilogue ?? NO_EPILOGUE);
  expectWithin(result.c.values, expected.c, what);
  if (result.z) expectWithin(result.z.values, expected.z!, `${what}: Z`);
}

/** Runs nn with bias + relu on A, B and bias placed at 256-byte-aligned offsets of one buffer, C in the middle of another. */
async function checkWithinLargerBuffers({ ctx, cache }: TestGpu, rng: Rng, shape: MatmulShape) {
  const { m, k, n } = shape;
  const inputs = randomInputs(rng, shape);
  const aligned = (floats: number) => Math.ceil(floats / 64) * 64; // 64 floats = 256 bytes
  const [aStart, bStart, biasStart, cStart] = [64, 64 + aligned(m * k), 64 + aligned(m * k) + aligned(k * n), 64];
  const packed = new Float32Array(biasStart + aligned(n)).fill(Number.NaN);
  [[inputs.a, aStart], [inputs.b, bStart], [inputs.bias, biasStart]].forEach(([values, start]) => packed.set(values as Float32Array, start as number));
  const parameters = inputBuffer(ctx, 'packed A, B, bias', packed);
  const output = poisonedBuffer(ctx, 'C range', cStart + m * n);
  const range = (buffer: GPUBuffer, start: number, floats: number) => ({ buffer, offset: start * 4, size: floats * 4 });
  const epilogue = { kind: 'bias-activation', activation: 'relu' } as const;
  const op = await createMatmul(ctx, cache, {
    layout: 'nn', ...shape, a: range(parameters, aStart, m * k), b: range(parameters, bStart, k * n), c: range(output, cStart, m * n),
    epilogue: { ...epilogue, bias: range(parameters, biasStart, n) },
  });
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'matmul range test' });
    op.encode(pass);
    pass.end();
  });
  const result = await readPoisoned(ctx, output, cStart + m * n);
  op.dispose();
  release(ctx, parameters, output);
  expect(result.canaryIntact && result.bits.subarray(0, cStart).every((bits) => bits === POISON_BITS)).toBe(true);
  expectWithin(result.values.subarray(cStart), referenceOutputs('nn', shape, inputs, { ...epilogue, writeZ: false }).c, 'ranges');
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

  // The launch shape real GPUs get (this machine's adapter gets the CPU one): every training shape and a ragged one.
  it.each(LAYOUTS)('with the GPU tuning (64 invocations, 1 strip), layout %s', async (layout) => {
    const tuning = { workgroupSize: 64, blockStrips: 1 };
    const shapes = [...TRAINING.filter(([l]) => l === layout).map(([, shape]) => shape), { m: 63, k: 64, n: 20 }];
    for (const shape of shapes) await checkMatmul(gpu, createRng(seed + shape.k), layout, shape, { tuning });
  });

  it('reads and writes ranges of larger buffers (how the trainer binds its flat parameter buffer)', async () => {
    await checkWithinLargerBuffers(gpu, createRng(seed + 5), { m: 37, k: 64, n: 36 });
  });

  // 512 × 512 blocks of 4×4 in workgroups of 4: 65536 workgroups, one more than a dimension may hold.
  it('folds a dispatch wider than maxComputeWorkgroupsPerDimension into y', async () => {
    expect(gpu.ctx.device.limits.maxComputeWorkgroupsPerDimension).toBeLessThan(65536);
    await checkMatmul(gpu, createRng(seed + 6), 'nn', { m: 2048, k: 1, n: 2048 }, { tuning: { workgroupSize: 4, blockStrips: 8 } });
  });

  // How training starts: the first steps on the quickly compiled general path, then the vec4 one over the same buffers.
  it.each(TRAINING.filter(([layout, shape]) => fitsVec4Path({ layout, ...shape })))('quick start on %s %o, then the fast path', async (layout, shape) => {
    const epilogue = { kind: 'bias-activation', activation: 'relu', writeZ: true } as const;
    const rng = createRng(seed + shape.k + 11);
    const inputs = randomInputs(rng, shape);
    const expected = referenceOutputs(layout, shape, inputs, epilogue);
    for (const [quickStart, path] of [['only', 'general'], ['then-fast', 'vec4']] as const) {
      const result = await runOnGpu(gpu, layout, shape, inputs, { epilogue, quickStart });
      expect(result.path).toBe(path);
      expectWithin(result.c.values, expected.c, `${layout} quick start, ${path}`);
      expectWithin(result.z!.values, expected.z!, `${layout} quick start, ${path}: Z`);
    }
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
      await checkMatmul(gpu, rng, 'nn', shape, { epilogue: { kind: 'bias-activation', activation, writeZ: true } });
      await checkMatmul(gpu, rng, 'nn', shape, { epilogue: { kind: 'bias-activation', activation, writeZ: false } });
      await checkMatmul(gpu, rng, 'nt', shape, { epilogue: { kind: 'activation-derivative', activation } });
    });
  });
});
