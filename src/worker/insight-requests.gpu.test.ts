// gpu tier: the worker's insight answers — refused before there is a model or a test, answered between training steps while
// the loop runs, gallery pages from the last evaluation, a replaced model's requests settled cleanly.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestGpu } from '../../tests/gpu/context';
import { mnistFromPackage, testGpuWithMnist } from '../../tests/gpu/mnist';
import { adamExperiment } from '../../tests/fixtures/experiment';
import type { GpuDataset } from '../engine/gpu/dataset';
import type { TrainerConfig } from '../engine/train/trainer';
import { galleryOf, inspectionOf, weightImagesOf } from './insight-requests';
import type { SessionEvent } from './protocol';
import { TrainingSession } from './training-session';

const CONFIG: TrainerConfig = adamExperiment(
  { layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he' }] },
  { seed: 3, trainImages: 2000, batchSize: 50, learningRate: 3e-3, epochs: 20 },
);
const MISTAKES = { kind: 'mistakes' } as const;

describe('insight requests', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;
  const pixels = Float32Array.from(mnistFromPackage().test.images.subarray(0, 784), (byte) => byte / 255);
  const test = mnistFromPackage().test;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  it('say why there is no answer before the GPU, a model or a test evaluation exists', async () => {
    await expect(galleryOf(undefined, test, MISTAKES, 0)).rejects.toThrow('The GPU is not ready yet, so there is no model to show test images for.');
    await expect(inspectionOf(undefined, pixels)).rejects.toThrow('The GPU is not ready yet, so there is no model to inspect an image with.');
    await expect(weightImagesOf(undefined)).rejects.toThrow('The GPU is not ready yet, so there is no model to show the weights of.');
    const session = new TrainingSession(gpu.ctx, gpu.cache, dataset, () => {});
    await expect(inspectionOf(session, pixels)).rejects.toThrow('There is no model yet to inspect an image with.');
    await expect(weightImagesOf(session)).rejects.toThrow('There is no model yet to show the weights of.');
    await session.configure(CONFIG);
    await expect(galleryOf(session, test, MISTAKES, 0)).rejects.toThrow('There is no test evaluation yet: train an epoch or press Test now.');
    await expect(galleryOf(session, undefined, MISTAKES, 0)).rejects.toThrow('The test images are not loaded yet.');
    await session.dispose();
  });

  it('are answered between training steps while the loop runs, each at the step it saw', async () => {
    const session = new TrainingSession(gpu.ctx, gpu.cache, dataset, () => {});
    await session.configure(CONFIG);
    session.train((error) => {
      throw error;
    });
    const start = session.model!.where.step;
    const steps = { inspections: [] as number[], images: [] as number[] };
    for (let i = 0; i < 4; i++) {
      const [inspection, images] = await Promise.all([inspectionOf(session, pixels), weightImagesOf(session)]);
      steps.inspections.push(inspection.step);
      steps.images.push(images.step);
      expect(images).toMatchObject({ count: 32, height: 28, width: 28 });
    }
    const end = session.model!.where.step;
    await session.pause();
    // Training went on under the requests: their steps rise with it and never run ahead of it.
    console.log(`insight requests: steps ${start}..${end}, inspections at ${steps.inspections}, weight images at ${steps.images}`);
    for (const seen of Object.values(steps)) expect(seen.every((step, i) => step >= start && step <= end && (i === 0 || step >= seen[i - 1]!))).toBe(true);
    expect(new Set(steps.images).size).toBeGreaterThan(1);
    await session.dispose();
  });

  it('page the last evaluation, at its step; a model built anew has none, and a request to the old one settles', async () => {
    const events: SessionEvent[] = [];
    const session = new TrainingSession(gpu.ctx, gpu.cache, dataset, (event) => events.push(event));
    await session.configure(CONFIG);
    for (let i = 0; i < 5; i++) await session.step();
    await session.evaluate();
    const evaluation = events.findLast((event) => event.type === 'evaluation')!;
    const page = await galleryOf(session, test, MISTAKES, 0);
    const mistakes = 10_000 - evaluation.confusion.filter((_, cell) => cell % 11 === 0).reduce((sum, count) => sum + count, 0);
    expect(page).toMatchObject({ step: 5, total: mistakes });
    expect(evaluation).toMatchObject({ step: 5 });
    const pending = inspectionOf(session, pixels);
    await session.configure({ ...CONFIG, seed: 4 });
    await pending.then(
      (inspection) => expect(inspection.step).toBe(5),
      (error: Error) => expect(error.message).toMatch(/replaced or freed/),
    );
    await expect(galleryOf(session, test, MISTAKES, 0)).rejects.toThrow('There is no test evaluation yet');
    expect((await inspectionOf(session, pixels)).step).toBe(0);
    await session.dispose();
  });
});
