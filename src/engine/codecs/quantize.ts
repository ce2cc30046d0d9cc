// Two compact encodings of the trained weights for share links: float16, and int8 with one float32 scale per output unit.
import type { ParameterLayout } from '../model/parameters';
import { fromFloat16Bits, isFloat16NonFinite, toFloat16Bits } from './float16';
import { assembleParameters, extractDenseTensors, readFloat32s, type DenseTensors } from './weights';

export const WEIGHT_SCHEMES = ['int8', 'float16'] as const;
export type WeightScheme = (typeof WEIGHT_SCHEMES)[number];
/** The scheme links use unless told otherwise. */
export const DEFAULT_WEIGHT_SCHEME: WeightScheme = 'int8';

/** Largest int8 magnitude used: symmetric, so -128 never occurs. */
const INT8_LEVELS = 127;

/**
 * Bytes per Dense layer (little-endian):
 * float16: W f16 [inputs, outputs], b f16 [outputs];
 * int8: scale f32 [outputs], W i8 [inputs, outputs] (W ≈ q · scale[column]), b f32 [outputs].
 */
function layerBytes(inputs: number, outputs: number, scheme: WeightScheme): number {
  return scheme === 'float16' ? 2 * (inputs * outputs + outputs) : inputs * outputs + 8 * outputs;
}

/** The exact byte length of the weights of a model with `layout` in `scheme`. */
export function quantizedByteLength(layout: ParameterLayout, scheme: WeightScheme): number {
  return layout.dense.reduce((sum, { inputs, outputs }) => sum + layerBytes(inputs, outputs, scheme), 0);
}

/** The flat parameters (per `layout`) encoded in `scheme`. */
export function quantizeParameters(layout: ParameterLayout, flat: Float32Array, scheme: WeightScheme): Uint8Array {
  const bytes = new Uint8Array(quantizedByteLength(layout, scheme));
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const tensors of extractDenseTensors(layout, flat)) {
    offset = scheme === 'float16' ? writeFloat16Layer(view, offset, tensors) : writeInt8Layer(view, offset, tensors);
  }
  return bytes;
}

function writeFloat16Layer(view: DataView, offset: number, { weight, bias }: DenseTensors): number {
  for (const values of [weight, bias]) {
    for (const value of values) offset = setUint16(view, offset, toFloat16Bits(value));
  }
  return offset;
}

function writeInt8Layer(view: DataView, offset: number, { inputs, outputs, weight, bias }: DenseTensors): number {
  const scales = int8Scales(weight, inputs, outputs);
  for (const scale of scales) offset = setFloat32(view, offset, scale);
  for (let i = 0; i < inputs * outputs; i++) {
    const scale = scales[i % outputs]!;
    const level = scale === 0 ? 0 : Math.round(weight[i]! / scale);
    view.setInt8(offset++, Math.max(-INT8_LEVELS, Math.min(INT8_LEVELS, level)));
  }
  for (const value of bias) offset = setFloat32(view, offset, value);
  return offset;
}

/** scale[j] = max_i |W[i, j]| / 127 for W: [inputs, outputs]: one scale per output unit (a row of PyTorch's [out, in]). */
function int8Scales(weight: Float32Array, inputs: number, outputs: number): Float32Array {
  const maxAbs = new Float32Array(outputs);
  for (let i = 0; i < inputs * outputs; i++) maxAbs[i % outputs] = Math.max(maxAbs[i % outputs]!, Math.abs(weight[i]!));
  return maxAbs.map((value) => value / INT8_LEVELS);
}

export type Dequantized = { ok: true; weights: Float32Array } | { ok: false; error: string };

/** The flat parameters (per `layout`) from `bytes` in `scheme`; the length must be exact and every value finite. */
export function dequantizeParameters(layout: ParameterLayout, bytes: Uint8Array, scheme: WeightScheme): Dequantized {
  const expected = quantizedByteLength(layout, scheme);
  if (bytes.length !== expected) return { ok: false, error: `expected ${expected} bytes of ${scheme} weights for this model, found ${bytes.length}` };
  const tensors: DenseTensors[] = [];
  let offset = 0;
  for (const [index, { inputs, outputs }] of layout.dense.entries()) {
    const read = scheme === 'float16' ? readFloat16Layer(bytes, offset, inputs, outputs) : readInt8Layer(bytes, offset, inputs, outputs);
    if (!read.ok) return { ok: false, error: `Dense layer ${index + 1}: ${read.error}` };
    tensors.push(read.tensors);
    offset += layerBytes(inputs, outputs, scheme);
  }
  return { ok: true, weights: assembleParameters(layout, tensors) };
}

type LayerRead = { ok: true; tensors: DenseTensors } | { ok: false; error: string };

function readFloat16Layer(bytes: Uint8Array, offset: number, inputs: number, outputs: number): LayerRead {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, layerBytes(inputs, outputs, 'float16'));
  const values = new Float32Array(inputs * outputs + outputs);
  for (let i = 0; i < values.length; i++) {
    const bits = view.getUint16(2 * i, true);
    if (isFloat16NonFinite(bits)) return { ok: false, error: `${i < inputs * outputs ? 'a weight' : 'a bias'} is not a finite number` };
    values[i] = fromFloat16Bits(bits);
  }
  return { ok: true, tensors: { inputs, outputs, weight: values.subarray(0, inputs * outputs), bias: values.subarray(inputs * outputs) } };
}

function readInt8Layer(bytes: Uint8Array, offset: number, inputs: number, outputs: number): LayerRead {
  const scales = readFloat32s(bytes, offset, outputs);
  const levels = new Int8Array(bytes.buffer, bytes.byteOffset + offset + 4 * outputs, inputs * outputs);
  const bias = readFloat32s(bytes, offset + 4 * outputs + inputs * outputs, outputs);
  if (scales.some((scale) => !(scale >= 0 && scale < Infinity))) return { ok: false, error: 'a weight scale is negative or not a finite number' };
  if (bias.some((value) => !Number.isFinite(value))) return { ok: false, error: 'a bias is not a finite number' };
  const weight = Float32Array.from(levels, (level, i) => level * scales[i % outputs]!); // W ≈ q · scale[column]
  if (weight.some((value) => !Number.isFinite(value))) return { ok: false, error: 'a weight is too large for float32' };
  return { ok: true, tensors: { inputs, outputs, weight, bias } };
}

const setUint16 = (view: DataView, offset: number, value: number): number => (view.setUint16(offset, value, true), offset + 2);
const setFloat32 = (view: DataView, offset: number, value: number): number => (view.setFloat32(offset, value, true), offset + 4);

export interface QuantizationError {
  scheme: WeightScheme;
  bytes: number;
  /** Over every weight and bias (padding excluded). */
  maxAbsError: number;
  rmsError: number;
}

/** How far `flat` moves when encoded in `scheme` and decoded again, and how many bytes it takes. */
export function measureQuantization(layout: ParameterLayout, flat: Float32Array, scheme: WeightScheme): QuantizationError {
  const bytes = quantizeParameters(layout, flat, scheme);
  const decoded = dequantizeParameters(layout, bytes, scheme);
  if (!decoded.ok) throw new RangeError(`the weights cannot be encoded as ${scheme}: ${decoded.error}`);
  let maxAbsError = 0;
  let squares = 0;
  let count = 0;
  const original = extractDenseTensors(layout, flat);
  extractDenseTensors(layout, decoded.weights).forEach(({ weight, bias }, layer) => {
    const reference = original[layer]!;
    for (const [values, expected] of [[weight, reference.weight], [bias, reference.bias]] as const) {
      for (let i = 0; i < values.length; i++) {
        const error = Math.abs(values[i]! - expected[i]!);
        maxAbsError = Math.max(maxAbsError, error);
        squares += error * error;
      }
      count += values.length;
    }
  });
  return { scheme, bytes: bytes.length, maxAbsError, rmsError: Math.sqrt(squares / Math.max(count, 1)) };
}
