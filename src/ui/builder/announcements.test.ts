// unit: the words screen readers hear while dragging.
import type { Active, Over } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import type { DraftLayer } from '../../store/experiment-store';
import { builderAnnouncements } from './announcements';
import { NETWORK_DROP_ID } from './drag';

const layers: DraftLayer[] = [
  { id: 'a', kind: 'dense', units: 128, activation: 'relu', init: 'he' },
  { id: 'b', kind: 'dropout', rate: 0.2 },
  { id: 'c', kind: 'dense', units: 64, activation: 'gelu', init: 'he' },
];
const say = builderAnnouncements(layers);
const active = (data: object) => ({ id: 'x', data: { current: data }, rect: { current: { initial: null, translated: null } } }) as Active;
const over = (id: string) => ({ id, rect: { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }, disabled: false, data: { current: {} } }) as Over;
const moving = active({ from: 'network', layerId: 'a' });
const adding = active({ from: 'palette', kind: 'dropout' });

describe('builderAnnouncements', () => {
  it('names the layer picked up and where it is', () => {
    expect(say.onDragStart({ active: moving })).toBe('Picked up layer 1 (Dense 128 relu), at position 1 of 3.');
    expect(say.onDragOver({ active: moving, over: over('c') })).toBe('Layer 1 (Dense 128 relu) is at position 3 of 3.');
    expect(say.onDragEnd({ active: moving, over: over('c') })).toBe('Moved layer 1 (Dense 128 relu) to position 3 of 3.');
    expect(say.onDragEnd({ active: moving, over: over('a') })).toBe('Dropped layer 1 (Dense 128 relu). The network did not change.');
  });

  it('says where a new layer would go', () => {
    expect(say.onDragStart({ active: adding })).toMatch(/^Picked up a new Dropout layer/);
    expect(say.onDragOver({ active: adding, over: over('b') })).toBe('The new Dropout layer is at position 2, before Dropout 0.2.');
    expect(say.onDragOver({ active: adding, over: over(NETWORK_DROP_ID) })).toBe('The new Dropout layer is at position 4, just before the output layer.');
    expect(say.onDragOver({ active: adding, over: null })).toBe('The new Dropout layer is outside the network.');
    expect(say.onDragEnd({ active: adding, over: over(NETWORK_DROP_ID) })).toBe('Inserted a Dropout layer as layer 4.');
    expect(say.onDragCancel({ active: adding, over: null })).toBe('Cancelled dragging the new Dropout layer. The network did not change.');
  });
});
