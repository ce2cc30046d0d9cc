// The trained weights as one (W, b) pair per Dense layer, taken from the flat parameter buffer and put back.
import type { ParameterLayout } from '../model/parameters';

export interface DenseTensors {
  inputs: number;
  outputs: number;
  /** W: [inputs, outputs] row-major, as in the flat buffer. */
  weight: Float32Array;
  /** b: [outputs]. */
  bias: Float32Array;
}

/** Copies of each Dense layer's W and b out of `flat` (laid out per `layout`), in layer order. */
export function extractDenseTensors(layout: ParameterLayout, flat: Float32Array): DenseTensors[] {
  if (flat.length !== layout.totalFloats) throw new RangeError(`expected ${layout.totalFloats} parameters, got ${flat.length}`);
  return layout.dense.map(({ inputs, outputs, weightOffset, biasOffset }) => ({
    inputs,
    outputs,
    weight: flat.slice(weightOffset, weightOffset + inputs * outputs),
    bias: flat.slice(biasOffset, biasOffset + outputs),
  }));
}

/** The flat buffer for `layout` holding `tensors` (one per Dense layer, in order), padding zero. */
export function assembleParameters(layout: ParameterLayout, tensors: readonly DenseTensors[]): Float32Array {
  if (tensors.length !== layout.dense.length) throw new RangeError(`expected ${layout.dense.length} Dense layers, got ${tensors.length}`);
  const flat = new Float32Array(layout.totalFloats);
  layout.dense.forEach(({ inputs, outputs, weightOffset, biasOffset }, i) => {
    const { weight, bias } = tensors[i]!;
    if (weight.length !== inputs * outputs || bias.length !== outputs) throw new RangeError(`Dense layer ${i + 1} must be ${inputs}×${outputs} with ${outputs} biases`);
    flat.set(weight, weightOffset);
    flat.set(bias, biasOffset);
  });
  return flat;
}

/** M: [rows, columns] → Mᵀ: [columns, rows]. */
export function transpose(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const result = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) result[c * rows + r] = matrix[r * columns + c]!;
  }
  return result;
}

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
