// Reading a safetensors header from untrusted bytes: length, JSON, string metadata, and F32 tensors that tile the data exactly.
import { z } from 'zod';
import { parseUntrusted, quoteKey } from './experiment';

/** Our headers are a few KiB; the format itself allows 100 MB, which no model of this app needs. */
export const MAX_HEADER_BYTES = 1024 * 1024;
const LENGTH_BYTES = 8;
const F32_BYTES = 4;

export interface HeaderEntry {
  shape: number[];
  /** Byte range in the data section (after the header). */
  begin: number;
  end: number;
}

export type HeaderRead =
  | { ok: true; entries: Map<string, HeaderEntry>; metadata?: Map<string, string>; dataOffset: number }
  | { ok: false; error: string };

const MAX_DIMENSIONS = 8;
const index = z.number().int().min(0);
const entrySchema = z.strictObject({
  dtype: z.string(),
  shape: z.array(index).max(MAX_DIMENSIONS),
  data_offsets: z.tuple([index, index]),
});

/** The tensor table and metadata of a .safetensors file, checked against the format (not yet against a model). */
export function safetensorsHeaderEntries(bytes: Uint8Array): HeaderRead {
  const header = readHeaderJson(bytes);
  if (!header.ok) return header;
  const entries = new Map<string, HeaderEntry>();
  let metadata: Map<string, string> | undefined;
  for (const name of Object.keys(header.json)) {
    const value: unknown = header.json[name];
    if (name === '__metadata__') {
      const read = readMetadata(value);
      if (!read.ok) return read;
      metadata = read.metadata;
      continue;
    }
    const entry = readEntry(name, value);
    if (!entry.ok) return entry;
    entries.set(name, entry.entry);
  }
  const tiled = checkTiling(entries, bytes.length - header.dataOffset);
  if (!tiled.ok) return tiled;
  return { ok: true, entries, ...(metadata === undefined ? {} : { metadata }), dataOffset: header.dataOffset };
}

function readHeaderJson(bytes: Uint8Array): { ok: true; json: Record<string, unknown>; dataOffset: number } | { ok: false; error: string } {
  if (bytes.length < LENGTH_BYTES) return { ok: false, error: `The model file is ${bytes.length} bytes long, too short to be a safetensors file.` };
  const length = new DataView(bytes.buffer, bytes.byteOffset, LENGTH_BYTES).getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) return { ok: false, error: `The model file's header length is ${length} bytes, more than the ${MAX_HEADER_BYTES} allowed (is it a safetensors file?).` };
  if (Number(length) > bytes.length - LENGTH_BYTES) return { ok: false, error: `The model file is cut short: its header should be ${length} bytes, but only ${bytes.length - LENGTH_BYTES} follow.` };
  const dataOffset = LENGTH_BYTES + Number(length);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(LENGTH_BYTES, dataOffset)));
  } catch {
    return { ok: false, error: "The model file's header is not valid JSON text." };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: "The model file's header is not a JSON object." };
  return { ok: true, json: json as Record<string, unknown>, dataOffset };
}

/** `__metadata__`: an object whose values are all strings, copied into a Map (never merged into an object). */
function readMetadata(value: unknown): { ok: true; metadata: Map<string, string> } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: "The model file's __metadata__ is not an object." };
  const metadata = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const text: unknown = (value as Record<string, unknown>)[key];
    if (typeof text !== 'string') return { ok: false, error: `The model file's __metadata__ entry ${quoteKey(key)} is not a string.` };
    metadata.set(key, text);
  }
  return { ok: true, metadata };
}

function readEntry(name: string, value: unknown): { ok: true; entry: HeaderEntry } | { ok: false; error: string } {
  const tensor = `The model file's tensor ${quoteKey(name)}`;
  const parsed = parseUntrusted(entrySchema, value, 'entry');
  if (!parsed.ok) return { ok: false, error: `${tensor} is malformed: ${parsed.error}.` };
  const { dtype, shape, data_offsets: [begin, end] } = parsed.value;
  if (dtype !== 'F32') return { ok: false, error: `${tensor} has dtype ${quoteKey(dtype)}; only F32 (float32) is supported.` };
  const bytes = byteLength(shape);
  if (bytes === undefined) return { ok: false, error: `${tensor} has shape [${shape.join(', ')}], too large to exist.` };
  if (end < begin) return { ok: false, error: `${tensor} has data_offsets [${begin}, ${end}] that end before they begin.` };
  if (end - begin !== bytes) return { ok: false, error: `${tensor} has data_offsets spanning ${end - begin} bytes, but its shape [${shape.join(', ')}] needs ${bytes}.` };
  return { ok: true, entry: { shape, begin, end } };
}

/** 4 × the product of `shape`, or undefined when it passes Number.MAX_SAFE_INTEGER. */
function byteLength(shape: readonly number[]): number | undefined {
  let bytes = F32_BYTES;
  for (const size of shape) {
    if (size !== 0 && bytes > Number.MAX_SAFE_INTEGER / size) return undefined;
    bytes *= size;
  }
  return bytes;
}

/** The byte ranges, in order, must start at 0, follow each other with no gap or overlap, and end exactly at the end of the file. */
function checkTiling(entries: ReadonlyMap<string, HeaderEntry>, dataBytes: number): { ok: true } | { ok: false; error: string } {
  const ranges = [...entries].sort(([, a], [, b]) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const [name, { begin, end }] of ranges) {
    if (begin < expected) return { ok: false, error: `The model file's tensor ${quoteKey(name)} overlaps the one before it (data_offsets start at ${begin}, before ${expected}).` };
    if (begin > expected) return { ok: false, error: `The model file has a gap of ${begin - expected} bytes before tensor ${quoteKey(name)}.` };
    expected = end;
  }
  if (expected > dataBytes) return { ok: false, error: `The model file is cut short: its tensors need ${expected} bytes of data, but it has ${dataBytes}.` };
  if (expected < dataBytes) return { ok: false, error: `The model file has ${dataBytes - expected} bytes after its last tensor.` };
  return { ok: true };
}
