// What is being dragged (a new layer from the palette or a layer of the network) and what dropping it does.
import type { UniqueIdentifier } from '@dnd-kit/core';
import { isLayerKind } from '../../engine/layers/registry';
import type { LayerKind } from './labels';

/** Droppable id of the network column: a new layer dropped on it (below the last card) goes at the end. */
export const NETWORK_DROP_ID = 'network';

export type DragSource = { from: 'palette'; kind: LayerKind } | { from: 'network'; layerId: string };

export type DropAction = { type: 'insert'; kind: LayerKind; index: number } | { type: 'move'; from: number; to: number };

export const paletteDragId = (kind: LayerKind) => `palette-${kind}`;

/** The drag source kept in a draggable's data, or null for anything else. */
export function dragSourceOf(data: unknown): DragSource | null {
  if (typeof data !== 'object' || data === null) return null;
  const { from, kind, layerId } = data as Record<string, unknown>;
  if (from === 'palette' && isLayerKind(kind)) return { from, kind };
  if (from === 'network' && typeof layerId === 'string') return { from, layerId };
  return null;
}

/** Where a new layer dragged over `overId` goes: before that layer, or at the end over the column; null outside. */
export function insertionIndex(overId: UniqueIdentifier | null, layerIds: readonly string[]): number | null {
  if (overId === null) return null;
  if (overId === NETWORK_DROP_ID) return layerIds.length;
  const index = layerIds.indexOf(String(overId));
  return index < 0 ? null : index;
}

/** The change a drop makes, or null when it changes nothing. */
export function dropAction(source: DragSource, overId: UniqueIdentifier | null, layerIds: readonly string[]): DropAction | null {
  if (source.from === 'palette') {
    const index = insertionIndex(overId, layerIds);
    return index === null ? null : { type: 'insert', kind: source.kind, index };
  }
  const from = layerIds.indexOf(source.layerId);
  const to = overId === null ? -1 : layerIds.indexOf(String(overId));
  return from < 0 || to < 0 || from === to ? null : { type: 'move', from, to };
}
