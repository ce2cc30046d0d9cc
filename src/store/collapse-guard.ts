// Whether a collapsing run pauses and rolls back (the default) or only warns: a choice remembered in this browser.
import { create } from 'zustand';
import { setCollapseGuard } from './actions';
import { rememberedFlag } from './remembered-flag';

const remembered = rememberedFlag('backprop-studio-pause-on-collapse', true);

export const useCollapseGuard = create<{ pause: boolean }>()(() => ({ pause: remembered.read() }));

export function setPauseOnCollapse(pause: boolean): void {
  remembered.write(pause);
  useCollapseGuard.setState({ pause });
  setCollapseGuard(pause);
}

/** Tells a newly started worker the remembered choice (it starts with pausing on). */
export function sendRememberedCollapseGuard(): void {
  if (!useCollapseGuard.getState().pause) setCollapseGuard(false);
}
