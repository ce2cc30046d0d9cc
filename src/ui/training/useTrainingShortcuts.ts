// Keyboard shortcuts for training: Space train/pause, "." one step, R reset (not while typing or on a focused control).
import { useEffect } from 'react';

export interface TrainingShortcuts {
  togglePlay?: () => void;
  step?: () => void;
  reset?: () => void;
}

/** Shown in tooltips and aria-keyshortcuts. */
export const SHORTCUT_KEYS = { togglePlay: 'Space', step: '.', reset: 'R' } as const;

/** Keys on these elements belong to them (Space presses a button, types into a field, picks up a layer). */
const INTERACTIVE = 'input, select, textarea, button, a[href], [contenteditable], [role="button"], [role="slider"]';

function actionFor(event: KeyboardEvent, shortcuts: TrainingShortcuts): (() => void) | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return undefined;
  if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return undefined;
  if (event.key === ' ') return shortcuts.togglePlay;
  if (event.key === '.') return shortcuts.step;
  if (event.key === 'r' || event.key === 'R') return shortcuts.reset;
  return undefined;
}

/** Listens while mounted; a shortcut whose action is undefined (not allowed now) does nothing. */
export function useTrainingShortcuts(shortcuts: TrainingShortcuts): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = actionFor(event, shortcuts);
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts]);
}
