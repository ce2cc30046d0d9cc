// Starts the training worker, sends it commands, and feeds its events into the store once per animation frame.
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { useAppStore } from './app-store';

let worker: Worker | undefined;
let pending: WorkerEvent[] = [];

/** Applies the events received since the last frame: charts re-render at most once per frame. */
function flush(): void {
  const events = pending;
  pending = [];
  const { applyWorkerEvent } = useAppStore.getState();
  events.forEach(applyWorkerEvent);
}

function receive(event: WorkerEvent): void {
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

export function sendCommand(command: WorkerCommand): void {
  worker?.postMessage(command);
}
