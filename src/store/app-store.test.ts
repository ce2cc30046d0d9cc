// unit: how worker events change the app state.
import { describe, expect, it } from 'vitest';
import { reduceWorkerEvent, useAppStore, type AppState } from './app-store';

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
