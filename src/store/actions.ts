// What the training controls ask of the worker; each is one command.
import { sendCommand } from './engine-client';

export const train = (): void => sendCommand({ type: 'train' });
export const pause = (): void => sendCommand({ type: 'pause' });
export const step = (): void => sendCommand({ type: 'step' });
export const reset = (): void => sendCommand({ type: 'reset' });
