// gpu tier: the worker's training session — train, pause, step, resume, reset, epoch-end evaluation, predictions, divergence rollback.
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

/** A session that records its events, and resolves `until` when a status arrives. */
function recordedSession(gpu: Pick<TestGpu, 'ctx' | 'cache'>, dataset: GpuDataset) {
  const events: SessionEvent[] = [];
  const waiters: { status: string; resolve: () => void }[] = [];
  const session = new TrainingSession(gpu.ctx, gpu.cache, dataset, (event) => {
    events.push(event);
    if (event.type === 'status') waiters.filter((w) => w.status === event.status).forEach((w) => w.resolve());
  });
  const until = (status: string) => new Promise<void>((resolve) => waiters.push({ status, resolve }));
  const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  const fail = (error: unknown) => {
    throw error;
  };
  return { session, events, until, statuses, fail };
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
    expect(events.filter((e) => e.type === 'train-metrics').every((m) => Number.isFinite(m.loss))).toBe(true);
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
