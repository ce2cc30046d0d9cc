// Starts the training worker and feeds its events into the store.
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { useAppStore } from './app-store';

let worker: Worker | undefined;

/** Starts the worker once; later calls do nothing. */
export function startEngine(): void {
  if (worker) return;
  worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.onmessage = (message: MessageEvent<WorkerEvent>) => useAppStore.getState().applyWorkerEvent(message.data);
  worker.onerror = (event) => useAppStore.getState().applyWorkerEvent({ type: 'error', message: `The training worker failed: ${event.message}` });
  const datasetUrl = new URL(`${import.meta.env.BASE_URL}mnist/`, window.location.href).href;
  const command: WorkerCommand = { type: 'start', datasetUrl };
  worker.postMessage(command);
}
