// Where each layer's weights and bias live in the one flat parameter buffer, and their seeded initial values.
import { createRng } from '../random';
import { denseLayers, type DenseLayerSpec, type ModelSpec } from './spec';

/**
 * Tensors start on 64-float (256-byte) boundaries so each can be bound on its own:
 * WebGPU's minStorageBufferOffsetAlignment is at most 256.
 */
export const TENSOR_ALIGNMENT_FLOATS = 64;

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

export interface ParameterLayout {
  dense: DenseParameters[];
  /** Floats in the flat buffer, alignment padding included. */
  totalFloats: number;
}

const align = (floats: number): number => Math.ceil(floats / TENSOR_ALIGNMENT_FLOATS) * TENSOR_ALIGNMENT_FLOATS;

export function parameterLayout(spec: ModelSpec): ParameterLayout {
  let offset = 0;
  const dense = denseLayers(spec).map(({ index, inputs, layer }) => {
    const weightOffset = offset;
    const biasOffset = align(weightOffset + inputs * layer.units);
    offset = align(biasOffset + layer.units);
    return { layerIndex: index, inputs, outputs: layer.units, weightOffset, biasOffset, init: layer.init };
  });
  return { dense, totalFloats: Math.max(offset, TENSOR_ALIGNMENT_FLOATS) };
}

/**
 * Initial parameters from `seed`: weights uniform in ±limit with He (√(6/fan_in)) or
 * Glorot (√(6/(fan_in+fan_out))) limits, biases and padding zero.
 */
export function initialParameters(layout: ParameterLayout, seed: number): Float32Array {
  const values = new Float32Array(layout.totalFloats);
  const rng = createRng(seed);
  for (const { inputs, outputs, weightOffset, init } of layout.dense) {
    const limit = init === 'he' ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + outputs));
    for (let i = 0; i < inputs * outputs; i++) values[weightOffset + i] = (2 * rng.next() - 1) * limit;
  }
  return values;
}
