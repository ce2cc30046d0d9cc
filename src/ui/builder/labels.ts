// Names people and assistive technology see: layer names, activation names, and every control's accessible name.
import type { Activation } from '../../engine/activations';
import type { LayerSpec } from '../../engine/model/spec';

export type LayerKind = LayerSpec['kind'];

export const KIND_NAME: Record<LayerKind, string> = { dense: 'Dense', dropout: 'Dropout' };

export const ACTIVATION_NAME: Record<Activation, string> = {
  relu: 'ReLU',
  leaky_relu: 'leaky ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  gelu: 'GELU',
  linear: 'linear',
};

export const INIT_NAME = { he: 'He', glorot: 'Glorot' } as const;

/** A short name for a layer as it stands, e.g. "Dense 64 relu", "Dropout 0.2" ("?" for a value that is not a number yet). */
export function layerName(layer: LayerSpec): string {
  const shown = (value: number) => (Number.isFinite(value) ? String(value) : '?');
  return layer.kind === 'dense' ? `Dense ${shown(layer.units)} ${layer.activation}` : `Dropout ${shown(layer.rate)}`;
}

/** Accessible names of the builder's controls; `n` is the 1-based position among the hidden layers. */
export const controlLabel = {
  dragLayer: (n: number, layer: LayerSpec) => `Drag layer ${n} (${layerName(layer)})`,
  units: (n: number) => `Units of layer ${n}`,
  activation: (n: number) => `Activation of layer ${n}`,
  init: (n: number) => `Initialization of layer ${n}`,
  rate: (n: number) => `Dropout rate of layer ${n}`,
  remove: (n: number) => `Delete layer ${n}`,
  moveUp: (n: number) => `Move layer ${n} up`,
  moveDown: (n: number) => `Move layer ${n} down`,
  add: (kind: LayerKind) => `Add ${KIND_NAME[kind]} layer`,
  dragNew: (kind: LayerKind) => `Drag a new ${KIND_NAME[kind]} layer into the network`,
};
