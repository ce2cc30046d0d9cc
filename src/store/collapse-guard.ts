// Whether a collapsing run pauses and rolls back (the default) or only warns: a choice remembered in this browser.
import { create } from 'zustand';
import { setCollapseGuard } from './actions';

const STORAGE_KEY = 'backprop-studio-pause-on-collapse';
const stored = (): boolean => typeof localStorage === 'undefined' || localStorage.getItem(STORAGE_KEY) !== 'false';

export const useCollapseGuard = create<{ pause: boolean }>()(() => ({ pause: stored() }));

export function setPauseOnCollapse(pause: boolean): void {
  localStorage.setItem(STORAGE_KEY, String(pause));
  useCollapseGuard.setState({ pause });
  setCollapseGuard(pause);
}

/** Tells a newly started worker the remembered choice (it starts with pausing on). */
export function sendRememberedCollapseGuard(): void {
  if (!useCollapseGuard.getState().pause) setCollapseGuard(false);
}
