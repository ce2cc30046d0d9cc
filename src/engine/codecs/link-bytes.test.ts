// unit: the byte layers under share links — strict base64url, CRC-32, the container, and bounded decompression.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { crc32 } from './crc32';
import { deflateRaw, inflateRawBounded } from './deflate';
import { packContainer, unpackContainer } from './link-container';

describe('base64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['\xfb\xff', '-_8'],
  ])('encodes %j as %j (RFC 4648 vectors, no padding) and back', (text, encoded) => {
    const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));
    expect(encodeBase64Url(bytes)).toBe(encoded);
    expect(decodeBase64Url(encoded)).toEqual({ ok: true, bytes });
  });

  it('round-trips any bytes, including long ones', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual({ ok: true, bytes });
      }),
    );
    const long = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) & 0xff);
    expect(decodeBase64Url(encodeBase64Url(long))).toEqual({ ok: true, bytes: long });
  });

  it.each([
    ['Zm9v+', "'+' at character 5"],
    ['Zm9v=', "'=' at character 5"],
    ['Zm 9v', 'whitespace at character 3'],
    ['Zm%39v', "'%' at character 3: it looks percent-encoded"],
    ['Zm9vZ', 'a length no link can have'],
    ['Zh', 'its last character is not one a link ends with'],
  ])('refuses %j (%s)', (text, message) => {
    const result = decodeBase64Url(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('link container', () => {
  it('packs JSON and weights and unpacks them, checking the checksum', () => {
    const json = new TextEncoder().encode('{"a":1}');
    const weights = Uint8Array.of(1, 2, 3);
    const container = packContainer(json, weights);
    expect(unpackContainer(container)).toEqual({ ok: true, json, weights });
    container[9] = container[9]! ^ 1;
    expect(unpackContainer(container)).toMatchObject({ ok: false, error: expect.stringContaining('checksum does not match') });
  });
});

describe('bounded inflate', () => {
  it('returns what was compressed, up to the cap', async () => {
    const bytes = new TextEncoder().encode('backprop '.repeat(1000));
    const compressed = await deflateRaw(bytes);
    expect(await inflateRawBounded(compressed, bytes.length)).toEqual({ ok: true, bytes });
    expect(await inflateRawBounded(compressed, bytes.length - 1)).toEqual({ ok: false, problem: 'too-large' });
  });

  it('tells a cut-short stream from a corrupt one', async () => {
    const compressed = await deflateRaw(new TextEncoder().encode('x'.repeat(5000) + 'y'.repeat(5000)));
    expect(await inflateRawBounded(compressed.subarray(0, compressed.length - 2), 1 << 20)).toEqual({ ok: false, problem: 'cut-short' });
    expect(await inflateRawBounded(new Uint8Array(0), 1 << 20)).toEqual({ ok: false, problem: 'cut-short' });
    expect(await inflateRawBounded(Uint8Array.of(0xff, 0xff, 0xff, 0xff), 1 << 20)).toEqual({ ok: false, problem: 'corrupt' });
  });
});
