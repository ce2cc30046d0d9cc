// The bytes inside a share link, before compression: magic, version, JSON length, JSON, weight bytes, CRC-32.
import { crc32 } from './crc32';

/** "BPS": Backprop Studio. */
export const CONTAINER_MAGIC = [0x42, 0x50, 0x53] as const;
export const CONTAINER_VERSION = 1;
/** The JSON part (the experiment and a few numbers) is small; a longer one is refused before it is read. */
export const MAX_CONTAINER_JSON_BYTES = 64 * 1024;

const HEADER_BYTES = 8; // magic (3), version (1), JSON length (u32 LE)
const CHECKSUM_BYTES = 4; // CRC-32 (u32 LE) of everything before it

/**
 * Layout: [magic 3][version 1][json length u32][json][weights][crc32 u32], integers little-endian.
 * `json` is UTF-8 text; `weights` the quantised weight bytes (empty for a link without weights).
 */
export function packContainer(json: Uint8Array, weights: Uint8Array, version = CONTAINER_VERSION): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + json.length + weights.length + CHECKSUM_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(CONTAINER_MAGIC, 0);
  view.setUint8(3, version);
  view.setUint32(4, json.length, true);
  bytes.set(json, HEADER_BYTES);
  bytes.set(weights, HEADER_BYTES + json.length);
  view.setUint32(bytes.length - CHECKSUM_BYTES, crc32(bytes.subarray(0, bytes.length - CHECKSUM_BYTES)), true);
  return bytes;
}

export type Unpacked = { ok: true; json: Uint8Array; weights: Uint8Array } | { ok: false; error: string };

/** The JSON and weight bytes of a container, checked: checksum, magic, version and lengths. Errors complete "The link …". */
export function unpackContainer(bytes: Uint8Array): Unpacked {
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) return { ok: false, error: `is cut short: its data is ${bytes.length} bytes, too few to hold anything` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - CHECKSUM_BYTES;
  if (view.getUint32(end, true) !== crc32(bytes.subarray(0, end))) return { ok: false, error: 'is damaged: its checksum does not match its contents (a character was changed, added or removed)' };
  if (CONTAINER_MAGIC.some((byte, i) => bytes[i] !== byte)) return { ok: false, error: 'is not a Backprop Studio link: its data does not start with the Backprop Studio marker' };
  const version = view.getUint8(3);
  if (version !== CONTAINER_VERSION) return { ok: false, error: `was made by another version of Backprop Studio (data version ${version}; this one reads ${CONTAINER_VERSION})` };
  const jsonLength = view.getUint32(4, true);
  if (jsonLength > MAX_CONTAINER_JSON_BYTES) return { ok: false, error: `has settings of ${jsonLength} bytes, more than the ${MAX_CONTAINER_JSON_BYTES} allowed` };
  if (HEADER_BYTES + jsonLength > end) return { ok: false, error: `is cut short: its settings should be ${jsonLength} bytes but only ${end - HEADER_BYTES} are there` };
  return { ok: true, json: bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength), weights: bytes.subarray(HEADER_BYTES + jsonLength, end) };
}
