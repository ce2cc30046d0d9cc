// Drag-and-drop state of the builder: what is dragged, where a new layer would go, and the DndContext props.
import { AutoScrollActivator, KeyboardSensor, PointerSensor, useSensor, useSensors, type DndContextProps } from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import type { DraftLayer } from '../../store/experiment-store';
import { builderAnnouncements, screenReaderInstructions } from './announcements';
import { dragSourceOf, dropAction, insertionIndex, type DragSource, type DropAction } from './drag';
import { builderCollision, builderKeyboardCoordinates } from './drag-geometry';

/**
 * The page scrolls only when the pointer itself is within the last few percent of the window, and slowly: with
 * dnd-kit's defaults (a fifth of the window, fast) aiming at a card low on the screen scrolled the page away.
 */
const AUTO_SCROLL = { activator: AutoScrollActivator.Pointer, threshold: { x: 0, y: 0.05 }, acceleration: 3 } as const;

export function useLayerDrag(layers: readonly DraftLayer[], onDrop: (action: DropAction) => void) {
  const [dragging, setDragging] = useState<DragSource | null>(null);
  /** Where a new layer being dragged would go, or null. */
  const [insertAt, setInsertAt] = useState<number | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: builderKeyboardCoordinates }),
  );
  const announcements = useMemo(() => builderAnnouncements(layers), [layers]);
  const ids = layers.map((layer) => layer.id);
  const endDrag = () => {
    setDragging(null);
    setInsertAt(null);
  };
  const contextProps: DndContextProps = {
    sensors,
    autoScroll: AUTO_SCROLL,
    collisionDetection: builderCollision,
    accessibility: { announcements, screenReaderInstructions },
    onDragStart: ({ active }) => setDragging(dragSourceOf(active.data.current)),
    onDragOver: ({ active, over }) => {
      if (dragSourceOf(active.data.current)?.from === 'palette') setInsertAt(insertionIndex(over?.id ?? null, ids));
    },
    onDragEnd: ({ active, over }) => {
      const source = dragSourceOf(active.data.current);
      const action = source && dropAction(source, over?.id ?? null, ids);
      endDrag();
      if (action) onDrop(action);
    },
    onDragCancel: endDrag,
  };
  return { dragging, insertAt, contextProps };
}
