// unit: where a new layer aims by pointer and by keyboard, on a laid-out column of fake rects.
import type { Active, ClientRect, DroppableContainer, Over, SensorContext, UniqueIdentifier } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { NETWORK_DROP_ID } from './drag';
import { builderCollision, paletteCollision, paletteKeyboardCoordinates } from './drag-geometry';

const rect = (left: number, top: number, width: number, height: number): ClientRect => ({ left, top, width, height, right: left + width, bottom: top + height });
const container = (id: string, data: object): DroppableContainer => ({
  id,
  key: id,
  data: { current: data },
  disabled: false,
  node: { current: null },
  rect: { current: null },
});

// A column at x 200–600; cards a, b, c at y 100–180, 200–280, 300–380; the output card below.
const column = rect(200, 0, 400, 500);
const cards = { a: rect(220, 100, 360, 80), b: rect(220, 200, 360, 80), c: rect(220, 300, 360, 80) };
const containers = [container(NETWORK_DROP_ID, {}), ...Object.keys(cards).map((id) => container(id, { sortable: {}, from: 'network', layerId: id }))];
const droppableRects = new Map<UniqueIdentifier, ClientRect>([[NETWORK_DROP_ID, column], ...Object.entries(cards)]);
const active = (data: object): Active => ({ id: 'dragged', data: { current: data }, rect: { current: { initial: null, translated: null } } });
const newDense = active({ from: 'palette', kind: 'dense' });
const aimAt = (x: number, y: number) =>
  paletteCollision({ active: newDense, collisionRect: rect(x - 50, y - 20, 100, 40), droppableRects, droppableContainers: containers, pointerCoordinates: { x, y } });

describe('paletteCollision', () => {
  it('aims before the first card whose middle is below the pointer', () => {
    expect(aimAt(400, 50)).toEqual([{ id: 'a' }]);
    expect(aimAt(400, 139)).toEqual([{ id: 'a' }]);
    expect(aimAt(400, 141)).toEqual([{ id: 'b' }]);
    expect(aimAt(400, 330)).toEqual([{ id: 'c' }]);
  });

  it('aims at the end below the last card, and at nothing outside the column', () => {
    expect(aimAt(400, 450)).toEqual([{ id: NETWORK_DROP_ID }]);
    expect(aimAt(100, 150)).toEqual([]);
    expect(aimAt(400, 520)).toEqual([]);
  });
});

describe('builderCollision', () => {
  it('lets a moved layer collide only with layer cards', () => {
    const moved = active({ sortable: {}, from: 'network', layerId: 'a' });
    const collisions = builderCollision({ active: moved, collisionRect: rect(220, 290, 360, 80), droppableRects, droppableContainers: containers, pointerCoordinates: null });
    expect(collisions[0]?.id).toBe('c');
    expect(collisions.map((collision) => collision.id)).not.toContain(NETWORK_DROP_ID);
  });
});

describe('paletteKeyboardCoordinates', () => {
  /** Presses keys on a new layer held by keyboard; returns the layer it aims before after each key. */
  function press(codes: string[]): (UniqueIdentifier | null)[] {
    let collisionRect = rect(20, 100, 160, 60); // in the palette, left of the column
    let over: Over | null = null;
    return codes.map((code) => {
      const context = {
        active: newDense,
        collisionRect,
        droppableRects,
        droppableContainers: { getEnabled: () => containers },
        over,
      } as unknown as SensorContext;
      const event = { code, preventDefault: () => {} } as KeyboardEvent;
      const to = paletteKeyboardCoordinates(event, { active: newDense.id, currentCoordinates: { x: collisionRect.left, y: collisionRect.top }, context });
      if (to) collisionRect = rect(to.x, to.y, collisionRect.width, collisionRect.height);
      const [hit] = paletteCollision({ active: newDense, collisionRect, droppableRects, droppableContainers: containers, pointerCoordinates: null });
      over = hit ? ({ id: hit.id, rect: droppableRects.get(hit.id)!, disabled: false, data: { current: {} } } as Over) : null;
      return over?.id ?? null;
    });
  }

  it('enters at the end, then steps one gap at a time and stops at either end', () => {
    expect(press(['ArrowRight', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown'])).toEqual([
      NETWORK_DROP_ID,
      'c',
      'b',
      'a',
      'a',
      'b',
      'c',
      NETWORK_DROP_ID,
      NETWORK_DROP_ID,
    ]);
  });

  it('ignores keys other than arrows', () => {
    expect(press(['KeyA'])).toEqual([null]);
  });
});
