// Starts the training worker, sends it commands, and feeds its events into the store once per animation frame.
import type { GalleryPage, GalleryQuery, Inspection, WeightImages } from '../engine/insight/types';
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { useAppStore, type AppEvent } from './app-store';

/** Events that answer one request (by id) instead of changing the store. */
type Answer = Extract<WorkerEvent, { requestId: number }>;

let worker: Worker | undefined;
let pending: AppEvent[] = [];
let nextRequestId = 0;
const requests = new Map<number, (answer: Answer) => void>();

/** Applies the events received since the last frame in one store update: subscribers and charts run once a frame. */
function flush(): void {
  const events = pending;
  pending = [];
  useAppStore.getState().applyWorkerEvents(events);
}

function receive(event: WorkerEvent): void {
  if ('requestId' in event) {
    requests.get(event.requestId)?.(event);
    requests.delete(event.requestId);
    return;
  }
  if (pending.length === 0) requestAnimationFrame(flush);
  pending.push(event);
}

/** Starts the worker once; later calls do nothing. */
export function startEngine(): void {
  if (worker) return;
  worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.onmessage = (message: MessageEvent<WorkerEvent>) => receive(message.data);
  worker.onerror = (event) => receive({ type: 'error', message: `The training worker failed: ${event.message}` });
  const datasetUrl = new URL(`${import.meta.env.BASE_URL}mnist/`, window.location.href).href;
  sendCommand({ type: 'start', datasetUrl });
}

export function sendCommand(command: WorkerCommand, transfer: Transferable[] = []): void {
  worker?.postMessage(command, transfer);
}

/** A successful answer of type K. */
type Answered<K extends Answer['type']> = Exclude<Extract<Answer, { type: K }>, { error: string }>;

/** Sends a command that carries `requestId`; resolves with the worker's answer (an event of type `type`), rejects on its error. */
function request<K extends Answer['type']>(type: K, command: (requestId: number) => WorkerCommand): Promise<Answered<K>> {
  if (!worker) return Promise.reject(new Error('The training worker has not started.'));
  const requestId = ++nextRequestId;
  return new Promise((resolve, reject) => {
    // The worker answers a request with the event of its type, under the same id.
    requests.set(requestId, (answer) => ('error' in answer ? reject(new Error(answer.error)) : resolve(answer as Answered<K>)));
    sendCommand(command(requestId));
  });
}

/** The model's current weights, copied from the GPU by the worker. */
export const requestWeights = async (): Promise<Float32Array> => (await request('weights', (requestId) => ({ type: 'read-weights', requestId }))).weights;

/** The model's class probabilities [10] for one image, pixels [784] in [0, 1] with ink high (copied to the worker). */
export const requestPrediction = async (pixels: Float32Array): Promise<number[]> =>
  (await request('prediction', (requestId) => ({ type: 'predict', requestId, pixels }))).probabilities;

/** One page of the test images matching `query` in the last evaluation, with their pixels. */
export const requestGallery = (query: GalleryQuery, page: number): Promise<GalleryPage> =>
  request('gallery', (requestId) => ({ type: 'gallery', requestId, query, page }));

/** What the model makes of one image (pixels [784] in [0, 1]): probabilities, saliency, hidden activations. */
export const requestInspection = (pixels: Float32Array): Promise<Inspection> => request('inspection', (requestId) => ({ type: 'inspect', requestId, pixels }));

/** The first layer's incoming weights as one image per unit. */
export const requestWeightImages = (): Promise<WeightImages> => request('weight-images', (requestId) => ({ type: 'read-weight-images', requestId }));

/** The GPU time of each kernel of the next training step (refused when the adapter cannot time kernels or nothing trains). */
export const requestKernelTimes = () => request('kernel-times', (requestId) => ({ type: 'time-kernels', requestId }));
