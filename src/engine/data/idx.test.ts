// unit: the IDX parser accepts exact files and names the problem in bad ones.
import { describe, expect, it } from 'vitest';
import { IdxFormatError, parseIdx } from './idx';

/** An unsigned-byte IDX file with the given dimensions and values 0, 1, 2, … */
function idxFile(dims: number[], extraBytes = 0): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(4 + 4 * dims.length + count + extraBytes);
  const view = new DataView(bytes.buffer);
  view.setUint8(2, 0x08);
  view.setUint8(3, dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < count; i++) bytes[4 + 4 * dims.length + i] = i % 256;
  return bytes;
}

describe('parseIdx', () => {
  it('returns dimensions and a view of the values', () => {
    const { dims, data } = parseIdx('x', idxFile([3, 2, 2]), [3, 2, 2]);
    expect(dims).toEqual([3, 2, 2]);
    expect(Array.from(data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it.each([
    ['an empty file', new Uint8Array(0), /x: truncated: 0 bytes/],
    ['a foreign magic number', Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0), /x: not an unsigned-byte IDX file \(magic 0x1f8b0800/],
    ['a float IDX file', Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0), /not an unsigned-byte IDX file/],
    ['zero dimensions', Uint8Array.of(0, 0, 8, 0), /unsupported number of dimensions 0/],
    ['a truncated header', Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 1), /truncated header: 8 of 16 bytes/],
    ['truncated data', idxFile([4, 4]).subarray(0, 20), /truncated: 20 bytes, expected exactly 28/],
    ['trailing bytes', idxFile([4, 4], 3), /trailing bytes: 31 bytes, expected exactly 28/],
  ])('rejects %s with a specific error', (_, bytes, message) => {
    expect(() => parseIdx('x', bytes)).toThrow(IdxFormatError);
    expect(() => parseIdx('x', bytes)).toThrow(message);
  });

  it('rejects dimensions other than the expected ones', () => {
    expect(() => parseIdx('labels', idxFile([5]), [6])).toThrow('labels: dimensions 5, expected 6');
    expect(() => parseIdx('images', idxFile([2, 3]), [2, 3, 1])).toThrow('images: dimensions 2×3, expected 2×3×1');
  });
});
