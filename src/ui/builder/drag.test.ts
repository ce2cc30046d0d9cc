// unit: what dropping a new or moved layer does.
import { describe, expect, it } from 'vitest';
import { NETWORK_DROP_ID, dragSourceOf, dropAction, insertionIndex } from './drag';

const ids = ['a', 'b', 'c'];

describe('dragSourceOf', () => {
  it('reads palette and network sources and rejects anything else', () => {
    expect(dragSourceOf({ from: 'palette', kind: 'dense' })).toEqual({ from: 'palette', kind: 'dense' });
    expect(dragSourceOf({ sortable: {}, from: 'network', layerId: 'a' })).toEqual({ from: 'network', layerId: 'a' });
    expect(dragSourceOf({ from: 'palette', kind: 'conv' })).toBeNull();
    expect(dragSourceOf(undefined)).toBeNull();
  });
});

describe('insertionIndex', () => {
  it('is before the layer hovered, at the end over the column, none outside', () => {
    expect(insertionIndex('a', ids)).toBe(0);
    expect(insertionIndex('c', ids)).toBe(2);
    expect(insertionIndex(NETWORK_DROP_ID, ids)).toBe(3);
    expect(insertionIndex(null, ids)).toBeNull();
    expect(insertionIndex('gone', ids)).toBeNull();
  });
});

describe('dropAction', () => {
  it('inserts a new layer where it is dropped', () => {
    expect(dropAction({ from: 'palette', kind: 'dropout' }, 'b', ids)).toEqual({ type: 'insert', kind: 'dropout', index: 1 });
    expect(dropAction({ from: 'palette', kind: 'dense' }, NETWORK_DROP_ID, [])).toEqual({ type: 'insert', kind: 'dense', index: 0 });
    expect(dropAction({ from: 'palette', kind: 'dense' }, null, ids)).toBeNull();
  });

  it('moves a layer to the place of the layer it is dropped on, and ignores drops in place or outside', () => {
    expect(dropAction({ from: 'network', layerId: 'a' }, 'c', ids)).toEqual({ type: 'move', from: 0, to: 2 });
    expect(dropAction({ from: 'network', layerId: 'c' }, 'a', ids)).toEqual({ type: 'move', from: 2, to: 0 });
    expect(dropAction({ from: 'network', layerId: 'b' }, 'b', ids)).toBeNull();
    expect(dropAction({ from: 'network', layerId: 'b' }, null, ids)).toBeNull();
    expect(dropAction({ from: 'network', layerId: 'b' }, NETWORK_DROP_ID, ids)).toBeNull();
  });
});
