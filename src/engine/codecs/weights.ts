// The trained weights as each layer's tensors, taken from the flat parameter buffer and put back, and reordered for PyTorch.
import type { ParameterLayout } from '../model/parameters';

/** Copies of each layer's tensors out of `flat` (laid out per `layout`): per layer with parameters, per tensor, in order. */
export function extractTensors(layout: ParameterLayout, flat: Float32Array): Float32Array[][] {
  if (flat.length !== layout.totalFloats) throw new RangeError(`expected ${layout.totalFloats} parameters, got ${flat.length}`);
  return layout.layers.map(({ tensors }) => tensors.map(({ offset, size }) => flat.slice(offset, offset + size)));
}

/** The flat buffer for `layout` holding `tensors` (as extractTensors gives them), padding zero. */
export function assembleTensors(layout: ParameterLayout, tensors: readonly (readonly Float32Array[])[]): Float32Array {
  const flat = new Float32Array(layout.totalFloats);
  layout.layers.forEach((layer, i) => layer.tensors.forEach(({ offset }, t) => flat.set(tensors[i]![t]!, offset)));
  return flat;
}

/** Dense layer tensors, as callers written before layer kinds hold them. */
export interface DenseTensors {
  inputs: number;
  outputs: number;
  /** W: [inputs, outputs] row-major, as in the flat buffer. */
  weight: Float32Array;
  /** b: [outputs]. */
  bias: Float32Array;
}

/** Copies of each Dense layer's W and b out of `flat`, in layer order (a layout of Dense layers only). */
export function extractDenseTensors(layout: ParameterLayout, flat: Float32Array): DenseTensors[] {
  return extractTensors(layout, flat).map(([weight, bias], i) => ({ inputs: layout.dense[i]!.inputs, outputs: layout.dense[i]!.outputs, weight: weight!, bias: bias! }));
}

/** The flat buffer for `layout` (Dense layers only) holding `tensors`, one per Dense layer in order, padding zero. */
export function assembleParameters(layout: ParameterLayout, tensors: readonly DenseTensors[]): Float32Array {
  if (tensors.length !== layout.dense.length) throw new RangeError(`expected ${layout.dense.length} Dense layers, got ${tensors.length}`);
  layout.dense.forEach(({ inputs, outputs }, i) => {
    const { weight, bias } = tensors[i]!;
    if (weight.length !== inputs * outputs || bias.length !== outputs) throw new RangeError(`Dense layer ${i + 1} must be ${inputs}×${outputs} with ${outputs} biases`);
  });
  return assembleTensors(layout, tensors.map(({ weight, bias }) => [weight, bias]));
}

/** `values` of row-major `shape` with its axes reordered: axis i of the result is axis `axes[i]` of `values`. */
export function permuteAxes(values: Float32Array, shape: readonly number[], axes: readonly number[]): Float32Array {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, size) => product * size, 1));
  const sizes = axes.map((axis) => shape[axis]!);
  const steps = axes.map((axis) => strides[axis]!); // how far in `values` one step along each result axis goes
  const position = sizes.map(() => 0);
  const result = new Float32Array(values.length);
  let source = 0;
  for (let i = 0; i < result.length; i++) {
    result[i] = values[source]!;
    for (let axis = sizes.length - 1; axis >= 0; axis--) {
      if (++position[axis]! < sizes[axis]!) {
        source += steps[axis]!;
        break;
      }
      position[axis] = 0;
      source -= steps[axis]! * (sizes[axis]! - 1);
    }
  }
  return result;
}

/** The order that undoes `axes` in permuteAxes. */
export const inverseAxes = (axes: readonly number[]): number[] => axes.map((_, axis) => axes.indexOf(axis));

/** M: [rows, columns] → Mᵀ: [columns, rows]. */
export const transpose = (matrix: Float32Array, rows: number, columns: number): Float32Array => permuteAxes(matrix, [rows, columns], [1, 0]);

/** Index of the first NaN or ±Infinity in `values`, or -1 when all are finite. */
export function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

/** `count` little-endian float32 values from `bytes` at `byteOffset` (which need not be 4-aligned). */
export function readFloat32s(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, 4 * count);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(4 * i, true);
  return values;
}
