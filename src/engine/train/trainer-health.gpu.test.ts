// gpu tier: the trainer's health statistics and kernel timing on MNIST — reported per submit, off when asked, and the timed
// step trains exactly as an untimed one, with a time for every kernel family it dispatched.
import { beforeAll, describe, expect, it } from 'vitest';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import type { TestGpu } from '../../../tests/gpu/context';
import { testGpuWithMnist } from '../../../tests/gpu/mnist';
import type { GpuDataset } from '../gpu/dataset';
import type { SubmitMetrics } from './metrics-ring';
import { Trainer, type TrainerConfig } from './trainer';

const CONFIG: TrainerConfig = adamExperiment(
  {
    layers: [
      { kind: 'dense', units: 48, activation: 'relu', init: 'he' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 24, activation: 'tanh', init: 'glorot' },
    ],
  },
  { seed: 3, trainImages: 2000, batchSize: 50, learningRate: 1e-3, epochs: 1 },
);

describe('Trainer health statistics and kernel timing', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;
  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  it('reports each layer with parameters per submit while statistics are on, and nothing once they are off', async () => {
    const metrics: SubmitMetrics[] = [];
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CONFIG, (m) => metrics.push(m));
    await trainer.runSteps(16);
    await trainer.drain();
    trainer.setHealthStatistics(false);
    await trainer.runSteps(8);
    await trainer.drain();
    trainer.dispose();
    expect(metrics.map((m) => m.health?.map(({ name }) => name))).toEqual([
      ['Dense 48 relu', 'Dense 24 tanh', 'Output 10 softmax'],
      ['Dense 48 relu', 'Dense 24 tanh', 'Output 10 softmax'],
      undefined,
    ]);
    const [relu, tanh, output] = metrics[1]!.health!;
    for (const layer of [relu!, tanh!, output!]) {
      expect(layer.gradientNorm).toBeGreaterThan(0);
      expect(layer.updateRatio).toBeGreaterThan(0);
      expect(layer.updateRatio).toBeLessThan(1);
      expect(Number.isFinite(layer.activationStd)).toBe(true);
    }
    expect(relu!.deadFraction).toBeGreaterThanOrEqual(0);
    expect(tanh!.deadFraction).toBeUndefined(); // tanh units cannot die
  });

  it('trains the same weights bit for bit with statistics on as off (they are added inside the step, not in its way)', async () => {
    const weightsAfter = async (health: boolean) => {
      const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CONFIG, () => {});
      trainer.setHealthStatistics(health);
      await trainer.runSteps(12);
      const weights = await trainer.readWeights();
      trainer.dispose();
      return weights;
    };
    const [on, off] = [await weightsAfter(true), await weightsAfter(false)];
    expect(Buffer.from(on.buffer).equals(Buffer.from(off.buffer))).toBe(true);
  });

  it('times a step without changing what it trains: every family dispatched has a time, in step order', async () => {
    const weightsAfter = async (timed: boolean) => {
      const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CONFIG, () => {});
      await trainer.runSteps(8); // the first submit runs the quick-start kernels; timing waits for the fast ones
      const times = timed ? trainer.timeNextStep() : undefined;
      await trainer.runSteps(8);
      const weights = await trainer.readWeights();
      const answer = await times;
      trainer.dispose();
      return { weights, answer };
    };
    const [plain, timed] = [await weightsAfter(false), await weightsAfter(true)];
    expect(Buffer.from(timed.weights.buffer).equals(Buffer.from(plain.weights.buffer))).toBe(true);

    const { times, step, batch } = timed.answer!;
    expect([step, batch]).toEqual([8, 50]);
    const families = new Set(times.map(({ family }) => family));
    // The timed step is the submit's first, not its last: its statistics ride in the column sums, the norms come later.
    for (const family of ['gather_rows', 'matmul_vec4', 'dropout_apply', 'softmax_ce_loss_and_grad', 'activation_backward']) {
      expect(families, family).toContain(family);
    }
    expect([...families].some((family) => family.startsWith('column_sum'))).toBe(true);
    expect([...families].some((family) => family.endsWith('_step'))).toBe(true);
    expect(times.every(({ ms }) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    const phases = times.map(({ phase }) => phase);
    expect(phases.indexOf('backward')).toBeGreaterThan(phases.lastIndexOf('forward'));
    expect(new Set(times.filter(({ phase }) => phase === 'forward').map(({ layer }) => layer))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('refuses a timing request when the model is freed before another step', async () => {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, CONFIG, () => {});
    const times = trainer.timeNextStep();
    trainer.dispose();
    await expect(times).rejects.toThrow('before a step could be timed');
  });
});
