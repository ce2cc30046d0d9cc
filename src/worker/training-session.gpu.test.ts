// gpu tier: the worker's training session — train, pause, step, resume, reset and its undo, epoch-end evaluation, predictions,
// divergence and collapse rollback.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestGpu } from '../../tests/gpu/context';
import { mnistFromPackage, testGpuWithMnist } from '../../tests/gpu/mnist';
import { BufferRegistry } from '../engine/gpu/buffers';
import { uploadDataset, type GpuDataset } from '../engine/gpu/dataset';
import type { GpuContext } from '../engine/gpu/device';
import { PipelineCache } from '../engine/gpu/pipelines';
import type { TrainerConfig } from '../engine/train/trainer';
import type { SessionEvent } from './protocol';
import { TrainingSession } from './training-session';
import { adamExperiment } from '../../tests/fixtures/experiment';

const CONFIG: TrainerConfig = adamExperiment(
  { layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he' }] },
  { seed: 3, trainImages: 2000, batchSize: 50, learningRate: 3e-3, epochs: 2 },
);

/** A session that records its events, and resolves `until` when one of the statuses arrives. */
function recordedSession(gpu: Pick<TestGpu, 'ctx' | 'cache'>, dataset: GpuDataset) {
  const events: SessionEvent[] = [];
  const waiters: { statuses: string[]; resolve: () => void }[] = [];
  const session = new TrainingSession(gpu.ctx, gpu.cache, dataset, (event) => {
    events.push(event);
    if (event.type === 'status') waiters.filter((w) => w.statuses.includes(event.status)).forEach((w) => w.resolve());
  });
  const until = (...statuses: string[]) => new Promise<void>((resolve) => waiters.push({ statuses, resolve }));
  const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  const lastStatus = () => events.findLast((e) => e.type === 'status')!;
  const fail = (error: unknown) => {
    throw error;
  };
  return { session, events, until, statuses, lastStatus, fail };
}

describe('TrainingSession', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  it('trains to the end, evaluating the full test set after each epoch', async () => {
    const { session, events, until, fail } = recordedSession(gpu, dataset);
    await session.configure(CONFIG);
    const finished = until('finished');
    session.train(fail);
    await finished;
    const evaluations = events.filter((e) => e.type === 'evaluation');
    expect(evaluations.map((e) => e.epoch)).toEqual([1, 2]);
    expect(evaluations.at(-1)!.accuracy).toBeGreaterThan(0.8);
    const metrics = events.filter((e) => e.type === 'train-metrics');
    expect(metrics.at(-1)!.step).toBe(80);
    expect(metrics.every((m) => Number.isFinite(m.loss) && m.samplesPerSecond >= 0)).toBe(true);
    // Health statistics are on by default: a window of each layer with parameters beside every metrics window.
    const health = events.flatMap((e) => (e.type === 'health' ? [e.window] : []));
    expect(health.map(({ step }) => step)).toEqual(metrics.map(({ step }) => step));
    expect(health.every(({ layers, learningRate }) => layers.map(({ name }) => name).join() === 'Dense 32 relu,Output 10 softmax' && learningRate === 3e-3)).toBe(true);
    await session.dispose();
  });

  it('counts epochs from samples across batch-size changes: an epoch too short for a larger batch ends and is tested', async () => {
    const { session, events, until, lastStatus, fail } = recordedSession(gpu, dataset);
    await session.configure(CONFIG);
    for (let i = 0; i < 38; i++) await session.step(); // 1,900 of the 2,000 images
    await session.updateSettings({ ...CONFIG.settings, batchSize: 200 }); // 100 left: less than a batch
    expect(events.filter((e) => e.type === 'evaluation').map((e) => [e.epoch, e.step])).toEqual([[1, 38]]);
    expect((await session.readWeights()).position).toEqual({ epoch: 1, epochSamples: 0, samples: 1900, step: 38 });
    await session.updateSettings({ ...CONFIG.settings, batchSize: 30 }); // epoch 1: 66 steps, 20 images dropped
    const finished = until('finished');
    session.train(fail);
    await finished;
    expect(lastStatus()).toMatchObject({ position: { epoch: 2, epochSamples: 0, samples: 1900 + 1980, step: 104 } });
    expect(events.filter((e) => e.type === 'evaluation').map((e) => [e.epoch, e.step])).toEqual([[1, 38], [2, 104]]);
    const epochs = events.filter((e) => e.type === 'train-metrics').map((m) => m.epoch);
    expect(epochs.at(-1)).toBe(2);
    expect(epochs[37]).toBeCloseTo(0.95, 12); // one-step windows while stepping: the 38th ends at 1,900 images
    expect(epochs.every((epoch, i) => i === 0 || epoch > epochs[i - 1]!)).toBe(true);
    await session.dispose();
  });

  it('changes the batch size while the loop runs: training goes on without a pause, every sample counted', async () => {
    const { session, events, until, statuses, lastStatus, fail } = recordedSession(gpu, dataset);
    await session.configure(CONFIG);
    const finished = until('finished');
    session.train(fail);
    await session.updateSettings({ ...CONFIG.settings, batchSize: 30 });
    await finished;
    expect(statuses()).toEqual(['ready', 'training', 'finished']);
    const metrics = events.filter((e) => e.type === 'train-metrics');
    const position = lastStatus().type === 'status' ? lastStatus().position : null;
    expect(position).toMatchObject({ epoch: 2, epochSamples: 0, step: metrics.at(-1)!.step });
    expect(metrics.reduce((sum, m) => sum + m.steps, 0)).toBe(position!.step);
    expect(events.filter((e) => e.type === 'evaluation').map((e) => e.epoch)).toEqual([1, 2]);
    await session.dispose();
  });

  it('pauses, steps one batch, resumes, and resets to step 0', async () => {
    const { session, events, until, statuses, fail } = recordedSession(gpu, dataset);
    await session.configure(CONFIG);
    session.train(fail);
    await session.pause();
    const pausedAt = events.filter((e) => e.type === 'status').at(-1)!;
    expect(pausedAt.type === 'status' && pausedAt.status).toBe('paused');
    const stepBefore = pausedAt.type === 'status' ? pausedAt.position!.step : -1;
    await session.step();
    const afterStep = events.filter((e) => e.type === 'status').at(-1)!;
    expect(afterStep.type === 'status' && afterStep.position!.step).toBe(stepBefore + 1);
    const finished = until('finished');
    session.train(fail);
    await finished;
    await session.reset();
    const reset = events.filter((e) => e.type === 'status').at(-1)!;
    expect(reset.type === 'status' && [reset.status, reset.position!.step]).toEqual(['ready', 0]);
    expect(statuses()).toEqual(['ready', 'training', 'paused', 'paused', 'training', 'finished', 'ready']);
    await session.dispose();
  });

  it('predicts between training steps while the loop runs, and says when there is no model yet', async () => {
    const { session, events, fail } = recordedSession(gpu, dataset);
    const pixels = Float32Array.from(mnistFromPackage().test.images.subarray(0, 784), (byte) => byte / 255);
    await expect(session.predict(pixels)).rejects.toThrow('There is no model yet, so there is nothing to predict with.');
    await session.configure({ ...CONFIG, settings: { ...CONFIG.settings, epochs: 20 } });
    session.train(fail);
    const probabilities = await session.predict(pixels);
    const lastStatus = events.filter((e) => e.type === 'status').at(-1)!;
    expect(lastStatus.type === 'status' && lastStatus.status).toBe('training');
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    await session.pause();
    await session.dispose();
  });

  it('stops with "diverged" and rolls back when the loss becomes non-finite', async () => {
    const { session, until, events, fail } = recordedSession(gpu, dataset);
    const hyperparameters = { ...CONFIG.settings.hyperparameters, learningRate: 1e30 };
    await session.configure({ ...CONFIG, optimizer: 'sgd', settings: { ...CONFIG.settings, hyperparameters } });
    const diverged = until('diverged');
    session.train(fail);
    await diverged;
    const status = events.filter((e) => e.type === 'status').at(-1)!;
    expect(status.type === 'status' && status.message).toMatch(/diverged.*rolled back.*lower learning rate/i);
    expect(status.type === 'status' && status.position!.step).toBe(0);
    expect(status).not.toHaveProperty('history'); // a rollback keeps the curves recorded so far
    expect(status).toMatchObject({ divergedWith: { cause: 'non-finite', rolledBackTo: 0 } });
    expect(events.filter((e) => e.type === 'train-metrics').every((m) => Number.isFinite(m.loss))).toBe(true);
    await session.dispose();
  });

  // 10 steps an epoch: epoch ends at steps 10 and 20 come before the collapse is caught, yet they keep no checkpoint.
  it('catches a collapsing but finite loss (Adam at learning rate 10), rolls back to a good checkpoint, and says so again when trained alike', async () => {
    const { session, until, events, lastStatus, fail } = recordedSession(gpu, dataset);
    const settings = { ...CONFIG.settings, epochs: 10, hyperparameters: { ...CONFIG.settings.hyperparameters, learningRate: 10 } };
    await session.configure({ ...CONFIG, trainImages: 500, settings });
    const stopped = until('diverged', 'finished');
    session.train(fail);
    await stopped;
    const metrics = events.filter((e) => e.type === 'train-metrics');
    console.log(`session: Adam at 10, train loss by window ${metrics.map((m) => m.loss.toExponential(1)).join(', ')}`);
    expect(metrics.every((m) => Number.isFinite(m.loss))).toBe(true);
    const status = lastStatus();
    expect(status).toMatchObject({ status: 'diverged', position: { step: 0, samples: 0 }, divergedWith: { cause: 'loss-grew', settings, rolledBackTo: 0 } });
    expect(status).not.toHaveProperty('history');
    const { step } = status.type === 'status' ? status.divergedWith! : { step: -1 };
    expect(status.type === 'status' && status.message).toMatch(
      new RegExp(`^Training diverged\\. The loss (grew|rose) .*to [\\d.e]+ by step ${step}[.,] .*rolled back to step 0.*for example 1, a tenth of 10`),
    );
    session.train(fail);
    expect(lastStatus()).toMatchObject({ status: 'training', message: expect.stringMatching(`^These settings diverged at step ${step} before\\.`) });
    await session.dispose();
  });

  it('with the collapse guard off, warns that the loss is collapsing and trains on to the end', async () => {
    const { session, until, events, statuses, fail } = recordedSession(gpu, dataset);
    session.setCollapseGuard(false);
    const hyperparameters = { ...CONFIG.settings.hyperparameters, learningRate: 10 };
    await session.configure({ ...CONFIG, settings: { ...CONFIG.settings, hyperparameters } });
    const finished = until('finished');
    session.train(fail);
    await finished;
    expect(statuses()).toEqual(['ready', 'training', 'training', 'finished']);
    const warning = events.filter((e) => e.type === 'status')[2]!;
    expect(warning).toMatchObject({ message: expect.stringMatching(/^Diverging: The loss (grew|rose) .* Training goes on because pausing on collapse is off/) });
    expect(warning.type === 'status' && warning.divergedWith).not.toHaveProperty('rolledBackTo');
    expect(events.filter((e) => e.type === 'train-metrics').at(-1)!.step).toBe(80);
    await session.dispose();
  });

  it('undoes a reset: weights, optimizer state and position come back, and training goes on as if never reset', async () => {
    const { session, lastStatus } = recordedSession(gpu, dataset);
    await session.configure(CONFIG);
    for (let i = 0; i < 10; i++) await session.step();
    const before = await session.readWeights();
    expect(before.position).toEqual({ epoch: 0, epochSamples: 500, samples: 500, step: 10 });
    await session.reset();
    expect(lastStatus()).toMatchObject({ status: 'ready', position: { step: 0 }, history: 'cleared', undoReset: { step: 10 } });
    expect((await session.readWeights()).weights).not.toEqual(before.weights);
    await session.reset(); // again, with nothing trained since: the undo stays
    expect(lastStatus()).toMatchObject({ status: 'ready', undoReset: { step: 10 } });
    expect(lastStatus()).not.toHaveProperty('history');
    await session.undoReset();
    expect(lastStatus()).toEqual({ type: 'status', status: 'paused', position: before.position, history: 'restored' });
    const undone = await session.readWeights();
    expect(undone.position).toEqual(before.position);
    expect(undone.weights).toEqual(before.weights);
    for (let i = 0; i < 5; i++) await session.step();
    const continued = await session.readWeights();
    await session.dispose();

    const plain = recordedSession(gpu, dataset);
    await plain.session.configure(CONFIG);
    for (let i = 0; i < 15; i++) await plain.session.step();
    const unbroken = await plain.session.readWeights();
    expect(continued.position).toEqual(unbroken.position);
    expect(continued.weights).toEqual(unbroken.weights);
    await plain.session.dispose();
  });

  it('drops the kept state when training starts again after a reset', async () => {
    const { session, lastStatus } = recordedSession(gpu, dataset);
    await session.configure(CONFIG);
    for (let i = 0; i < 3; i++) await session.step();
    await session.reset();
    await session.step();
    expect(lastStatus()).toMatchObject({ status: 'paused', position: { step: 1 } });
    expect(lastStatus()).not.toHaveProperty('undoReset');
    await session.undoReset();
    expect((await session.readWeights()).position.step).toBe(1);
    await session.dispose();
  });

  it('refuses a model too big for the GPU with a clear error and keeps the previous model', async () => {
    // A device with WebGPU's default limits (128 MiB storage bindings), as on many integrated GPUs.
    const adapter = (await gpu.ctx.gpu.requestAdapter())!;
    const device = await adapter.requestDevice({ label: 'default limits' });
    const small: GpuContext = { ...gpu.ctx, device, buffers: new BufferRegistry(device), lost: device.lost };
    const smallGpu = { ctx: small, cache: new PipelineCache(device) };
    const { session, until, events, fail } = recordedSession(smallGpu, uploadDataset(small, mnistFromPackage()));
    await session.configure(CONFIG);
    const huge = { layers: Array.from({ length: 16 }, () => ({ kind: 'dense' as const, units: 4096, activation: 'relu' as const, init: 'he' as const })) };
    await expect(session.configure({ ...CONFIG, spec: huge })).rejects.toThrow(/does not fit on this GPU.*previous model is unchanged/);
    const finished = until('finished');
    session.train(fail);
    await finished;
    expect(events.filter((e) => e.type === 'evaluation').at(-1)!.accuracy).toBeGreaterThan(0.8);
    await session.dispose();
    device.destroy();
  });

  // What the worker does when the GPU is lost: the old session gives up its CPU record, a new one resumes from it.
  it('resumes on a new session from the record of an abandoned one, at its checkpoint with its weights', async () => {
    const first = recordedSession(gpu, dataset);
    await first.session.configure(CONFIG);
    const finished = first.until('finished');
    first.session.train(first.fail);
    await finished; // 80 steps; a checkpoint is kept at each epoch end
    const record = first.session.abandon()!;
    expect(record.config).toEqual(CONFIG);
    const second = recordedSession(gpu, dataset);
    await second.session.resume(record);
    const status = second.events.filter((e) => e.type === 'status').at(-1)!;
    expect(status.type === 'status' && status.status).toBe('finished');
    expect(status.type === 'status' && status.message).toMatch(/GPU was reset.*continues from step 80/);
    const { weights, position } = await second.session.readWeights();
    expect(position).toEqual(record.checkpoint.position);
    expect(weights).toEqual(record.checkpoint.model.params);
    await second.session.dispose();
  });
});
