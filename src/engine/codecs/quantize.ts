// Two compact encodings of the trained weights for share links: float16, and int8 with one float32 scale per output channel.
import { kindOf } from '../layers/registry';
import type { ParameterLayout, PlacedTensor } from '../model/parameters';
import { fromFloat16Bits, isFloat16NonFinite, toFloat16Bits } from './float16';
import { assembleTensors, readFloat32s } from './weights';

export const WEIGHT_SCHEMES = ['int8', 'float16'] as const;
export type WeightScheme = (typeof WEIGHT_SCHEMES)[number];
/** The scheme links use unless told otherwise. */
export const DEFAULT_WEIGHT_SCHEME: WeightScheme = 'int8';

/** Largest int8 magnitude used: symmetric, so -128 never occurs. */
const INT8_LEVELS = 127;

/** Channels of a per-channel tensor: the entries of its last axis (a Dense W's output units). */
const channelsOf = ({ shape }: PlacedTensor): number => shape.at(-1)!;

/**
 * Bytes per tensor, layer after layer and tensor after tensor in layout order (little-endian):
 * float16: values f16; int8: per-channel tensors scale f32 [channels] then values i8 (x ≈ q · scale[i mod channels]),
 * the others values f32. A Dense layer in int8: scale f32 [outputs], W i8 [inputs, outputs], b f32 [outputs].
 */
function tensorBytes(tensor: PlacedTensor, scheme: WeightScheme): number {
  if (scheme === 'float16') return 2 * tensor.size;
  return tensor.int8 === 'per-channel' ? 4 * channelsOf(tensor) + tensor.size : 4 * tensor.size;
}

const allTensors = (layout: ParameterLayout): PlacedTensor[] => layout.layers.flatMap((layer) => layer.tensors);

/** The exact byte length of the weights of a model with `layout` in `scheme`. */
export function quantizedByteLength(layout: ParameterLayout, scheme: WeightScheme): number {
  return allTensors(layout).reduce((sum, tensor) => sum + tensorBytes(tensor, scheme), 0);
}

/** The flat parameters (per `layout`) encoded in `scheme`. */
export function quantizeParameters(layout: ParameterLayout, flat: Float32Array, scheme: WeightScheme): Uint8Array {
  if (flat.length !== layout.totalFloats) throw new RangeError(`expected ${layout.totalFloats} parameters, got ${flat.length}`);
  const bytes = new Uint8Array(quantizedByteLength(layout, scheme));
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const tensor of allTensors(layout)) {
    const values = flat.subarray(tensor.offset, tensor.offset + tensor.size);
    if (scheme === 'float16') for (const value of values) offset = setUint16(view, offset, toFloat16Bits(value));
    else if (tensor.int8 === 'per-channel') offset = writeInt8PerChannel(view, offset, values, channelsOf(tensor));
    else for (const value of values) offset = setFloat32(view, offset, value);
  }
  return bytes;
}

function writeInt8PerChannel(view: DataView, offset: number, values: Float32Array, channels: number): number {
  const scales = int8Scales(values, channels);
  for (const scale of scales) offset = setFloat32(view, offset, scale);
  for (let i = 0; i < values.length; i++) {
    const scale = scales[i % channels]!;
    const level = scale === 0 ? 0 : Math.round(values[i]! / scale);
    view.setInt8(offset++, Math.max(-INT8_LEVELS, Math.min(INT8_LEVELS, level)));
  }
  return offset;
}

/** scale[c] = max |x| over channel c / 127, channel = index mod channels (for W: [inputs, outputs], a row of PyTorch's [out, in]). */
function int8Scales(values: Float32Array, channels: number): Float32Array {
  const maxAbs = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) maxAbs[i % channels] = Math.max(maxAbs[i % channels]!, Math.abs(values[i]!));
  return maxAbs.map((value) => value / INT8_LEVELS);
}

export type Dequantized = { ok: true; weights: Float32Array } | { ok: false; error: string };

/** The flat parameters (per `layout`) from `bytes` in `scheme`; the length must be exact and every value finite. */
export function dequantizeParameters(layout: ParameterLayout, bytes: Uint8Array, scheme: WeightScheme): Dequantized {
  const expected = quantizedByteLength(layout, scheme);
  if (bytes.length !== expected) return { ok: false, error: `expected ${expected} bytes of ${scheme} weights for this model, found ${bytes.length}` };
  const tensors: Float32Array[][] = [];
  let offset = 0;
  for (const layer of layout.layers) {
    const values: Float32Array[] = [];
    for (const tensor of layer.tensors) {
      const read = readTensor(bytes, offset, tensor, scheme);
      // Numbered as the builder and the spec's errors number layers (pools, dropouts and flattens count), the output layer last.
      if (!read.ok) return { ok: false, error: `${kindOf(layer.kind).displayName} layer ${layer.layerIndex + 1}: ${read.error}` };
      values.push(read.values);
      offset += tensorBytes(tensor, scheme);
    }
    tensors.push(values);
  }
  return { ok: true, weights: assembleTensors(layout, tensors) };
}

type TensorRead = { ok: true; values: Float32Array } | { ok: false; error: string };

function readTensor(bytes: Uint8Array, offset: number, tensor: PlacedTensor, scheme: WeightScheme): TensorRead {
  if (scheme === 'float16') return readFloat16s(bytes, offset, tensor);
  if (tensor.int8 === 'per-channel') return readInt8PerChannel(bytes, offset, tensor);
  const values = readFloat32s(bytes, offset, tensor.size);
  return values.every(Number.isFinite) ? { ok: true, values } : { ok: false, error: `a ${tensor.name} is not a finite number` };
}

function readFloat16s(bytes: Uint8Array, offset: number, { name, size }: PlacedTensor): TensorRead {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 2 * size);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const bits = view.getUint16(2 * i, true);
    if (isFloat16NonFinite(bits)) return { ok: false, error: `a ${name} is not a finite number` };
    values[i] = fromFloat16Bits(bits);
  }
  return { ok: true, values };
}

function readInt8PerChannel(bytes: Uint8Array, offset: number, tensor: PlacedTensor): TensorRead {
  const channels = channelsOf(tensor);
  const scales = readFloat32s(bytes, offset, channels);
  if (scales.some((scale) => !(scale >= 0 && scale < Infinity))) return { ok: false, error: `a ${tensor.name} scale is negative or not a finite number` };
  const levels = new Int8Array(bytes.buffer, bytes.byteOffset + offset + 4 * channels, tensor.size);
  const values = Float32Array.from(levels, (level, i) => level * scales[i % channels]!); // x ≈ q · scale[channel]
  if (values.some((value) => !Number.isFinite(value))) return { ok: false, error: `a ${tensor.name} is too large for float32` };
  return { ok: true, values };
}

const setUint16 = (view: DataView, offset: number, value: number): number => (view.setUint16(offset, value, true), offset + 2);
const setFloat32 = (view: DataView, offset: number, value: number): number => (view.setFloat32(offset, value, true), offset + 4);

export interface QuantizationError {
  scheme: WeightScheme;
  bytes: number;
  /** Over every parameter (padding excluded). */
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
  for (const { offset, size } of allTensors(layout)) {
    for (let i = offset; i < offset + size; i++) {
      const error = Math.abs(decoded.weights[i]! - flat[i]!);
      maxAbsError = Math.max(maxAbsError, error);
      squares += error * error;
    }
    count += size;
  }
  return { scheme, bytes: bytes.length, maxAbsError, rmsError: Math.sqrt(squares / Math.max(count, 1)) };
}
