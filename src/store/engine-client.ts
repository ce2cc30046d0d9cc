// Starts the training worker, sends it commands, and feeds its events into the store once per animation frame.
import type { TrainerPosition } from '../engine/train/trainer';
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { useAppStore, type AppEvent } from './app-store';

let worker: Worker | undefined;
let pending: AppEvent[] = [];
let nextRequestId = 0;
const weightRequests = new Map<number, (answer: Extract<WorkerEvent, { type: 'weights' }>) => void>();
const predictionRequests = new Map<number, (answer: Extract<WorkerEvent, { type: 'prediction' }>) => void>();

/** Applies the events received since the last frame: charts re-render at most once per frame. */
function flush(): void {
  const events = pending;
  pending = [];
  const { applyWorkerEvent } = useAppStore.getState();
  events.forEach(applyWorkerEvent);
}

function receive(event: WorkerEvent): void {
  if (event.type === 'weights') {
    weightRequests.get(event.requestId)?.(event);
    weightRequests.delete(event.requestId);
    return;
  }
  if (event.type === 'prediction') {
    predictionRequests.get(event.requestId)?.(event);
    predictionRequests.delete(event.requestId);
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

/** The model's current weights, copied from the GPU by the worker. */
export function requestWeights(): Promise<{ weights: Float32Array; position: TrainerPosition }> {
  const requestId = ++nextRequestId;
  return new Promise((resolve, reject) => {
    weightRequests.set(requestId, (answer) => ('error' in answer ? reject(new Error(answer.error)) : resolve(answer)));
    sendCommand({ type: 'read-weights', requestId });
  });
}

/** The model's class probabilities [10] for one image, pixels [784] in [0, 1] with ink high (copied to the worker). */
export function requestPrediction(pixels: Float32Array): Promise<number[]> {
  if (!worker) return Promise.reject(new Error('The training worker has not started.'));
  const requestId = ++nextRequestId;
  return new Promise((resolve, reject) => {
    predictionRequests.set(requestId, (answer) => ('error' in answer ? reject(new Error(answer.error)) : resolve(answer.probabilities)));
    sendCommand({ type: 'predict', requestId, pixels });
  });
}
