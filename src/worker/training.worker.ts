// The training worker: owns the GPU device and the engine; the page talks to it only through messages.
/// <reference lib="webworker" />
import { fetchMnist } from '../engine/data/fetch-mnist';
import { TRAIN_COUNT, type MnistDataset } from '../engine/data/mnist';
import { browserGpu } from '../engine/gpu/browser-gpu';
import { uploadDataset } from '../engine/gpu/dataset';
import { acquireGpu, type GpuContext } from '../engine/gpu/device';
import type { GpuDataset } from '../engine/gpu/dataset';
import { GpuUnavailableError } from '../engine/gpu/errors';
import { PipelineCache } from '../engine/gpu/pipelines';
import { galleryBuffers, galleryOf, inspectionBuffers, inspectionOf, weightImageBuffers, weightImagesOf } from './insight-requests';
import type { WorkerCommand, WorkerEvent } from './protocol';
import { gatherSampleDigits } from './sample-digits';
import { TrainingSession, type SessionRecord } from './training-session';

const SAMPLE_COUNT = 32;
/** Packed training images are the largest storage binding the app needs. */
const TRAIN_IMAGE_BYTES = TRAIN_COUNT * 784;

const post = (event: WorkerEvent): void => self.postMessage(event);
const reportError = (error: unknown): void => {
  if (error instanceof GpuUnavailableError) post({ type: 'gpu-unavailable', reason: error.reason, message: error.message });
  else post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
};

let session: TrainingSession | undefined;
/** MNIST on the CPU, kept to upload again to a new device after a loss. */
let mnist: MnistDataset | undefined;
/** A lost device is replaced once; after a second loss this keeps the last checkpoint, so the weights can be saved. */
let recovered = false;
let lastRecord: SessionRecord | undefined;
/** The page's collapse guard and health-statistics switch, kept for sessions yet to come (before the dataset is ready, after a lost GPU). */
let pauseOnCollapse = true;
let healthStatistics = true;

/** A device with every error reported to the page, and a loss handled by onDeviceLost. */
async function openDevice(): Promise<GpuContext> {
  post({ type: 'progress', message: 'Requesting a WebGPU device…' });
  const ctx = await acquireGpu(browserGpu(), {
    minStorageBindingBytes: TRAIN_IMAGE_BYTES,
    onUncapturedError: (message) => post({ type: 'error', message: `WebGPU error: ${message}` }),
    onLost: onDeviceLost,
  });
  post({ type: 'gpu-ready', adapter: ctx.adapter });
  return ctx;
}

/** The dataset uploaded to `ctx` and a session training on it. */
function openSession(ctx: GpuContext, data: MnistDataset): { session: TrainingSession; dataset: GpuDataset; cache: PipelineCache } {
  const dataset = uploadDataset(ctx, data);
  const cache = new PipelineCache(ctx.device);
  const session = new TrainingSession(ctx, cache, dataset, post);
  session.setCollapseGuard(pauseOnCollapse);
  session.setHealthStatistics(healthStatistics);
  return { session, dataset, cache };
}

async function start(datasetUrl: string): Promise<void> {
  const ctx = await openDevice();
  post({ type: 'progress', message: 'Loading MNIST…' });
  mnist = await fetchMnist(datasetUrl);
  const opened = openSession(ctx, mnist);
  const samples = await gatherSampleDigits(ctx, opened.cache, opened.dataset.train, SAMPLE_COUNT);
  session = opened.session;
  const { dataset } = opened;
  post({
    type: 'dataset-ready',
    dataset: { trainCount: dataset.train.count, testCount: dataset.test.count, gpuBytes: dataset.bytes },
    samples,
  });
}

/** The GPU was lost (a driver reset, a crashed GPU process): stop using it, then start again once on a new device. */
function onDeviceLost(info: GPUDeviceLostInfo): void {
  if (info.reason === 'destroyed') return; // destroyed on purpose
  lastRecord = session?.abandon() ?? lastRecord;
  session = undefined;
  const why = info.message || 'the driver gave no reason';
  if (recovered || !mnist) {
    const step = lastRecord ? ` Save model file still saves the weights of step ${lastRecord.checkpoint.position.step}.` : '';
    post({ type: 'gpu-lost', message: `The GPU stopped working again (${why}). Reload the page to try once more.${step}` });
    return;
  }
  recovered = true;
  post({ type: 'gpu-lost', message: `The GPU was reset (${why}). Reconnecting and resuming from the last checkpoint…` });
  queue = queue.then(() => recover(mnist!)).catch(reportError);
}

async function recover(data: MnistDataset): Promise<void> {
  const next = openSession(await openDevice(), data).session;
  if (lastRecord) await next.resume(lastRecord);
  session = next;
}

/** The current weights, or after a lost GPU those of the last checkpoint. */
async function readWeights(current: TrainingSession | undefined): Promise<{ weights: Float32Array }> {
  if (current) return { weights: (await current.readWeights()).weights };
  if (lastRecord) return { weights: lastRecord.checkpoint.model.params.slice() };
  throw new Error('The GPU is not ready yet, so there is no model.');
}

async function kernelTimesOf(current: TrainingSession | undefined) {
  if (!current) throw new Error('The GPU is not ready yet, so there is nothing to time.');
  return current.timeKernels();
}

async function predict(current: TrainingSession | undefined, pixels: Float32Array): Promise<{ probabilities: number[] }> {
  if (!current) throw new Error('The GPU is not ready yet, so there is no model to predict with.');
  return { probabilities: Array.from(await current.predict(pixels)) };
}

type Answer = Extract<WorkerEvent, { requestId: number }>;
/** What a successful answer of type K carries besides its type and id. */
type AnswerBody<K extends Answer['type']> = Omit<Exclude<Extract<Answer, { type: K }>, { error: string }>, 'type' | 'requestId'>;

/** Answers a request with its result or why there is none; before the GPU is ready too, so no request waits forever. */
async function answer<K extends Answer['type']>(
  type: K,
  requestId: number,
  compute: (session: TrainingSession | undefined) => Promise<AnswerBody<K>>,
  transfer: (result: AnswerBody<K>) => Transferable[] = () => [],
): Promise<void> {
  try {
    const result = await compute(session);
    self.postMessage({ type, requestId, ...result }, transfer(result));
  } catch (error) {
    post({ type, requestId, error: error instanceof Error ? error.message : String(error) } as Answer);
  }
}

/** Carries out one command; training commands need the dataset to be on the GPU first. */
async function handle(command: WorkerCommand): Promise<void> {
  if (command.type === 'start') return start(command.datasetUrl);
  if (command.type === 'predict') return answer('prediction', command.requestId, (current) => predict(current, command.pixels));
  // The weights move to the page rather than being copied.
  if (command.type === 'read-weights') return answer('weights', command.requestId, readWeights, ({ weights }) => [weights.buffer]);
  if (command.type === 'gallery') return answer('gallery', command.requestId, (current) => galleryOf(current, mnist?.test, command.query, command.page), galleryBuffers);
  if (command.type === 'inspect') return answer('inspection', command.requestId, (current) => inspectionOf(current, command.pixels), inspectionBuffers);
  if (command.type === 'read-weight-images') return answer('weight-images', command.requestId, weightImagesOf, weightImageBuffers);
  if (command.type === 'set-health-statistics') {
    healthStatistics = command.on;
    return session?.setHealthStatistics(command.on);
  }
  if (command.type === 'set-collapse-guard') {
    pauseOnCollapse = command.pause;
    return session?.setCollapseGuard(command.pause);
  }
  if (!session) throw new Error(`The GPU is not ready yet, so "${command.type}" was ignored.`);
  switch (command.type) {
    case 'configure':
      return session.configure(command.config, command.weights);
    case 'train': {
      const current = session;
      // A loop that fails because its GPU was lost is not news: the loss itself was reported.
      return current.train((error) => current === session && reportError(error));
    }
    case 'pause':
      return session.pause();
    case 'step':
      return session.step();
    case 'reset':
      return session.reset();
    case 'undo-reset':
      return session.undoReset();
    case 'update-settings':
      return session.updateSettings(command.settings);
    case 'evaluate':
      return session.evaluate();
  }
}

// Commands run one after another, in the order sent; `train` returns once its loop has started.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (message: MessageEvent<WorkerCommand>) => {
  const command = message.data;
  // A kernel-timing request waits for a step the loop has yet to take: it is answered then, without holding the queue.
  if (command.type === 'time-kernels') void answer('kernel-times', command.requestId, kernelTimesOf);
  else queue = queue.then(() => handle(command)).catch(reportError);
};
