// gpu tier: elementwise activation forward and backward against the float64 reference, every activation.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, poisonedBuffer, randomArray, readPoisoned, release, submit } from '../../../../tests/gpu/harness';
import { ACTIVATIONS, type Activation } from '../../activations';
import { createRng } from '../../random';
import { activationDerivative, activationForward } from '../../reference/activations';
import { createActivationBackward, createActivationForward, type ActivationOp } from './activation';

/** Values that must stay finite and accurate: zero, the kinks' neighbourhood, saturation, far tails. */
const SPECIAL_Z = [0, -0, 1e-3, -1e-3, 1e-6, -1e-6, 5, -5, 20, -20, 90, -90, 1e4, -1e4];

/**
 * |gpu − ref| ≤ 1e-7 + 4e-6·|ref| + 2e-7·|z|·[gelu]: float32 rounding and WGSL's exp (3 + 2|x| ulp) in
 * the relative term; for GELU the erfc approximation's 1.5e-7 absolute error, scaled by z.
 */
function allowedError(activation: Activation, z: number, expected: number): number {
  return 1e-7 + 4e-6 * Math.abs(expected) + (activation === 'gelu' ? 2e-7 * Math.abs(z) : 0);
}

async function runOp(gpu: TestGpu, op: ActivationOp, output: GPUBuffer, count: number) {
  submit(gpu.ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'activation test' });
    op.encode(pass);
    pass.end();
  });
  op.dispose();
  return readPoisoned(gpu.ctx, output, count);
}

function expectClose(activation: Activation, z: Float32Array, actual: Float32Array, expected: Float64Array) {
  const bad = mismatches(actual, expected, (i) => allowedError(activation, z[i]!, expected[i]!));
  expect(bad.map((m) => ({ ...m, z: z[m.index] }))).toEqual([]);
}

const seed = Date.now() >>> 0;

describe(`activation kernels (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  describe.each(ACTIVATIONS)('%s', (activation) => {
    it.each([1, 7, 65, 1000])('forward and backward on %i random values plus special values', async (randomCount) => {
      const rng = createRng(seed + randomCount);
      const z = Float32Array.from([...randomArray(rng, randomCount, -8, 8), ...SPECIAL_Z]);
      const dY = randomArray(rng, z.length, -2, 2);
      const count = z.length;
      const { ctx, cache } = gpu;
      const zBuffer = inputBuffer(ctx, 'Z', z);
      const dYBuffer = inputBuffer(ctx, 'dY', dY);
      const y = poisonedBuffer(ctx, 'Y', count);
      const dZ = poisonedBuffer(ctx, 'dZ', count);

      const forward = await createActivationForward(ctx, cache, { activation, count, z: { buffer: zBuffer }, y: { buffer: y } });
      const backward = await createActivationBackward(ctx, cache, { activation, count, z: { buffer: zBuffer }, dY: { buffer: dYBuffer }, dZ: { buffer: dZ } });
      const yOut = await runOp(gpu, forward, y, count);
      const dZOut = await runOp(gpu, backward, dZ, count);
      release(ctx, zBuffer, dYBuffer, y, dZ);

      expect(yOut.canaryIntact && dZOut.canaryIntact).toBe(true);
      expectClose(activation, z, yOut.values, Float64Array.from(z, (v) => activationForward(activation, v)));
      const dZExpected = Float64Array.from(z, (v, i) => dY[i]! * activationDerivative(activation, v));
      expectClose(activation, z, dZOut.values, dZExpected);
    });
  });
});
