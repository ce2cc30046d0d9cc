// Where each layer's tensors live in the one flat parameter buffer, and their seeded initial values.
import { denseParameters, type DenseParameters } from '../layers/dense/compat';
import type { ParameterTensor } from '../layers/kind';
import type { LayerSpec } from '../layers/registry';
import { shapeSize } from '../layers/shapes';
import { createRng } from '../random';
import { networkLayers } from './network';
import type { ModelSpec } from './spec';

export type { DenseParameters } from '../layers/dense/compat';

/**
 * Tensors start on 64-float (256-byte) boundaries so each can be bound on its own:
 * WebGPU's minStorageBufferOffsetAlignment is at most 256.
 */
export const TENSOR_ALIGNMENT_FLOATS = 64;

export interface PlacedTensor extends ParameterTensor {
  /** Float offset in the flat buffer. */
  offset: number;
  /** Floats it holds: the product of its shape. */
  size: number;
}

/** One layer with parameters and its tensors, in the order its kind lists them. */
export interface LayerParameters {
  /** Index into the spec's layers, or spec.layers.length for the output layer. */
  layerIndex: number;
  kind: LayerSpec['kind'];
  tensors: PlacedTensor[];
}

export interface ParameterLayout {
  /** The layers with parameters, in network order. */
  layers: LayerParameters[];
  /** The Dense layers' view of `layers`, for callers written before layer kinds. */
  dense: DenseParameters[];
  /** Floats in the flat buffer, alignment padding included. */
  totalFloats: number;
}

const align = (floats: number): number => Math.ceil(floats / TENSOR_ALIGNMENT_FLOATS) * TENSOR_ALIGNMENT_FLOATS;

/** Every layer's tensors one after another, each on an aligned offset. */
export function parameterLayout(spec: ModelSpec): ParameterLayout {
  const network = networkLayers(spec);
  let offset = 0;
  const layers = network.flatMap(({ spec: layer, kind, place }): LayerParameters[] => {
    const tensors = kind.parameters(layer, place).map((tensor) => {
      const placed = { ...tensor, offset, size: shapeSize(tensor.shape) };
      offset = align(offset + placed.size);
      return placed;
    });
    return tensors.length === 0 ? [] : [{ layerIndex: place.index, kind: layer.kind, tensors }];
  });
  return { layers, dense: denseParameters(network, layers), totalFloats: Math.max(offset, TENSOR_ALIGNMENT_FLOATS) };
}

/** The tensors of the layer at `layerIndex`, none for a layer without parameters. */
export function layerTensors(layout: ParameterLayout, layerIndex: number): readonly PlacedTensor[] {
  return layout.layers.find((layer) => layer.layerIndex === layerIndex)?.tensors ?? [];
}

/** Initial parameters from `seed`: each tensor as its init says, uniform ones drawn in layout order; padding zero. */
export function initialParameters(layout: ParameterLayout, seed: number): Float32Array {
  const values = new Float32Array(layout.totalFloats);
  const rng = createRng(seed);
  for (const { init, offset, size } of layout.layers.flatMap((layer) => layer.tensors)) {
    if (init.kind === 'uniform') for (let i = 0; i < size; i++) values[offset + i] = (2 * rng.next() - 1) * init.limit;
  }
  return values;
}
