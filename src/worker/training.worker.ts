// The training worker: owns the GPU device and the engine; the page talks to it only through messages.
/// <reference lib="webworker" />
import { fetchMnist } from '../engine/data/fetch-mnist';
import { TRAIN_COUNT } from '../engine/data/mnist';
import { browserGpu } from '../engine/gpu/browser-gpu';
import { uploadDataset } from '../engine/gpu/dataset';
import { acquireGpu } from '../engine/gpu/device';
import { GpuUnavailableError } from '../engine/gpu/errors';
import { PipelineCache } from '../engine/gpu/pipelines';
import type { WorkerCommand, WorkerEvent } from './protocol';
import { gatherSampleDigits } from './sample-digits';

const SAMPLE_COUNT = 32;
/** Packed training images are the largest storage binding the app needs. */
const TRAIN_IMAGE_BYTES = TRAIN_COUNT * 784;

const post = (event: WorkerEvent): void => self.postMessage(event);

async function start(datasetUrl: string): Promise<void> {
  post({ type: 'progress', message: 'Requesting a WebGPU device…' });
  const ctx = await acquireGpu(browserGpu(), {
    minStorageBindingBytes: TRAIN_IMAGE_BYTES,
    onUncapturedError: (message) => post({ type: 'error', message: `WebGPU error: ${message}` }),
    onLost: (info) => post({ type: 'gpu-lost', message: info.message || 'The GPU device was lost.' }),
  });
  post({ type: 'gpu-ready', adapter: ctx.adapter });
  post({ type: 'progress', message: 'Loading MNIST…' });
  const dataset = uploadDataset(ctx, await fetchMnist(datasetUrl));
  const samples = await gatherSampleDigits(ctx, new PipelineCache(ctx.device), dataset.train, SAMPLE_COUNT);
  post({
    type: 'dataset-ready',
    dataset: { trainCount: dataset.train.count, testCount: dataset.test.count, gpuBytes: dataset.bytes },
    samples,
  });
}

self.onmessage = (message: MessageEvent<WorkerCommand>) => {
  const command = message.data;
  if (command.type === 'start') {
    start(command.datasetUrl).catch((error: unknown) => {
      if (error instanceof GpuUnavailableError) post({ type: 'gpu-unavailable', reason: error.reason, message: error.message });
      else post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    });
  }
};
