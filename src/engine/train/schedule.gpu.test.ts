// gpu tier: the learning rate each training step applies follows the schedule in epochs, across batch-size changes, restore and reset.
import { beforeAll, describe, expect, it } from 'vitest';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import type { TestGpu } from '../../../tests/gpu/context';
import { testGpuWithMnist } from '../../../tests/gpu/mnist';
import type { GpuDataset } from '../gpu/dataset';
import { readBuffer } from '../gpu/readback';
import { epochScheduleFactor } from '../reference/schedule';
import type { LrSchedule } from './schedule';
import { Trainer, type TrainerConfig } from './trainer';

/** Every batch size below divides the 600 images and the samples where it starts, so the epochs done are whole steps of it. */
const TRAIN_IMAGES = 600;
const EPOCHS = 3;
const LEARNING_RATE = 0.05;
/**
 * |applied / expected − 1|: the kernel's f32 rate and its cos(πx) are within 1e-6 of the float64 schedule, and the rate
 * read back from f32 weights averages its rounding over 12,730 parameters (measured: 1e-7 at most). A schedule one step
 * off changes the rate by 7e-5 or more at these sizes (cosine at its flattest), a whole epoch of step decay by 2×.
 */
const RATE_RTOL = 1e-5;

/** SGD without weight decay or clipping on a 784-16-10 MLP: a step moves each parameter by −lr·g, so its rate can be read back. */
function sgdExperiment(schedule: LrSchedule): TrainerConfig {
  const choices = { seed: 5, trainImages: TRAIN_IMAGES, batchSize: 100, learningRate: LEARNING_RATE, epochs: EPOCHS, schedule };
  return { ...adamExperiment({ layers: [{ kind: 'dense', units: 16, activation: 'relu', init: 'he' }] }, choices), optimizer: 'sgd' };
}

/** Takes one step and returns the learning rate it applied: Σ (p − p′)·g / Σ g² over every parameter, in float64. */
async function stepRate(gpu: TestGpu, trainer: Trainer): Promise<number> {
  const before = await trainer.readWeights();
  expect(await trainer.runSteps(1)).toBe(1);
  const after = await trainer.readWeights();
  const grads = new Float32Array(await readBuffer(gpu.ctx, trainer.model.grads));
  let moved = 0;
  let squares = 0;
  for (let i = 0; i < grads.length; i++) {
    moved += (before[i]! - after[i]!) * grads[i]!;
    squares += grads[i]! * grads[i]!;
  }
  return moved / squares;
}

/** Takes `steps` steps, each expected to apply the base rate × the schedule's factor in epochs at the epochs done before it. */
async function expectEpochRates(gpu: TestGpu, trainer: Trainer, steps: number): Promise<void> {
  const { schedule, epochs } = trainer.config.settings;
  for (let s = 0; s < steps; s++) {
    const expected = Math.fround(LEARNING_RATE) * epochScheduleFactor(schedule, trainer.epochsDone, epochs);
    const step = trainer.where.step;
    const rate = await stepRate(gpu, trainer);
    expect(Math.abs(rate / expected - 1), `step ${step}: rate ${rate}, expected ${expected}`).toBeLessThan(RATE_RTOL);
  }
}

const SCHEDULES: LrSchedule[] = [
  { kind: 'step', everyEpochs: 1, factor: 0.5 },
  { kind: 'cosine', minFactor: 0.1 },
];

describe('the learning-rate schedule of training steps on MNIST', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  it.each(SCHEDULES)('follows the $kind schedule in epochs across batch-size changes, then from 0 after a reset and back after its undo', async (schedule) => {
    const config = sgdExperiment(schedule);
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config, () => {});
    const atBatch = (batchSize: number) => trainer.updateSettings({ ...config.settings, batchSize });
    await expectEpochRates(gpu, trainer, 6); // epoch 0 at 100
    await atBatch(25);
    await expectEpochRates(gpu, trainer, 8); // the first third of epoch 1: 24 steps of 25 an epoch after 6 of 100
    await atBatch(50);
    await expectEpochRates(gpu, trainer, 8); // the rest of epoch 1 in batches of 50
    await atBatch(150);
    const lastEpoch = await trainer.checkpoint();
    await expectEpochRates(gpu, trainer, 4); // epoch 2 in 4 steps, fewer than the 22 taken before it
    expect(trainer.where).toEqual({ epoch: 3, epochSamples: 0, samples: 3 * TRAIN_IMAGES, step: 26 });
    trainer.reset();
    await expectEpochRates(gpu, trainer, 1);
    trainer.restore(lastEpoch); // as the session's undo of a reset does
    await expectEpochRates(gpu, trainer, 4);
    expect(trainer.finished).toBe(true);
    trainer.dispose();
  });

  it.each(SCHEDULES)('follows the $kind schedule from a restored checkpoint taken at another batch size', async (schedule) => {
    const config = sgdExperiment(schedule);
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config, () => {});
    const atBatch = (batchSize: number) => trainer.updateSettings({ ...config.settings, batchSize });
    await atBatch(150);
    await expectEpochRates(gpu, trainer, 4); // epoch 0
    const afterEpoch0 = await trainer.checkpoint();
    await atBatch(10);
    await expectEpochRates(gpu, trainer, 6);
    await atBatch(25);
    trainer.restore(afterEpoch0); // as a rollback does: 4 steps taken, epoch 1 starts at step 24 of 25 a batch
    await expectEpochRates(gpu, trainer, 2);
    trainer.dispose();
  });
});
