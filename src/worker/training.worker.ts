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
import { TrainingSession } from './training-session';

const SAMPLE_COUNT = 32;
/** Packed training images are the largest storage binding the app needs. */
const TRAIN_IMAGE_BYTES = TRAIN_COUNT * 784;

const post = (event: WorkerEvent): void => self.postMessage(event);
const reportError = (error: unknown): void => {
  if (error instanceof GpuUnavailableError) post({ type: 'gpu-unavailable', reason: error.reason, message: error.message });
  else post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
};

let session: TrainingSession | undefined;

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
  const cache = new PipelineCache(ctx.device);
  const samples = await gatherSampleDigits(ctx, cache, dataset.train, SAMPLE_COUNT);
  session = new TrainingSession(ctx, cache, dataset, post);
  post({
    type: 'dataset-ready',
    dataset: { trainCount: dataset.train.count, testCount: dataset.test.count, gpuBytes: dataset.bytes },
    samples,
  });
}

/** Answers a request with its result or why there is none; before the GPU is ready too, so no request waits forever. */
async function answer<T extends object>(
  type: 'weights' | 'prediction',
  requestId: number,
  compute: (session: TrainingSession) => Promise<T>,
  transfer: (result: T) => Transferable[] = () => [],
): Promise<void> {
  try {
    if (!session) throw new Error('The GPU is not ready yet, so there is no model.');
    const result = await compute(session);
    self.postMessage({ type, requestId, ...result }, transfer(result));
  } catch (error) {
    post({ type, requestId, error: error instanceof Error ? error.message : String(error) } as WorkerEvent);
  }
}

/** Carries out one command; training commands need the dataset to be on the GPU first. */
async function handle(command: WorkerCommand): Promise<void> {
  if (command.type === 'start') return start(command.datasetUrl);
  if (command.type === 'predict') return answer('prediction', command.requestId, async (s) => ({ probabilities: Array.from(await s.predict(command.pixels)) }));
  // The weights move to the page rather than being copied.
  if (command.type === 'read-weights') return answer('weights', command.requestId, (s) => s.readWeights(), ({ weights }) => [weights.buffer]);
  if (!session) throw new Error(`The GPU is not ready yet, so "${command.type}" was ignored.`);
  switch (command.type) {
    case 'configure':
      return session.configure(command.config, command.weights);
    case 'train':
      return session.train(reportError);
    case 'pause':
      return session.pause();
    case 'step':
      return session.step();
    case 'reset':
      return session.reset();
    case 'update-settings':
      return session.updateSettings(command.settings);
    case 'evaluate':
      return session.evaluate();
  }
}

// Commands run one after another, in the order sent; `train` returns once its loop has started.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (message: MessageEvent<WorkerCommand>) => {
  queue = queue.then(() => handle(message.data)).catch(reportError);
};
