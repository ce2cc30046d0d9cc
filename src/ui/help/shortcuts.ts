// Every keyboard shortcut and key path of the page, as data: the help sheet lists them, the controls name them.

export interface KeyHelp {
  keys: string;
  does: string;
}

export const PAGE_SHORTCUTS: readonly KeyHelp[] = [
  { keys: 'Space', does: 'Train, or pause a run' },
  { keys: '.', does: 'Train on one batch, then pause' },
  { keys: 'R', does: 'Reset to step 0 (Undo brings the run back)' },
  { keys: '?', does: 'Open this help' },
  { keys: 'Esc', does: 'Close this help; in a field, put back its value' },
];

export const FIELD_KEYS: readonly KeyHelp[] = [
  { keys: 'Enter or Tab', does: 'Apply the number typed (it also applies after a short pause in typing)' },
  { keys: 'Esc', does: 'Put back the value in use' },
];

export const BUILDER_KEYS: readonly KeyHelp[] = [
  { keys: 'Tab', does: 'Reach a layer’s drag handle or a palette item' },
  { keys: 'Space or Enter', does: 'Pick it up, then again to drop it' },
  { keys: 'Arrow keys', does: 'Move the picked-up layer' },
  { keys: 'Esc', does: 'Cancel the move' },
];

export const SHORTCUT_NOTE = 'Shortcuts work when no field or button has focus (click an empty spot of the page first).';
