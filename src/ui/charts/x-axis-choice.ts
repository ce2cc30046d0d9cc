// What the charts' x axis counts (Step | Epoch): set by the toolbar's switch, read by every training chart.
import { create } from 'zustand';
import type { XKey } from './chart-data';

export const useXAxisChoice = create<{ x: XKey }>()(() => ({ x: 'step' }));

export const setXAxisChoice = (x: XKey): void => useXAxisChoice.setState({ x });
