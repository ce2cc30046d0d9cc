// What screen readers hear while a layer is dragged, in plain words with positions counted from 1.
import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { DraftLayer } from '../../store/experiment-store';
import { dragSourceOf, dropAction, insertionIndex, type DragSource } from './drag';
import { KIND_NAME, layerName } from './labels';

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'To pick up a layer, press Space or Enter. Use the Up and Down arrow keys to choose its place in the network. ' +
    'Press Space or Enter again to drop it there, or Escape to cancel. The Add, Move and Delete buttons do the same without dragging.',
};

/** Announcements for the current layers (ids of the network layers are their sortable ids). */
export function builderAnnouncements(layers: readonly DraftLayer[]): Announcements {
  const ids = layers.map((layer) => layer.id);
  const count = layers.length;
  const describe = (source: DragSource) => {
    if (source.from === 'palette') return `the new ${KIND_NAME[source.kind]} layer`;
    const index = ids.indexOf(source.layerId);
    return `layer ${index + 1} (${index < 0 ? 'removed' : layerName(layers[index]!)})`;
  };
  const where = (source: DragSource, overId: Parameters<typeof insertionIndex>[0]) => {
    if (source.from === 'palette') {
      const index = insertionIndex(overId, ids);
      if (index === null) return 'outside the network';
      return index === count ? `at position ${index + 1}, just before the output layer` : `at position ${index + 1}, before ${layerName(layers[index]!)}`;
    }
    const to = overId === null ? -1 : ids.indexOf(String(overId));
    return to < 0 ? 'outside the list of layers' : `at position ${to + 1} of ${count}`;
  };
  const withSource = (data: unknown, say: (source: DragSource) => string) => {
    const source = dragSourceOf(data);
    return source ? say(source) : undefined;
  };
  return {
    onDragStart: ({ active }) =>
      withSource(active.data.current, (source) =>
        source.from === 'palette'
          ? `Picked up a new ${KIND_NAME[source.kind]} layer. Press an arrow key to bring it into the network.`
          : `Picked up ${describe(source)}, at position ${ids.indexOf(source.layerId) + 1} of ${count}.`,
      ),
    onDragOver: ({ active, over }) => withSource(active.data.current, (source) => `${capitalize(describe(source))} is ${where(source, over?.id ?? null)}.`),
    onDragEnd: ({ active, over }) =>
      withSource(active.data.current, (source) => {
        const action = dropAction(source, over?.id ?? null, ids);
        if (action === null) return `Dropped ${describe(source)}. The network did not change.`;
        return action.type === 'insert'
          ? `Inserted a ${KIND_NAME[action.kind]} layer as layer ${action.index + 1}.`
          : `Moved ${describe(source)} to position ${action.to + 1} of ${count}.`;
      }),
    onDragCancel: ({ active }) => withSource(active.data.current, (source) => `Cancelled dragging ${describe(source)}. The network did not change.`),
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
