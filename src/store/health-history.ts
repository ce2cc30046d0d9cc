// A bounded history of health windows for the store: past the cap, every other window of the older half is let go (the first stays).
import type { HealthWindow } from '../engine/health/types';

/** About 16,000 steps at 8 steps a window before the oldest windows thin out. */
export const HEALTH_WINDOW_CAP = 2_000;

/** `windows` with `window` appended, at most `cap` long: when full, the older half keeps every other window. */
export function appendHealthWindow(windows: readonly HealthWindow[], window: HealthWindow, cap = HEALTH_WINDOW_CAP): HealthWindow[] {
  if (windows.length < Math.max(cap, 4)) return [...windows, window];
  const older = Math.floor(windows.length / 2);
  return [...windows.slice(0, older).filter((_, i) => i % 2 === 0), ...windows.slice(older), window];
}
