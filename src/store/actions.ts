// What the UI can ask for: each action updates the store and tells the worker.
import type { TrainerConfig } from '../engine/train/trainer';
import { useAppStore } from './app-store';
import { sendCommand } from './engine-client';
import { presetConfig, type PresetName } from './presets';

/** Builds the chosen preset's model in the worker (replacing the current one). */
export function choosePreset(preset: PresetName): void {
  const { trainImages } = useAppStore.getState();
  useAppStore.setState({ preset });
  const config: TrainerConfig = presetConfig(preset, trainImages);
  sendCommand({ type: 'configure', config });
}

export const train = (): void => sendCommand({ type: 'train' });
export const pause = (): void => sendCommand({ type: 'pause' });
export const step = (): void => sendCommand({ type: 'step' });
export const reset = (): void => sendCommand({ type: 'reset' });
