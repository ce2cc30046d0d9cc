// Collision detection and keyboard movement for the builder: new layers aim between cards, moved layers swap places.
import {
  KeyboardCode,
  closestCenter,
  type Active,
  type ClientRect,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { NETWORK_DROP_ID, dragSourceOf } from './drag';

type RectMap = Map<UniqueIdentifier, ClientRect>;
type Point = { x: number; y: number };

const isPaletteDrag = (active: Active | null) => dragSourceOf(active?.data.current)?.from === 'palette';
const isLayerCard = (container: DroppableContainer) => dragSourceOf(container.data.current)?.from === 'network';
const centerY = (rect: ClientRect) => rect.top + rect.height / 2;
const contains = (rect: ClientRect, point: Point) =>
  point.x >= rect.left && point.x <= rect.right && point.y >= rect.top && point.y <= rect.bottom;

const KEY_STEP: Partial<Record<string, number>> = { [KeyboardCode.Up]: -1, [KeyboardCode.Left]: -1, [KeyboardCode.Down]: 1, [KeyboardCode.Right]: 1 };

/** The layer cards with their rects, top to bottom. */
function cardRects(containers: readonly DroppableContainer[], rects: RectMap): { id: UniqueIdentifier; rect: ClientRect }[] {
  return containers
    .filter(isLayerCard)
    .flatMap((container) => {
      const rect = rects.get(container.id);
      return rect ? [{ id: container.id, rect }] : [];
    })
    .sort((a, b) => a.rect.top - b.rect.top);
}

/**
 * A new layer is over the first card whose middle lies below the pointer (it will go before that card),
 * over the column itself when below every card's middle (it will go at the end), and over nothing outside the column.
 */
export const paletteCollision: CollisionDetection = ({ collisionRect, droppableRects, droppableContainers, pointerCoordinates }) => {
  const column = droppableRects.get(NETWORK_DROP_ID);
  const point = pointerCoordinates ?? { x: collisionRect.left + collisionRect.width / 2, y: centerY(collisionRect) };
  if (!column || !contains(column, point)) return [];
  const before = cardRects(droppableContainers, droppableRects).find(({ rect }) => centerY(rect) > point.y);
  return [{ id: before?.id ?? NETWORK_DROP_ID }];
};

/** New layers use paletteCollision; a moved layer is over the closest card. */
export const builderCollision: CollisionDetection = (args) =>
  isPaletteDrag(args.active) ? paletteCollision(args) : closestCenter({ ...args, droppableContainers: args.droppableContainers.filter(isLayerCard) });

/**
 * Keyboard movement of a new layer: the first arrow key brings it to the end of the network (above the output layer),
 * then Up/Left and Down/Right step the insertion point one gap at a time. Returns where the dragged card's top-left goes.
 */
export const paletteKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const step = KEY_STEP[event.code];
  if (step === undefined) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  const column = droppableRects.get(NETWORK_DROP_ID);
  if (!column || !collisionRect) return undefined;
  const cards = cardRects(droppableContainers.getEnabled(), droppableRects);
  const current = over === null || over.id === NETWORK_DROP_ID ? cards.length : cards.findIndex((card) => card.id === over.id);
  const gap = over === null || current < 0 ? cards.length : Math.max(0, Math.min(cards.length, current + step));
  // Gap k lies at the top edge of card k; the last gap at the bottom edge of the last card (or the column's middle).
  const last = cards.at(-1)?.rect;
  const y = cards[gap]?.rect.top ?? (last ? last.top + last.height : centerY(column));
  return { x: column.left + column.width / 2 - collisionRect.width / 2, y: y - collisionRect.height / 2 };
};

/** Keyboard movement for every drag in the builder: sortable steps for layers, gap steps for new ones. */
export const builderKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) =>
  isPaletteDrag(args.context.active) ? paletteKeyboardCoordinates(event, args) : sortableKeyboardCoordinates(event, args);
