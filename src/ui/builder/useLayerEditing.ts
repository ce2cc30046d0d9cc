// The builder's button actions (add, move, delete) with focus kept in place and a spoken confirmation of each.
import { useCallback, useRef, useState } from 'react';
import { useExperimentStore, type DraftLayer } from '../../store/experiment-store';
import { KIND_NAME, layerName, type LayerKind } from './labels';

export function useLayerEditing(layers: readonly DraftLayer[]) {
  const insertLayer = useExperimentStore((state) => state.insertLayer);
  const moveLayer = useExperimentStore((state) => state.moveLayer);
  const removeLayer = useExperimentStore((state) => state.removeLayer);
  /** The selected layer (focused last, while focus stays in the builder): Add puts new layers after it, else at the end. */
  const [anchorId, setAnchorId] = useState<string | null>(null);
  /** The last action, for a polite live region. */
  const [message, setMessage] = useState('');
  const handles = useRef(new Map<string, HTMLElement>());
  const firstAdd = useRef<HTMLButtonElement>(null);
  const anchorIndex = anchorId === null ? -1 : layers.findIndex((layer) => layer.id === anchorId);

  /** Inserts a layer and makes it the anchor, so repeated adds keep their order; returns its 1-based position. */
  const insert = (kind: LayerKind, index: number): number | null => {
    const before = useExperimentStore.getState().layers.length;
    insertLayer(kind, index);
    const after = useExperimentStore.getState().layers;
    if (after.length === before) return null;
    const at = Math.max(0, Math.min(index, before));
    setAnchorId(after[at]!.id);
    return at + 1;
  };
  const add = (kind: LayerKind) => {
    const position = insert(kind, anchorIndex < 0 ? layers.length : anchorIndex + 1);
    if (position !== null) setMessage(`Added a ${KIND_NAME[kind]} layer as layer ${position}.`);
  };
  const move = (index: number, delta: -1 | 1) => {
    moveLayer(index, index + delta);
    setMessage(`Moved layer ${index + 1} (${layerName(layers[index]!)}) to position ${index + delta + 1}.`);
  };
  /** Deletes a layer and moves focus to the drag handle of the layer now in its place (or Add when none is left). */
  const remove = (index: number) => {
    const layer = layers[index]!;
    const neighbour = layers[index + 1] ?? layers[index - 1];
    removeLayer(layer.id);
    setMessage(`Deleted layer ${index + 1} (${layerName(layer)}).`);
    (neighbour ? handles.current.get(neighbour.id) : firstAdd.current)?.focus();
  };
  const registerHandle = useCallback((id: string, element: HTMLElement | null) => {
    if (element) handles.current.set(id, element);
    else handles.current.delete(id);
  }, []);

  return { anchorIndex, setAnchorId, message, firstAdd, insert, add, move, moveLayer, remove, registerHandle };
}
