// Whether training records per-layer health statistics (on by default): a choice remembered in this browser.
import { create } from 'zustand';
import { sendCommand } from './engine-client';
import { rememberedFlag } from './remembered-flag';

const remembered = rememberedFlag('backprop-studio-health-statistics', true);

const useRecording = create<{ on: boolean }>()(() => ({ on: remembered.read() }));

export const useHealthStatistics = (): boolean => useRecording((state) => state.on);

export function setHealthStatistics(on: boolean): void {
  remembered.write(on);
  useRecording.setState({ on });
  sendCommand({ type: 'set-health-statistics', on });
}

/** Tells a newly started worker the remembered choice (it starts with statistics on). */
export function sendRememberedHealthStatistics(): void {
  if (!useRecording.getState().on) sendCommand({ type: 'set-health-statistics', on: false });
}
