// gpu tier: each optimizer kind, 10 steps in one submit, against the float64 reference, with and without decay and clipping.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import {
  CANARY_WORDS,
  POISON_BITS,
  inputBuffer,
  mismatches,
  readPoisoned,
  relativeBound,
  release,
  submit,
} from '../../../../tests/gpu/harness';
import { createRng, type Rng } from '../../random';
import { OPTIMIZER_KINDS, OPTIMIZER_STATE_SLOTS, type OptimizerHyperparameters, type OptimizerKind, type StepSchedule } from '../../optimizers';
import { initialOptimizerState, optimizerStep } from '../../reference/optimizers';
import { scheduleFactor } from '../../reference/schedule';
import { readBuffer } from '../readback';
import { CONSTANT_SCHEDULE, createOptimizer, createOptimizerState, createStepCounter } from './optimizer';

const STEPS = 10;
/**
 * After 10 steps: |gpu − ref| ≤ 1e-5·|ref| + 1e-6·(largest magnitude the buffer held: final values or initial params).
 * Each step rounds stored values to f32 (2⁻²⁴ relative to that magnitude) and sqrt, division and the bias corrections add
 * a few ulp; measured errors stay about 10× inside this bound.
 */
const RTOL = 1e-5;
const ATOL_OF_MAGNITUDE = 1e-6;

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

interface Run {
  kind: OptimizerKind;
  hyperparameters: OptimizerHyperparameters;
  /** Written with setHyperparameters after the first half of the steps, which are submitted separately. */
  later?: { hyperparameters: OptimizerHyperparameters; schedule?: StepSchedule };
  params: Float32Array; // [n]
  /** Step s uses gradients[s % gradients.length]. */
  gradients: Float32Array[];
  initialSteps: number;
  schedule?: StepSchedule;
}

function hyperparametersFor(kind: OptimizerKind, weightDecay: boolean, maxGradNorm: number): OptimizerHyperparameters {
  const adam = kind === 'adam' || kind === 'adamw';
  return {
    learningRate: adam ? 0.01 : 0.05,
    momentum: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    weightDecay: weightDecay ? 0.1 : 0,
    maxGradNorm,
  };
}

/** Values of random sign with magnitudes uniform in [low, high). */
function signedMagnitudes(rng: Rng, length: number, low: number, high: number): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = (rng.next() < 0.5 ? -1 : 1) * (low + (high - low) * rng.next());
  return values;
}

/**
 * Large and small gradients in turn; clipping at 0.4·√n cuts the large (norm ≈ 0.76·√n) but not the small (≈ 0.23·√n).
 * Magnitudes stay away from zero (|g + wd·p| ≥ 0.05 even after clipping): near g = 0, Adam's g / (|g| + ε) turns
 * the f32 rounding of g + wd·p into a visible step difference, which is conditioning, not a kernel error.
 */
function randomRun(rng: Rng, kind: OptimizerKind, length: number, weightDecay: boolean, clip: boolean): Run {
  const gradients = [[0.5, 1], [0.15, 0.3], [0.5, 1]].map(([low, high]) => signedMagnitudes(rng, length, low!, high!));
  const hyperparameters = hyperparametersFor(kind, weightDecay, clip ? 0.4 * Math.sqrt(length) : 0);
  return { kind, hyperparameters, params: signedMagnitudes(rng, length, 0, 1), gradients, initialSteps: 0 };
}

const withCanary = (words: Uint32Array | Float32Array) => {
  const buffer = new Uint32Array(words.length + CANARY_WORDS).fill(POISON_BITS);
  buffer.set(new Uint32Array(words.buffer, words.byteOffset, words.length));
  return buffer;
};

/** STEPS optimizer steps in one submit (two with laterHyperparameters), copying each step's gradient in first. */
async function runOnGpu({ ctx, cache }: TestGpu, run: Run) {
  const length = run.params.length;
  const params = inputBuffer(ctx, 'test params', withCanary(run.params));
  const zeroState = withCanary(new Float32Array(length));
  const state = Array.from({ length: OPTIMIZER_STATE_SLOTS[run.kind] }, (_, i) => inputBuffer(ctx, `test state ${i}`, zeroState));
  const grads = inputBuffer(ctx, 'test grads', new Float32Array(length));
  const sources = run.gradients.map((gradient, i) => inputBuffer(ctx, `test gradient ${i}`, gradient));
  const stepCounter = inputBuffer(ctx, 'test step counter', withCanary(Uint32Array.of(run.initialSteps)));
  const { kind, hyperparameters, schedule } = run;
  const op = await createOptimizer(ctx, cache, { kind, length, params, grads, state, stepCounter, hyperparameters, ...(schedule ? { schedule } : {}) });
  const submitSteps = (from: number, to: number) =>
    submit(ctx, (encoder) => {
      for (let step = from; step < to; step++) {
        encoder.copyBufferToBuffer(sources[step % sources.length]!, 0, grads, 0, length * 4);
        const pass = encoder.beginComputePass({ label: `test optimizer step ${step}` });
        op.encode(pass);
        pass.end();
      }
    });
  if (run.later) {
    submitSteps(0, STEPS / 2);
    op.setHyperparameters(run.later.hyperparameters, run.later.schedule);
    submitSteps(STEPS / 2, STEPS);
  } else submitSteps(0, STEPS);
  const readouts = await Promise.all([params, ...state].map((buffer) => readPoisoned(ctx, buffer, length)));
  const counter = await readPoisoned(ctx, stepCounter, 1);
  op.dispose();
  release(ctx, params, grads, stepCounter, ...state, ...sources);
  return { readouts, counter };
}

/** The f32 values the GPU's uniform holds. */
const roundedToF32 = (hp: OptimizerHyperparameters) =>
  Object.fromEntries(Object.entries(hp).map(([name, value]) => [name, Math.fround(value)])) as unknown as OptimizerHyperparameters;

/** The reference, on the hyperparameters the GPU sees. */
function runReference(run: Run) {
  const state = initialOptimizerState(run.kind, run.params);
  state.steps = run.initialSteps;
  for (let step = 0; step < STEPS; step++) {
    const { hyperparameters, schedule = CONSTANT_SCHEDULE } = run.later && step >= STEPS / 2 ? run.later : run;
    const hp = roundedToF32(hyperparameters);
    const learningRate = hp.learningRate * scheduleFactor(schedule, state.steps);
    optimizerStep(run.kind, { ...hp, learningRate }, state, run.gradients[step % run.gradients.length]!);
  }
  return state;
}

async function expectMatchesReference(gpu: TestGpu, run: Run) {
  const expected = runReference(run);
  const { readouts, counter } = await runOnGpu(gpu, run);
  [expected.params, ...expected.slots].forEach((reference, i) => {
    const atol = ATOL_OF_MAGNITUDE * Math.max(maxAbs(reference), i === 0 ? maxAbs(run.params) : 0);
    const found = mismatches(readouts[i]!.values, reference, (j) => RTOL * Math.abs(reference[j]!) + atol);
    expect(found, i === 0 ? 'params' : `state slot ${i - 1}`).toEqual([]);
    expect(readouts[i]!.canaryIntact).toBe(true);
  });
  expect(counter.bits[0]).toBe(run.initialSteps + STEPS);
  expect(counter.canaryIntact).toBe(true);
}

const seed = Date.now() >>> 0;
const VARIANTS = OPTIMIZER_KINDS.flatMap((kind) =>
  [false, true].flatMap((weightDecay) => [false, true].map((clip) => ({ kind, weightDecay, clip }))),
);

describe(`optimizer steps (seed ${seed})`, () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it.each(VARIANTS)('$kind (weight decay: $weightDecay, clipping: $clip) matches the reference on 257 parameters', async (variant) => {
    await expectMatchesReference(gpu, randomRun(createRng(seed + 257), variant.kind, 257, variant.weightDecay, variant.clip));
  });

  it.each([1, 2, 7, 63, 64, 65, 127, 784, 1000])('adamw and nesterov, decay and clipping on, match on %i parameters', async (length) => {
    for (const kind of ['adamw', 'nesterov'] as const) {
      await expectMatchesReference(gpu, randomRun(createRng(seed + length), kind, length, true, true));
    }
  });

  it('adam with decay and clipping matches the reference on 4.2M parameters (a folded dispatch)', async () => {
    await expectMatchesReference(gpu, randomRun(createRng(seed), 'adam', 4_200_000, true, true));
  });

  it('runs on the zeroed buffers of createOptimizerState and createStepCounter', async () => {
    const { ctx, cache } = gpu;
    const run = randomRun(createRng(seed + 6), 'adamw', 100, true, false);
    const expected = initialOptimizerState('adamw', run.params);
    optimizerStep('adamw', roundedToF32(run.hyperparameters), expected, run.gradients[0]!);
    const [params, grads] = [inputBuffer(ctx, 'test params', run.params), inputBuffer(ctx, 'test grads', run.gradients[0]!)];
    const [state, stepCounter] = [createOptimizerState(ctx, 'adamw', 100), createStepCounter(ctx)];
    const { hyperparameters } = run;
    const op = await createOptimizer(ctx, cache, { kind: 'adamw', length: 100, params, grads, state, stepCounter, hyperparameters });
    submit(ctx, (encoder) => {
      const pass = encoder.beginComputePass({ label: 'test optimizer step' });
      op.encode(pass);
      pass.end();
    });
    const actual = new Float32Array(await readBuffer(ctx, params));
    const steps = new Uint32Array(await readBuffer(ctx, stepCounter))[0];
    op.dispose();
    release(ctx, params, grads, stepCounter, ...state);
    expect(mismatches(actual, expected.params, relativeBound(expected.params, RTOL, ATOL_OF_MAGNITUDE))).toEqual([]);
    expect(steps).toBe(1);
  });

  // The schedule runs on the GPU: each of the 10 steps in one submit gets its own learning rate, from the step counter.
  const SCHEDULES: StepSchedule[] = [
    { kind: 'step', stepsPerDecay: 3, factor: 0.5, stepOffset: 0 },
    { kind: 'cosine', totalSteps: 9, minFactor: 0.1, stepOffset: 0 },
  ];
  it.each(SCHEDULES.flatMap((schedule) => (['sgd', 'nesterov', 'adamw'] as const).map((kind) => ({ kind, schedule }))))(
    '$kind with a $schedule.kind schedule changes the learning rate at every step, from a restored step count',
    async ({ kind, schedule }) => {
      await expectMatchesReference(gpu, { ...randomRun(createRng(seed + 9), kind, 129, true, false), initialSteps: 2, schedule });
    },
  );

  // A batch-size change after 7 steps: the schedule is rewritten at the new steps per epoch (12 or 2 in place of 4) and
  // moved by a step offset of either sign; the step counter, and Adam's bias correction with it, go on as they were.
  const BATCH_CHANGES: { kind: OptimizerKind; schedule: StepSchedule; later: StepSchedule }[] = [
    { kind: 'sgd', schedule: { kind: 'step', stepsPerDecay: 4, factor: 0.5, stepOffset: 0 }, later: { kind: 'step', stepsPerDecay: 12, factor: 0.5, stepOffset: 14 } },
    { kind: 'adamw', schedule: { kind: 'cosine', totalSteps: 12, minFactor: 0.1, stepOffset: 0 }, later: { kind: 'cosine', totalSteps: 36, minFactor: 0.1, stepOffset: 14 } },
    { kind: 'adam', schedule: { kind: 'step', stepsPerDecay: 4, factor: 0.5, stepOffset: 0 }, later: { kind: 'step', stepsPerDecay: 2, factor: 0.5, stepOffset: -4 } },
    { kind: 'nesterov', schedule: { kind: 'cosine', totalSteps: 12, minFactor: 0.1, stepOffset: 0 }, later: { kind: 'cosine', totalSteps: 6, minFactor: 0.1, stepOffset: -4 } },
  ];
  it.each(BATCH_CHANGES)('$kind follows a $schedule.kind schedule moved by $later.stepOffset steps from the next submit', async ({ kind, schedule, later }) => {
    const run = { ...randomRun(createRng(seed + 8), kind, 129, true, false), initialSteps: 2, schedule };
    await expectMatchesReference(gpu, { ...run, later: { hyperparameters: run.hyperparameters, schedule: later } });
  });

  it('applies rewritten hyperparameters from the next submit and continues bias correction from a restored step count', async () => {
    const run = { ...randomRun(createRng(seed + 5), 'adam', 300, true, true), initialSteps: 41 };
    run.later = { hyperparameters: { ...run.hyperparameters, learningRate: 0.002, beta1: 0.8, maxGradNorm: 0 } };
    await expectMatchesReference(gpu, run);
  });
});
