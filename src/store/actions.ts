// What the training controls ask of the worker; each is one command.
import { sendCommand } from './engine-client';

export const train = (): void => sendCommand({ type: 'train' });
export const pause = (): void => sendCommand({ type: 'pause' });
export const step = (): void => sendCommand({ type: 'step' });
export const reset = (): void => sendCommand({ type: 'reset' });
/** Puts back the model and curves from before the last reset, while the store's `resetUndo` offers it. */
export const undoReset = (): void => sendCommand({ type: 'undo-reset' });
/** Whether a collapsing loss pauses and rolls back training (true, the default) or only warns. */
export const setCollapseGuard = (pause: boolean): void => sendCommand({ type: 'set-collapse-guard', pause });
