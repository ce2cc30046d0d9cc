// gpu tier: the trainer on real MNIST — learns, reproduces itself bit for bit, resets exactly, frees every buffer.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpuWithMnist } from '../../../tests/gpu/mnist';
import type { TestGpu } from '../../../tests/gpu/context';
import type { GpuDataset } from '../gpu/dataset';
import { readBuffer } from '../gpu/readback';
import { initialParameters } from '../model/parameters';
import type { SubmitMetrics } from './metrics-ring';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import { Trainer, type TrainerConfig } from './trainer';

const CLASSIC: TrainerConfig = adamExperiment(
  {
    layers: [
      { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
      { kind: 'dropout', rate: 0.1 },
      { kind: 'dense', units: 32, activation: 'relu', init: 'he' },
    ],
  },
  { seed: 7, trainImages: 4000, batchSize: 40, learningRate: 2e-3, epochs: 3 },
);

/** Runs `steps` steps one submit at a time and returns each step's loss-sum bits. */
async function lossBits(gpu: TestGpu, dataset: GpuDataset, steps: number): Promise<number[]> {
  const metrics: SubmitMetrics[] = [];
  const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CLASSIC, (m) => metrics.push(m));
  for (let i = 0; i < steps; i++) await trainer.runSteps(1);
  await trainer.drain();
  trainer.dispose();
  return metrics.map((m) => new Uint32Array(Float32Array.of(m.lossSum).buffer)[0]!);
}

/** Per epoch, the sums of what `drive` trained: samples, correct predictions, loss, and the epochs done at its last submit. */
interface EpochSums {
  samples: number;
  correct: number;
  lossSum: number;
  lastEpochsDone: number;
}

async function trainEpochs(gpu: TestGpu, dataset: GpuDataset, config: TrainerConfig, drive: (trainer: Trainer) => Promise<void>): Promise<EpochSums[]> {
  const metrics: SubmitMetrics[] = [];
  const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config, (m) => metrics.push(m));
  await drive(trainer);
  await trainer.drain();
  trainer.dispose();
  const epochs: EpochSums[] = [];
  for (const m of metrics) {
    // A submit never spans an epoch end; one that ends an epoch reports that epoch's whole number.
    const sums = (epochs[Math.ceil(m.epochsDone) - 1] ??= { samples: 0, correct: 0, lossSum: 0, lastEpochsDone: 0 });
    sums.samples += m.samples;
    sums.correct += m.correct;
    sums.lossSum += m.lossSum;
    sums.lastEpochsDone = m.epochsDone;
  }
  return epochs;
}

describe('Trainer on MNIST', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  // 300 Adam steps on 4,000 images: a 784-64-32-10 MLP reaches about 90% test accuracy; 85% is far above
  // chance (10%) and above what a linear model reaches this early, yet safe against seed-to-seed noise.
  it('learns: loss falls and test accuracy on all 10,000 test images exceeds 85% after 300 steps', async () => {
    const metrics: SubmitMetrics[] = [];
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CLASSIC, (m) => metrics.push(m));
    const before = await trainer.evaluate();
    let steps = 0;
    while (!trainer.finished) steps += await trainer.runSteps(1000);
    expect(steps).toBe(300);
    expect(trainer.finished).toBe(true);
    await trainer.drain();
    const after = await trainer.evaluate();
    const meanLoss = (ms: SubmitMetrics[]) => ms.reduce((s, m) => s + m.lossSum, 0) / ms.reduce((s, m) => s + m.samples, 0);
    console.log(`trainer: test accuracy ${before.accuracy} → ${after.accuracy}, test loss ${before.loss.toFixed(3)} → ${after.loss.toFixed(3)}`);
    expect(meanLoss(metrics.slice(-5))).toBeLessThan(0.5 * meanLoss(metrics.slice(0, 2)));
    expect(after.accuracy).toBeGreaterThan(0.85);
    expect(after.loss).toBeLessThan(before.loss);
    expect(after.confusion.reduce((a, b) => a + b, 0)).toBe(10_000);
    trainer.dispose();
  });

  it('gives a bit-identical loss sequence for the same spec, seed and adapter (50 steps, twice)', async () => {
    const first = await lossBits(gpu, dataset, 50);
    const second = await lossBits(gpu, dataset, 50);
    expect(first).toHaveLength(50);
    expect(second).toEqual(first);
  });

  it('reset restores the seeded initial weights bit for bit', async () => {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CLASSIC, () => {});
    const initial = initialParameters(trainer.model.layout, CLASSIC.seed);
    expect(new Float32Array(await readBuffer(gpu.ctx, trainer.model.params))).toEqual(initial);
    await trainer.runSteps(20);
    expect(new Float32Array(await readBuffer(gpu.ctx, trainer.model.params))).not.toEqual(initial);
    trainer.reset();
    expect(new Float32Array(await readBuffer(gpu.ctx, trainer.model.params))).toEqual(initial);
    expect(trainer.where).toEqual({ epoch: 0, epochSamples: 0, samples: 0, step: 0 });
    trainer.dispose();
  });

  it('applies new settings from the next step without a reset: learning rate 0 freezes the weights, batch size changes', async () => {
    const metrics: SubmitMetrics[] = [];
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CLASSIC, (m) => metrics.push(m));
    await trainer.runSteps(5);
    const frozen = { ...CLASSIC.settings, batchSize: 25, hyperparameters: { ...CLASSIC.settings.hyperparameters, learningRate: 0 } };
    await trainer.updateSettings(frozen);
    const before = new Float32Array(await readBuffer(gpu.ctx, trainer.model.params));
    await trainer.runSteps(4);
    await trainer.drain();
    expect(new Float32Array(await readBuffer(gpu.ctx, trainer.model.params))).toEqual(before);
    expect(metrics.at(-1)).toMatchObject({ steps: 4, samples: 100 });
    expect(trainer.where.step).toBe(9);
    trainer.dispose();
  });

  // With the learning rate at 0 the weights stay put and each image's loss is fixed, so an epoch's loss sum and correct
  // count say which images it trained on: a batch-size change that skipped or repeated images would change them.
  it('counts samples across batch-size changes mid-epoch: no image skipped or repeated, the right epochs, steps and samples', async () => {
    const frozen: TrainerConfig = adamExperiment(
      { layers: [{ kind: 'dense', units: 16, activation: 'relu', init: 'he' }] },
      { seed: 11, trainImages: 1000, batchSize: 40, learningRate: 0, epochs: 2 },
    );
    const atBatch = (batchSize: number) => ({ ...frozen.settings, batchSize });
    const changed = await trainEpochs(gpu, dataset, frozen, async (trainer) => {
      expect(await trainer.runSteps(5)).toBe(5);
      await trainer.updateSettings(atBatch(16)); // 800 images left of epoch 0: 50 steps of 16
      expect(await trainer.runSteps(1000)).toBe(50); // a call stops at the epoch end
      expect(trainer.where).toEqual({ epoch: 1, epochSamples: 0, samples: 1000, step: 55 });
      expect(trainer.epochsDone).toBe(1);
      await trainer.runSteps(10);
      await trainer.updateSettings(atBatch(64)); // 840 left of epoch 1: 13 steps of 64, the last 8 images dropped
      expect(await trainer.runSteps(1000)).toBe(13);
      expect(trainer.where).toEqual({ epoch: 2, epochSamples: 0, samples: 1000 + 160 + 832, step: 78 });
      expect(trainer.finished).toBe(true);
      expect(await trainer.runSteps(1)).toBe(0);
    });
    // The same images without the changes: epoch 0 whole at 40 a batch, then epoch 1's first 992 images at 8 a batch.
    const plain = await trainEpochs(gpu, dataset, frozen, async (trainer) => {
      expect(await trainer.runSteps(1000)).toBe(25);
      await trainer.updateSettings(atBatch(8));
      expect(await trainer.runSteps(124)).toBe(124);
    });
    expect(changed.map((epoch) => epoch.samples)).toEqual([1000, 992]);
    expect(plain.map((epoch) => epoch.samples)).toEqual([1000, 992]);
    expect(changed.map((epoch) => epoch.correct)).toEqual(plain.map((epoch) => epoch.correct));
    changed.forEach((epoch, i) => expect(epoch.lossSum).toBeCloseTo(plain[i]!.lossSum, 1));
    expect(changed[0]!.lastEpochsDone).toBe(1);
    expect(changed[1]!.lastEpochsDone).toBe(2);
  });

  it('frees every buffer it made, across batch-size changes', async () => {
    const live = gpu.ctx.buffers.stats();
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CLASSIC, () => {});
    await trainer.runSteps(3);
    await trainer.updateSettings({ ...CLASSIC.settings, batchSize: 64 });
    await trainer.runSteps(3);
    await trainer.drain();
    trainer.dispose();
    expect(gpu.ctx.buffers.stats()).toEqual(live);
  });
});
