// What the training controls ask of the worker; each is one command.
import { useAppStore } from './app-store';
import { sendCommand } from './engine-client';

export const train = (): void => sendCommand({ type: 'train' });
export const pause = (): void => sendCommand({ type: 'pause' });
export const step = (): void => sendCommand({ type: 'step' });
export const reset = (): void => sendCommand({ type: 'reset' });

/** Train when stopped, pause when training (the Space shortcut). */
export function togglePlay(): void {
  if (useAppStore.getState().training.status === 'training') pause();
  else train();
}
