// Parses IDX files (the MNIST container format): magic number, dimensions, exact byte size.

/** IDX holding unsigned bytes: magic 0x00 0x00 0x08 then the number of dimensions. */
const UBYTE_TYPE = 0x08;

export class IdxFormatError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'IdxFormatError';
  }
}

export interface IdxArray {
  dims: number[];
  /** The values, a view into the input (no copy). */
  data: Uint8Array;
}

/** Parses an unsigned-byte IDX file; `expectedDims` (if given) must match exactly. */
export function parseIdx(file: string, bytes: Uint8Array, expectedDims?: readonly number[]): IdxArray {
  if (bytes.byteLength < 4) throw new IdxFormatError(file, `truncated: ${bytes.byteLength} bytes, too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0 || view.getUint8(2) !== UBYTE_TYPE) {
    const magic = view.getUint32(0).toString(16).padStart(8, '0');
    throw new IdxFormatError(file, `not an unsigned-byte IDX file (magic 0x${magic}, expected 0x000008nn)`);
  }
  const rank = view.getUint8(3);
  if (rank < 1 || rank > 4) throw new IdxFormatError(file, `unsupported number of dimensions ${rank}`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.byteLength < headerBytes) throw new IdxFormatError(file, `truncated header: ${bytes.byteLength} of ${headerBytes} bytes`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  if (expectedDims && (dims.length !== expectedDims.length || dims.some((d, i) => d !== expectedDims[i]))) {
    throw new IdxFormatError(file, `dimensions ${dims.join('×')}, expected ${expectedDims.join('×')}`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const expectedBytes = headerBytes + count;
  if (bytes.byteLength !== expectedBytes) {
    const what = bytes.byteLength < expectedBytes ? 'truncated' : 'trailing bytes';
    throw new IdxFormatError(file, `${what}: ${bytes.byteLength} bytes, expected exactly ${expectedBytes}`);
  }
  return { dims, data: bytes.subarray(headerBytes) };
}
