// Where a key moves the focus in a grid of cells laid out row by row (a roving tabindex: one tab stop, arrows inside).

export interface GridSize {
  columns: number;
  /** Cells in the grid; the last row may be short. */
  count: number;
}

/** What a key press inside a grid says. */
export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/**
 * The cell `key` moves to from cell `index` (row-major), or null when the key is not a grid key. Arrows move one
 * cell and stop at the edges; Home and End go to the row's ends, with Ctrl (or ⌘) to the grid's first and last
 * cell; Page Up and Page Down go to the column's top and bottom.
 */
export function moveInGrid(index: number, { key, ctrlKey = false, metaKey = false }: GridKey, { columns, count }: GridSize): number | null {
  const [row, column] = [Math.floor(index / columns), index % columns];
  const rowEnd = Math.min(count - 1, row * columns + columns - 1);
  const lastInColumn = column + columns * Math.floor((count - 1 - column) / columns);
  const withModifier = ctrlKey || metaKey;
  switch (key) {
    case 'ArrowLeft':
      return column > 0 ? index - 1 : index;
    case 'ArrowRight':
      return index < rowEnd ? index + 1 : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'ArrowDown':
      return index + columns < count ? index + columns : index;
    case 'Home':
      return withModifier ? 0 : row * columns;
    case 'End':
      return withModifier ? count - 1 : rowEnd;
    case 'PageUp':
      return column;
    case 'PageDown':
      return lastInColumn;
    default:
      return null;
  }
}
