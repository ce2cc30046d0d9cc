// gpu tier: the max-pool kernels (forward with winners, backward to them) against the float64 reference, on awkward sizes and ties.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, poisonedBuffer, randomArray, readPoisoned, relativeBound, release, submit } from '../../../../tests/gpu/harness';
import { placeAt } from '../../../../tests/fixtures/gradcheck';
import { MAXPOOL } from '../../layers/maxpool';
import { maxPoolReference } from '../../layers/maxpool/reference';
import { poolWindow, type MaxPoolLayerSpec } from '../../layers/maxpool/spec';
import { imageWindow, shapeSize, type Shape } from '../../layers/shapes';
import { createRng } from '../../random';
import { activationDerivative } from '../../reference/activations';
import { createMaxPoolBackward, createMaxPoolForward, type PoolGeometry } from './pool';

/** dX sums at most 9 gradients (3×3 windows at stride 1) in float32. */
const RTOL = 2 ** -20;

/** Through GELU′ also its float32 rounding and the erfc approximation's 1.5e-7, scaled by z (see activation.gpu.test.ts). */
const throughGeluBound = (raw: number, expected: number, z: number): number => 1e-7 + 4e-6 * Math.abs(expected) + Math.abs(raw) * (1e-7 + 2e-7 * Math.abs(z));

interface Case {
  layer: MaxPoolLayerSpec;
  input: Shape;
  batch: number;
}

const CASES: Case[] = [
  { layer: { kind: 'maxpool', size: 2, stride: 'size' }, input: [24, 24, 24], batch: 7 }, // W2's first pool
  { layer: { kind: 'maxpool', size: 2, stride: 'size' }, input: [5, 7, 3], batch: 65 }, // odd sizes: a row and a column left out
  { layer: { kind: 'maxpool', size: 3, stride: '2' }, input: [7, 9, 1], batch: 1 }, // overlapping windows
  { layer: { kind: 'maxpool', size: 2, stride: '1' }, input: [4, 3, 2], batch: 7 },
  { layer: { kind: 'maxpool', size: 3, stride: 'size' }, input: [3, 3, 1], batch: 65 },
  { layer: { kind: 'maxpool', size: 2, stride: '3' }, input: [8, 7, 3], batch: 7 }, // gaps between windows
  { layer: { kind: 'maxpool', size: 3, stride: '3' }, input: [8, 7, 3], batch: 7 }, // stride = size set: two rows, a column left out
];

async function runPool(gpu: TestGpu, { layer, input, batch }: Case, x: Float32Array, dY: Float32Array, zBefore?: Float32Array) {
  const { ctx, cache } = gpu;
  const place = placeAt(MAXPOOL, layer, input);
  const geometry: PoolGeometry = { batch, ...imageWindow(place.input, place.output, poolWindow(layer)) };
  const [inputs, outputs] = [batch * shapeSize(input), batch * shapeSize(place.output)];
  const buffers = [inputBuffer(ctx, 'X', x), inputBuffer(ctx, 'dY', dY), inputBuffer(ctx, 'Z before', zBefore ?? new Float32Array(inputs))];
  const [y, winners, dX] = [poisonedBuffer(ctx, 'Y', outputs), poisonedBuffer(ctx, 'winners', outputs), poisonedBuffer(ctx, 'dX', inputs)];
  const forward = await createMaxPoolForward(ctx, cache, { geometry, x: buffers[0]!, y, winners });
  const through = zBefore ? { activation: 'gelu' as const, z: buffers[2]! } : undefined;
  const backward = await createMaxPoolBackward(ctx, cache, { geometry, dY: buffers[1]!, winners, dX, throughActivation: through });
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'max pool test' });
    forward.encode(pass);
    backward.encode(pass);
    pass.end();
  });
  const read = { y: await readPoisoned(ctx, y, outputs), winners: await readPoisoned(ctx, winners, outputs), dX: await readPoisoned(ctx, dX, inputs) };
  [forward, backward].forEach((op) => op.dispose());
  release(ctx, ...buffers, y, winners, dX);
  return { place, read };
}

const seed = Date.now() >>> 0;

describe(`max pool kernels (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  describe.each(CASES.map((testCase, i) => [`${testCase.batch}× ${testCase.input.join('×')}, ${MAXPOOL.name(testCase.layer, 'hidden')}`, testCase, i] as const))('%s', (_, testCase, caseIndex) => {
    it.each([
      ['distinct values', false, false],
      ['many ties (the first largest wins)', true, false],
      ['the backward through GELU′ of the layer before', false, true],
    ])('%s: Y, winners and dX match the reference', async (__, ties, fused) => {
      const rng = createRng(seed + caseIndex);
      const inputs = testCase.batch * shapeSize(testCase.input);
      const x = ties ? Float32Array.from({ length: inputs }, () => rng.int(3)) : randomArray(rng, inputs);
      const place = placeAt(MAXPOOL, testCase.layer, testCase.input);
      const dY = randomArray(rng, testCase.batch * shapeSize(place.output));
      const zBefore = fused ? randomArray(rng, inputs, -3, 3) : undefined;
      const { read } = await runPool(gpu, testCase, x, dY, zBefore);
      const { y, tape } = maxPoolReference.forward(testCase.layer, { place, batch: testCase.batch, x: Float64Array.from(x), params: [], offsets: [] });
      const plane = testCase.input[0]! * testCase.input[1]!;
      const raw = maxPoolReference.backward(tape!, Float64Array.from(dY), { batch: testCase.batch, params: [], grads: new Float64Array() });
      const dX = zBefore ? raw.map((value, i) => value * activationDerivative('gelu', zBefore[i]!)) : raw;
      const bound = zBefore ? (i: number) => throughGeluBound(raw[i]!, dX[i]!, zBefore[i]!) : relativeBound(dX, RTOL, 1e-7);
      expect(mismatches(read.y.values, y, () => 0)).toEqual([]);
      expect([...read.winners.bits]).toEqual([...tape!.winners].map((winner) => winner % plane));
      expect(mismatches(read.dX.values, dX, bound)).toEqual([]);
      expect([read.y.canaryIntact, read.winners.canaryIntact, read.dX.canaryIntact]).toEqual([true, true, true]);
    });
  });
});
