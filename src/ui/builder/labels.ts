// Names people and assistive technology see: layer names from the registry, and every control's accessible name.
import type { LayerField } from '../../engine/layers/fields';
import { kindOf, LAYER_KINDS } from '../../engine/layers/registry';
import type { LayerSpec } from '../../engine/model/spec';

export type LayerKind = LayerSpec['kind'];

export const KIND_NAME = Object.fromEntries(LAYER_KINDS.map(({ kind, displayName }) => [kind, displayName])) as Record<LayerKind, string>;

/** A short name for a layer as it stands, e.g. "Dense 64 relu", "Dropout 0.2" ("?" for a value that is not a number yet). */
export function layerName(layer: LayerSpec): string {
  return kindOf(layer.kind)
    .name(layer, 'hidden')
    .replace(/-?Infinity|NaN/g, '?');
}

/** Accessible names of the builder's controls; `n` is the 1-based position among the hidden layers. */
export const controlLabel = {
  dragLayer: (n: number, layer: LayerSpec) => `Drag layer ${n} (${layerName(layer)})`,
  field: (n: number, field: LayerField) => `${field.spokenLabel ?? field.label} of layer ${n}`,
  remove: (n: number) => `Delete layer ${n}`,
  moveUp: (n: number) => `Move layer ${n} up`,
  moveDown: (n: number) => `Move layer ${n} down`,
  add: (kind: LayerKind) => `Add ${KIND_NAME[kind]} layer`,
  dragNew: (kind: LayerKind) => `Drag a new ${KIND_NAME[kind]} layer into the network`,
};
