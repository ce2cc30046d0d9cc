// gpu tier: the convolution kernels (forward, input gradient, weight and bias gradients) against the float64 reference, on awkward sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, poisonedBuffer, randomArray, readPoisoned, release, submit, type Readout } from '../../../../tests/gpu/harness';
import type { Activation } from '../../activations';
import { conv2dReference } from '../../layers/conv2d/reference';
import { convWindow, type Conv2dLayerSpec } from '../../layers/conv2d/spec';
import type { LayerPlace } from '../../layers/kind';
import { windowOutput, type Shape } from '../../layers/shapes';
import { createRng, type Rng } from '../../random';
import { activationDerivative } from '../../reference/activations';
import type { ComputeOp } from '../kernel';
import { createConvBackwardInput, createConvBackwardWeights, createConvForward, convTuning, type ConvGeometry, type ConvTuning } from './conv2d';

/** Float32 sums of n terms stay within a small multiple of √n·ε of Σ|term| in practice; this bound is far above that. */
const RTOL_OF_MAGNITUDE = 2e-5;
const ATOL = 1e-6;

interface Case {
  input: Shape; // [H, W, C]
  filters: number;
  kernelSize: number;
  stride: number;
  padding: Conv2dLayerSpec['padding'];
  batch: number;
}

const CASES: Case[] = [
  { input: [28, 28, 1], filters: 24, kernelSize: 5, stride: 1, padding: 'valid', batch: 7 }, // W2's first convolution
  { input: [12, 12, 24], filters: 32, kernelSize: 3, stride: 1, padding: 'valid', batch: 1 }, // W2's second
  { input: [7, 9, 3], filters: 7, kernelSize: 3, stride: 2, padding: 'same', batch: 65 },
  { input: [5, 7, 1], filters: 1, kernelSize: 2, stride: 1, padding: 'same', batch: 7 },
  { input: [9, 5, 3], filters: 7, kernelSize: 7, stride: 1, padding: 'same', batch: 1 },
  { input: [11, 13, 3], filters: 5, kernelSize: 4, stride: 2, padding: 'valid', batch: 7 },
  { input: [6, 7, 2], filters: 17, kernelSize: 1, stride: 2, padding: 'valid', batch: 65 },
  { input: [28, 28, 1], filters: 7, kernelSize: 5, stride: 2, padding: 'same', batch: 65 },
  { input: [13, 1, 3], filters: 3, kernelSize: 6, stride: 2, padding: 'same', batch: 7 },
];

const label = ({ input, filters, kernelSize, stride, padding, batch }: Case) => `${batch}× ${input.join('×')} → ${filters} filters, ${kernelSize}×${kernelSize} /${stride} ${padding}`;

/** The case as a layer (with `activation`), its place and its kernels' geometry. */
function setup(testCase: Case, activation: Activation) {
  const layer: Conv2dLayerSpec = { kind: 'conv2d', filters: testCase.filters, kernelSize: testCase.kernelSize, stride: testCase.stride, padding: testCase.padding, activation, init: 'he' };
  const window = convWindow(layer);
  const output = windowOutput(testCase.input, window, testCase.filters, 'convolution');
  if (!output.ok) throw new Error(output.message);
  const place: LayerPlace = { index: 0, role: 'hidden', input: testCase.input, output: output.shape };
  const [height, width, channels] = testCase.input as [number, number, number];
  const [outHeight, outWidth] = output.shape as [number, number, number];
  const geometry: ConvGeometry = { batch: testCase.batch, input: { height, width, channels }, output: { height: outHeight, width: outWidth, channels: testCase.filters }, window };
  return { layer, place, geometry, sizes: { x: testCase.batch * height * width * channels, w: channels * testCase.kernelSize ** 2 * testCase.filters, y: testCase.batch * outHeight * outWidth * testCase.filters } };
}

type Setup = ReturnType<typeof setup>;

/** The reference forward and backward at float32 inputs, and the same run on absolute values (Σ|term| per output). */
function reference({ layer, place, geometry: { batch }, sizes }: Setup, x: Float32Array, params: Float32Array, dY: Float32Array) {
  const run = (xs: ArrayLike<number>, ps: ArrayLike<number>, dYs: ArrayLike<number>, spec: Conv2dLayerSpec) => {
    const forward = conv2dReference.forward(spec, { place, batch, x: Float64Array.from(xs), params: ps, offsets: [0, sizes.w] });
    const tape = forward.tape!;
    const grads = new Float64Array(ps.length);
    const dX = conv2dReference.backward(tape, Float64Array.from(dYs), { batch, params: ps, grads });
    return { y: forward.y, z: tape.z, dX, dW: grads.subarray(0, sizes.w), db: grads.subarray(sizes.w) };
  };
  const abs = (values: Float32Array) => values.map(Math.abs);
  // The backward is checked with a linear layer, so dZ = dY.
  const linear = { ...layer, activation: 'linear' as const };
  return { values: run(x, params, dY, layer), gradients: run(x, params, dY, linear), magnitudes: run(abs(x), abs(params), abs(dY), linear) };
}

async function runOp(gpu: TestGpu, op: ComputeOp, outputs: [GPUBuffer, number][]): Promise<Readout[]> {
  submit(gpu.ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'conv test' });
    op.encode(pass);
    pass.end();
  });
  const read = await Promise.all(outputs.map(([buffer, length]) => readPoisoned(gpu.ctx, buffer, length)));
  op.dispose();
  return read;
}

function expectClose(actual: Readout, expected: ArrayLike<number>, magnitude: ArrayLike<number>): void {
  expect(actual.canaryIntact).toBe(true);
  expect(mismatches(actual.values, expected, (i) => ATOL + RTOL_OF_MAGNITUDE * magnitude[i]!)).toEqual([]);
}

const seed = Date.now() >>> 0;
const GPU_STYLE: ConvTuning = { workgroupSize: 64, forwardStrips: 1, inputStrips: 1, weightStrips: 1, weightInvocations: 8192 };

describe(`conv2d kernels (seed ${seed})`, () => {
  let gpu: TestGpu;
  let tunings: [string, ConvTuning][];
  beforeAll(async () => {
    gpu = await testGpu();
    tunings = [
      ['this adapter', convTuning(gpu.ctx.adapter)],
      ['GPU-style', GPU_STYLE],
    ];
  });

  describe.each(CASES.map((testCase, i) => [label(testCase), testCase, i] as const))('%s', (_, testCase, caseIndex) => {
    const inputs = (rng: Rng, s: Setup) => ({ x: randomArray(rng, s.sizes.x), params: randomArray(rng, s.sizes.w + testCase.filters), dY: randomArray(rng, s.sizes.y) });

    it('forward: Z = conv(X, W) + b and Y = gelu(Z), for each tuning', async () => {
      const s = setup(testCase, 'gelu');
      const { x, params, dY } = inputs(createRng(seed + caseIndex), s);
      const expected = reference(s, x, params, dY);
      for (const [, tuning] of tunings) {
        const buffers = [inputBuffer(gpu.ctx, 'X', x), inputBuffer(gpu.ctx, 'W', params.subarray(0, s.sizes.w)), inputBuffer(gpu.ctx, 'b', params.subarray(s.sizes.w))];
        const [z, y] = [poisonedBuffer(gpu.ctx, 'Z', s.sizes.y), poisonedBuffer(gpu.ctx, 'Y', s.sizes.y)];
        const op = await createConvForward(gpu.ctx, gpu.cache, { geometry: s.geometry, activation: 'gelu', x: buffers[0]!, weights: buffers[1]!, bias: buffers[2]!, z, y, tuning });
        const [zOut, yOut] = await runOp(gpu, op, [[z, s.sizes.y], [y, s.sizes.y]]);
        expectClose(zOut!, expected.values.z, expected.magnitudes.z);
        expectClose(yOut!, expected.values.y, expected.magnitudes.z);
        release(gpu.ctx, ...buffers, z, y);
      }
    });

    it('input gradient: dX, and dX ⊙ tanh′(Z before) when fused, for each tuning', async () => {
      const s = setup(testCase, 'linear');
      const rng = createRng(seed + 100 + caseIndex);
      const { x, params, dY } = inputs(rng, s);
      const zBefore = randomArray(rng, s.sizes.x, -3, 3);
      const expected = reference(s, x, params, dY);
      const fused = expected.gradients.dX.map((value, i) => value * activationDerivative('tanh', zBefore[i]!));
      for (const [, tuning] of tunings) {
        for (const throughActivation of [false, true]) {
          const buffers = [inputBuffer(gpu.ctx, 'dZ', dY), inputBuffer(gpu.ctx, 'W', params.subarray(0, s.sizes.w)), inputBuffer(gpu.ctx, 'Z before', zBefore)];
          const dX = poisonedBuffer(gpu.ctx, 'dX', s.sizes.x);
          const through = throughActivation ? { activation: 'tanh' as const, z: buffers[2]! } : undefined;
          const op = await createConvBackwardInput(gpu.ctx, gpu.cache, { geometry: s.geometry, dZ: buffers[0]!, weights: buffers[1]!, dX, throughActivation: through, tuning });
          const [dXOut] = await runOp(gpu, op, [[dX, s.sizes.x]]);
          expectClose(dXOut!, throughActivation ? fused : expected.gradients.dX, expected.magnitudes.dX);
          release(gpu.ctx, ...buffers, dX);
        }
      }
    });

    it('weight and bias gradients: dW = Σ patchᵀ·dZ, db = Σ dZ, for each tuning', async () => {
      const s = setup(testCase, 'linear');
      const { x, params, dY } = inputs(createRng(seed + 200 + caseIndex), s);
      const expected = reference(s, x, params, dY);
      for (const [, tuning] of tunings) {
        const buffers = [inputBuffer(gpu.ctx, 'X', x), inputBuffer(gpu.ctx, 'dZ', dY)];
        const [dW, db] = [poisonedBuffer(gpu.ctx, 'dW', s.sizes.w), poisonedBuffer(gpu.ctx, 'db', testCase.filters)];
        const op = await createConvBackwardWeights(gpu.ctx, gpu.cache, { geometry: s.geometry, x: buffers[0]!, dZ: buffers[1]!, dW, db, tuning });
        const [dWOut, dbOut] = await runOp(gpu, op, [[dW, s.sizes.w], [db, testCase.filters]]);
        expectClose(dWOut!, expected.gradients.dW, expected.magnitudes.dW);
        expectClose(dbOut!, expected.gradients.db, expected.magnitudes.db);
        release(gpu.ctx, ...buffers, dW, db);
      }
    });
  });
});
