// Unit tier: arrow keys, Home/End (with and without Ctrl) and Page Up/Down in a full grid and in one with a short last row.
import { describe, expect, it } from 'vitest';
import { moveInGrid } from './grid-navigation';

const TEN_BY_TEN = { columns: 10, count: 100 };
// 4 columns, 10 cells: rows [0 1 2 3] [4 5 6 7] [8 9].
const SHORT_LAST_ROW = { columns: 4, count: 10 };

describe('moveInGrid', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveInGrid(44, { key: 'ArrowLeft' }, TEN_BY_TEN)).toBe(43);
    expect(moveInGrid(44, { key: 'ArrowRight' }, TEN_BY_TEN)).toBe(45);
    expect(moveInGrid(44, { key: 'ArrowUp' }, TEN_BY_TEN)).toBe(34);
    expect(moveInGrid(44, { key: 'ArrowDown' }, TEN_BY_TEN)).toBe(54);
    expect(moveInGrid(40, { key: 'ArrowLeft' }, TEN_BY_TEN)).toBe(40);
    expect(moveInGrid(49, { key: 'ArrowRight' }, TEN_BY_TEN)).toBe(49);
    expect(moveInGrid(4, { key: 'ArrowUp' }, TEN_BY_TEN)).toBe(4);
    expect(moveInGrid(94, { key: 'ArrowDown' }, TEN_BY_TEN)).toBe(94);
  });

  it('goes to the ends of the row with Home and End, and of the grid with Ctrl or ⌘', () => {
    expect(moveInGrid(44, { key: 'Home' }, TEN_BY_TEN)).toBe(40);
    expect(moveInGrid(44, { key: 'End' }, TEN_BY_TEN)).toBe(49);
    expect(moveInGrid(44, { key: 'Home', ctrlKey: true }, TEN_BY_TEN)).toBe(0);
    expect(moveInGrid(44, { key: 'End', metaKey: true }, TEN_BY_TEN)).toBe(99);
  });

  it('goes to the top and bottom of the column with Page Up and Page Down', () => {
    expect(moveInGrid(44, { key: 'PageUp' }, TEN_BY_TEN)).toBe(4);
    expect(moveInGrid(44, { key: 'PageDown' }, TEN_BY_TEN)).toBe(94);
  });

  it('never leaves the cells of a short last row', () => {
    expect(moveInGrid(6, { key: 'ArrowDown' }, SHORT_LAST_ROW)).toBe(6);
    expect(moveInGrid(5, { key: 'ArrowDown' }, SHORT_LAST_ROW)).toBe(9);
    expect(moveInGrid(9, { key: 'ArrowRight' }, SHORT_LAST_ROW)).toBe(9);
    expect(moveInGrid(8, { key: 'End' }, SHORT_LAST_ROW)).toBe(9);
    expect(moveInGrid(2, { key: 'PageDown' }, SHORT_LAST_ROW)).toBe(6);
    expect(moveInGrid(1, { key: 'PageDown' }, SHORT_LAST_ROW)).toBe(9);
    expect(moveInGrid(3, { key: 'End', ctrlKey: true }, SHORT_LAST_ROW)).toBe(9);
  });

  it('moves along a single row, where up and down stay put', () => {
    const strip = { columns: 128, count: 128 };
    expect(moveInGrid(0, { key: 'ArrowRight' }, strip)).toBe(1);
    expect(moveInGrid(5, { key: 'ArrowUp' }, strip)).toBe(5);
    expect(moveInGrid(5, { key: 'End' }, strip)).toBe(127);
  });

  it('leaves other keys to the page', () => {
    expect(moveInGrid(44, { key: 'Enter' }, TEN_BY_TEN)).toBeNull();
    expect(moveInGrid(44, { key: 'a' }, TEN_BY_TEN)).toBeNull();
  });
});
