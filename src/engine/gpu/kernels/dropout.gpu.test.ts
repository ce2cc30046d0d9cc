// gpu tier: dropout forward and backward against the reference mask, bit for bit, with the step read from the GPU step counter.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, poisonedBuffer, readPoisoned, relativeBound, release, submit } from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { applyDropout, dropoutKeepMask } from '../../reference/dropout';
import { createDropout } from './dropout';
import { createOptimizer } from './optimizer';

/** Y and dX are x·fround(1 / (1 − rate)) rounded once: within 2 ulp of the float64 x / (1 − rate). */
const RTOL = 2 ** -22;

interface Case {
  length: number;
  rate: number;
  seed: number;
  step: number;
}

/** Non-zero values, so a zero output always means a dropped element. */
function nonzeroValues(rng: Rng, length: number): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = (rng.next() < 0.5 ? -1 : 1) * (0.5 + rng.next());
  return values;
}

/** An optimizer whose only job here is advancing the step counter on the GPU, and the buffers it updates. */
async function createSgdOnOneParameter({ ctx, cache }: TestGpu, stepCounter: GPUBuffer) {
  const [params, grads] = [inputBuffer(ctx, 'test parameter', new Float32Array(1)), inputBuffer(ctx, 'test gradient', new Float32Array(1))];
  const hyperparameters = { learningRate: 0.1, momentum: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, maxGradNorm: 0 };
  const op = await createOptimizer(ctx, cache, { kind: 'sgd', length: 1, params, grads, state: [], stepCounter, hyperparameters });
  return { op, buffers: [params, grads] };
}

/**
 * Forward on X and backward on dY in one pass, with the step counter at `step`; `optimizerStepsFirst` SGD steps are
 * recorded before them in the same pass, advancing the counter on the GPU.
 */
async function runOnGpu(gpu: TestGpu, testCase: Case, x: Float32Array, dY: Float32Array, optimizerStepsFirst: number) {
  const { ctx, cache } = gpu;
  const { length, rate, seed, step } = testCase;
  const stepCounter = inputBuffer(ctx, 'test step counter', Uint32Array.of(step));
  const [xBuffer, dYBuffer] = [inputBuffer(ctx, 'test X', x), inputBuffer(ctx, 'test dY', dY)];
  const [y, dX] = [poisonedBuffer(ctx, 'test Y', length), poisonedBuffer(ctx, 'test dX', length)];
  const dropout = await createDropout(ctx, cache, { length, rate, seed, stepCounter, x: xBuffer, y, dY: dYBuffer, dX });
  const sgd = await createSgdOnOneParameter(gpu, stepCounter);
  submit(ctx, (encoder) => {
    const pass = encoder.beginComputePass({ label: 'test dropout' });
    for (let i = 0; i < optimizerStepsFirst; i++) sgd.op.encode(pass);
    dropout.encodeForward(pass);
    dropout.encodeBackward(pass);
    pass.end();
  });
  const [yOut, dXOut] = [await readPoisoned(ctx, y, length), await readPoisoned(ctx, dX, length)];
  dropout.dispose();
  sgd.op.dispose();
  release(ctx, stepCounter, xBuffer, dYBuffer, y, dX, ...sgd.buffers);
  return { y: yOut, dX: dXOut };
}

async function expectMatchesReference(gpu: TestGpu, testCase: Case, optimizerStepsFirst = 0) {
  const rng = createRng(testCase.seed);
  const [x, dY] = [nonzeroValues(rng, testCase.length), nonzeroValues(rng, testCase.length)];
  const keep = dropoutKeepMask(testCase.length, testCase.rate, testCase.seed, testCase.step + optimizerStepsFirst);
  const { y, dX } = await runOnGpu(gpu, testCase, x, dY, optimizerStepsFirst);
  for (const [actual, input] of [[y, x], [dX, dY]] as const) {
    const expected = applyDropout(input, keep, testCase.rate);
    expect(mismatches(actual.values, expected, relativeBound(expected, RTOL, 0))).toEqual([]);
    expect(actual.canaryIntact).toBe(true);
  }
}

const seed = Date.now() >>> 0;

describe(`dropout_apply (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each([1, 2, 7, 63, 64, 65, 127, 257, 784, 1000, 4_200_000])('reproduces the reference mask on %i elements', async (length) => {
    const rng = createRng(seed + length);
    await expectMatchesReference(gpu, { length, rate: 0.3, seed: rng.nextU32(), step: rng.nextU32() });
  });

  it.each([0, 0.1, 0.5, 0.9, 0.999])('reproduces the reference at rate %d', async (rate) => {
    await expectMatchesReference(gpu, { length: 1000, rate, seed: seed ^ 0x5eed, step: 12 });
  });

  it('takes its step from the step counter the optimizer advances within one submit', async () => {
    await expectMatchesReference(gpu, { length: 1000, rate: 0.5, seed, step: 5 }, 3);
  });
});
