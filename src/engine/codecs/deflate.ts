// Raw DEFLATE through the standard CompressionStream / DecompressionStream, with a cap on how much may come out.

/** `bytes` compressed as raw DEFLATE (RFC 1951, no zlib or gzip wrapper). */
export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return concatenate(chunks);
}

export type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; problem: 'too-large' | 'cut-short' | 'corrupt' };

/** `bytes` decompressed, stopping as soon as the output would pass `maxBytes` (a "zip bomb" costs no more than that). */
export async function inflateRawBounded(bytes: Uint8Array, maxBytes: number): Promise<Inflated> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.length;
      if (total > maxBytes) {
        await reader.cancel();
        return { ok: false, problem: 'too-large' };
      }
      chunks.push(read.value);
    }
  } catch (error) {
    // Node says "unexpected end of file" for a stream cut short; anything else is corrupt data.
    return { ok: false, problem: /unexpected end/i.test(String(error)) ? 'cut-short' : 'corrupt' };
  }
  return { ok: true, bytes: concatenate(chunks) };
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}
