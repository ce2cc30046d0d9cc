// Dense-only views written before layer kinds, kept for their callers: the Dense layers with their input widths and places.
import type { LayerParameters } from '../../model/parameters';
import { networkLayers, type NetworkLayer } from '../../model/network';
import type { ModelSpec } from '../../model/spec';
import { shapeSize } from '../shapes';
import type { DenseLayerSpec } from './spec';

/** All Dense layers in order, the output layer included, with their input widths. */
export function denseLayers(spec: ModelSpec): { index: number; inputs: number; layer: DenseLayerSpec }[] {
  return networkLayers(spec).flatMap(({ spec: layer, place }) => (layer.kind === 'dense' ? [{ index: place.index, inputs: shapeSize(place.input), layer }] : []));
}

export interface DenseParameters {
  /** Index into the spec's layers, or spec.layers.length for the output layer. */
  layerIndex: number;
  inputs: number;
  outputs: number;
  /** W: [inputs, outputs] row-major, at this float offset. */
  weightOffset: number;
  /** b: [outputs], at this float offset. */
  biasOffset: number;
  init: DenseLayerSpec['init'];
}

/** The Dense entries of `layers` (placed by parameterLayout for `network`) as DenseParameters. */
export function denseParameters(network: readonly NetworkLayer[], layers: readonly LayerParameters[]): DenseParameters[] {
  return layers.flatMap(({ layerIndex, tensors: [weight, bias] }) => {
    const layer = network[layerIndex]!.spec;
    if (layer.kind !== 'dense') return [];
    const [inputs, outputs] = weight!.shape as [number, number];
    return [{ layerIndex, inputs, outputs, weightOffset: weight!.offset, biasOffset: bias!.offset, init: layer.init }];
  });
}
