// What the charts' x axis counts (Step | Epoch), shared by the training charts and the run comparison so one switch moves both.
import { create } from 'zustand';
import type { XKey } from './chart-data';

export const useXAxisChoice = create<{ x: XKey }>()(() => ({ x: 'step' }));

export const setXAxisChoice = (x: XKey): void => useXAxisChoice.setState({ x });
