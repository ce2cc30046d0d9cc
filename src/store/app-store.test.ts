// unit: how worker events change the app state: adapter, dataset, errors, and the run's curves across resets, undos and rollbacks.
import { describe, expect, it } from 'vitest';
import { adamExperiment } from '../../tests/fixtures/experiment';
import { reduceWorkerEvent, useAppStore, type AppEvent, type AppState } from './app-store';

const initial = (): AppState => useAppStore.getInitialState();

describe('reduceWorkerEvent', () => {
  it('records the adapter and the dataset', () => {
    const adapter = { vendor: 'v', architecture: 'a', device: '', description: '' };
    expect(reduceWorkerEvent(initial(), { type: 'gpu-ready', adapter })).toEqual({ gpu: { state: 'ready', adapter } });
    const dataset = { trainCount: 60_000, testCount: 10_000, gpuBytes: 55e6 };
    const samples = { labels: [5], pixels: new Uint8Array(784) };
    expect(reduceWorkerEvent(initial(), { type: 'dataset-ready', dataset, samples })).toMatchObject({
      dataset: { state: 'ready', summary: dataset, samples },
    });
  });

  it('turns an error during loading into a failed dataset, and a later one into a listed error', () => {
    expect(reduceWorkerEvent(initial(), { type: 'error', message: 'boom' })).toMatchObject({ dataset: { state: 'failed', message: 'boom' } });
    const loaded: AppState = { ...initial(), dataset: { state: 'ready', summary: { trainCount: 1, testCount: 1, gpuBytes: 1 }, samples: { labels: [], pixels: new Uint8Array() } } };
    expect(reduceWorkerEvent(loaded, { type: 'error', message: 'later' })).toEqual({ errors: ['later'] });
  });

  it('keeps the message when WebGPU is unavailable or lost', () => {
    expect(reduceWorkerEvent(initial(), { type: 'gpu-unavailable', reason: 'no-webgpu', message: 'use Chrome' })).toMatchObject({
      gpu: { state: 'unavailable', message: 'use Chrome' },
    });
    expect(reduceWorkerEvent(initial(), { type: 'gpu-lost', message: 'gone' })).toMatchObject({ gpu: { state: 'lost', message: 'gone' } });
  });
});

describe('the run history across resets, undos and rollbacks', () => {
  const at = (step: number) => ({ epoch: 0, epochSamples: step * 10, samples: step * 10, step });
  const metrics = (step: number): AppEvent => ({ type: 'train-metrics', step, epoch: step / 100, steps: 8, loss: 1, accuracy: 0.5, samplesPerSecond: 100, position: at(step) });
  const evaluation = (step: number): AppEvent => ({ type: 'evaluation', epoch: step / 100, step, loss: 1, accuracy: 0.5, confusion: [] });
  const status = (event: Omit<Extract<AppEvent, { type: 'status' }>, 'type'>): AppEvent => ({ type: 'status', ...event });
  const apply = (events: readonly AppEvent[], from = initial()): AppState => events.reduce<AppState>((state, event) => ({ ...state, ...reduceWorkerEvent(state, event) }), from);
  const trained = () => apply([status({ status: 'ready', position: at(0), history: 'cleared' }), metrics(8), metrics(16), evaluation(16)]);

  it('keeps the finite points when a divergence rolls back to step 0, and says what diverged', () => {
    const settings = adamExperiment({ layers: [] }, { seed: 1, trainImages: 100, batchSize: 10, learningRate: 10, epochs: 1 }).settings;
    const divergedWith = { cause: 'loss-grew' as const, step: 24, settings, rolledBackTo: 0 };
    const state = apply([status({ status: 'diverged', message: 'Training diverged.', position: at(0), divergedWith })], trained());
    expect(state.trainMetrics.map((p) => p.step)).toEqual([8, 16]);
    expect(state.evaluations).toHaveLength(1);
    expect(state.training).toEqual({ status: 'diverged', message: 'Training diverged.', position: at(0), divergedWith });
  });

  it('clears the curves on a reset and offers to undo it; the undo brings the curves back', () => {
    const before = trained();
    const reset = apply([status({ status: 'ready', position: at(0), history: 'cleared', undoReset: { step: 16 } })], before);
    expect(reset.trainMetrics).toEqual([]);
    expect(reset.evaluations).toEqual([]);
    expect(reset.resetUndo).toEqual({ step: 16, trainMetrics: before.trainMetrics, evaluations: before.evaluations, health: before.health });
    const againReset = apply([status({ status: 'ready', position: at(0), undoReset: { step: 16 } })], reset);
    expect(againReset.resetUndo).toBe(reset.resetUndo);
    const undone = apply([status({ status: 'paused', position: at(16), history: 'restored' })], againReset);
    expect(undone.trainMetrics).toBe(before.trainMetrics);
    expect(undone.evaluations).toBe(before.evaluations);
    expect(undone.resetUndo).toBeUndefined();
    expect(undone.training.position).toEqual(at(16));
  });

  it('drops the undo once the worker stops offering it (training started again), and a new model clears everything', () => {
    const reset = apply([status({ status: 'ready', position: at(0), history: 'cleared', undoReset: { step: 16 } })], trained());
    expect(apply([status({ status: 'training', position: at(0) }), metrics(8)], reset)).toMatchObject({ resetUndo: undefined, trainMetrics: [expect.objectContaining({ step: 8 })] });
    expect(apply([status({ status: 'ready', position: at(0), history: 'cleared' })], reset)).toMatchObject({ resetUndo: undefined, trainMetrics: [], evaluations: [] });
  });
});
