// Model files in the safetensors format, named and shaped as PyTorch's nn.Sequential; strict checks on files from outside.
import { z } from 'zod';
import { parameterLayout, type ParameterLayout } from '../model/parameters';
import type { TrainerConfig } from '../train/trainer';
import { MAX_EPOCHS, parseExperiment, parseUntrusted, quoteKey, wholeNumber } from './experiment';
import { safetensorsHeaderEntries, type HeaderEntry } from './safetensors-header';
import { torchTensors, type TorchTensor } from './torch-modules';
import { assembleTensors, firstNonFinite, inverseAxes, permuteAxes, readFloat32s } from './weights';

/** Where the experiment JSON lives in `__metadata__`, and the version of what this app writes there. */
export const METADATA_EXPERIMENT_KEY = 'backprop_studio';
export const METADATA_VERSION_KEY = 'backprop_studio_format';
export const MODEL_FILE_FORMAT_VERSION = '1';
/** 1 GiB: the largest legal model (16 hidden layers of 4096, about 973 MiB of float32) fits; anything larger is refused unread. */
export const MAX_MODEL_FILE_BYTES = 1024 * 1024 * 1024;
const HEADER_LENGTH_BYTES = 8;

export interface ModelFileExtras {
  epochs?: number;
  testAccuracy?: number;
}

export type DecodedModelFile = { ok: true; experiment: TrainerConfig; weights: Float32Array; epochs?: number; testAccuracy?: number } | { ok: false; error: string };

/**
 * The model as a .safetensors file: u64 LE header length, JSON header (tensors and `__metadata__`, space-padded to a
 * multiple of 8), then float32 little-endian tensor data, each tensor as PyTorch holds it (an nn.Linear weight [out, in]).
 */
export function encodeSafetensors(experiment: TrainerConfig, weights: Float32Array, extras: ModelFileExtras = {}): Uint8Array {
  const checked = parseExperiment(experiment);
  if (!checked.ok) throw new RangeError(`Cannot save an invalid experiment: ${checked.error}`);
  const layout = parameterLayout(checked.experiment.spec);
  if (weights.length !== layout.totalFloats) throw new RangeError(`Cannot save weights: expected ${layout.totalFloats} parameters, got ${weights.length}`);
  if (firstNonFinite(weights) >= 0) throw new RangeError('Cannot save weights that are not all finite numbers');
  const tensors = torchTensors(checked.experiment.spec, layout);
  const header = headerJson(tensors, metadata(checked.experiment, extras));
  const dataOffset = HEADER_LENGTH_BYTES + header.length;
  const bytes = new Uint8Array(dataOffset + 4 * tensors.reduce((sum, { shape }) => sum + elementCount(shape), 0));
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(header.length), true);
  bytes.set(header, HEADER_LENGTH_BYTES);
  let offset = dataOffset;
  for (const tensor of tensors) {
    for (const value of tensorValues(layout, weights, tensor)) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  return bytes;
}

function metadata(experiment: TrainerConfig, { epochs, testAccuracy }: ModelFileExtras): Record<string, string> {
  const entries: [string, string][] = [
    ['format', 'pt'],
    [METADATA_VERSION_KEY, MODEL_FILE_FORMAT_VERSION],
    [METADATA_EXPERIMENT_KEY, JSON.stringify(experiment)],
  ];
  if (epochs !== undefined) entries.push(['epochs', String(checkedExtra(epochsSchema, epochs, 'epochs'))]);
  if (testAccuracy !== undefined) entries.push(['test_accuracy', String(checkedExtra(accuracySchema, testAccuracy, 'testAccuracy'))]);
  return Object.fromEntries(entries);
}

const epochsSchema = wholeNumber(0, MAX_EPOCHS);
const accuracySchema = z.number().min(0).max(1);

function checkedExtra(schema: z.ZodType<number>, value: number, name: string): number {
  const parsed = parseUntrusted(schema, value, name);
  if (!parsed.ok) throw new RangeError(`Cannot save the model: ${parsed.error}`);
  return parsed.value;
}

/** UTF-8 JSON of the tensor table (contiguous data_offsets in order) and metadata, padded with spaces to a multiple of 8 bytes. */
function headerJson(tensors: readonly TorchTensor[], metadata: Record<string, string>): Uint8Array {
  const table: Record<string, unknown> = { __metadata__: metadata };
  let begin = 0;
  for (const { name, shape } of tensors) {
    const end = begin + 4 * elementCount(shape);
    table[name] = { dtype: 'F32', shape, data_offsets: [begin, end] };
    begin = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(table));
  const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
  padded.set(json);
  return padded;
}

const elementCount = (shape: readonly number[]): number => shape.reduce((product, size) => product * size, 1);

/** A tensor's values in file order: its axes reordered as PyTorch holds them (W [inputs, outputs] becomes [outputs, inputs]). */
function tensorValues(layout: ParameterLayout, flat: Float32Array, tensor: TorchTensor): Float32Array {
  const { offset, size, shape, torchAxes } = layout.layers[tensor.dense]!.tensors[tensor.tensor]!;
  return permuteAxes(flat.subarray(offset, offset + size), shape, torchAxes);
}

/** Refuses a file larger than MAX_MODEL_FILE_BYTES before any of it is read. */
export function checkModelFileSize(file: Blob): { ok: true } | { ok: false; error: string } {
  if (file.size <= MAX_MODEL_FILE_BYTES) return { ok: true };
  return { ok: false, error: `The model file is ${(file.size / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_MODEL_FILE_BYTES / 2 ** 20} MiB the largest model needs.` };
}

/** Checks the size, then reads and decodes a model file (a File from an input or a drop). */
export async function readModelFile(file: Blob): Promise<DecodedModelFile> {
  const size = checkModelFileSize(file);
  if (!size.ok) return size;
  return decodeSafetensors(new Uint8Array(await file.arrayBuffer()));
}

/** The experiment and flat weights (per parameterLayout) of a .safetensors file; never throws, errors name the problem. */
export function decodeSafetensors(bytes: Uint8Array): DecodedModelFile {
  if (bytes.length > MAX_MODEL_FILE_BYTES) return { ok: false, error: `The model file is larger than ${MAX_MODEL_FILE_BYTES / 2 ** 20} MiB.` };
  const header = safetensorsHeaderEntries(bytes);
  if (!header.ok) return header;
  const meta = readExperimentMetadata(header.metadata);
  if (!meta.ok) return meta;
  const layout = parameterLayout(meta.experiment.spec);
  const expected = torchTensors(meta.experiment.spec, layout);
  const entries = matchTensors(header.entries, expected);
  if (!entries.ok) return entries;
  const data = bytes.subarray(header.dataOffset);
  const tensors = layout.layers.map((layer): Float32Array[] => layer.tensors.map(() => new Float32Array(0)));
  for (const [i, tensor] of expected.entries()) {
    const values = readFloat32s(data, entries.entries[i]!.begin, elementCount(tensor.shape));
    const bad = firstNonFinite(values);
    if (bad >= 0) return { ok: false, error: `The model file's tensor "${tensor.name}" holds a value that is not a finite number (${values[bad]}) at element ${bad}.` };
    // Back from the file's axis order to the flat buffer's.
    tensors[tensor.dense]![tensor.tensor] = permuteAxes(values, tensor.shape, inverseAxes(layout.layers[tensor.dense]!.tensors[tensor.tensor]!.torchAxes));
  }
  return { ok: true, experiment: meta.experiment, weights: assembleTensors(layout, tensors), epochs: meta.extras.epochs, testAccuracy: meta.extras.testAccuracy };
}

/** The file's entries in the order of `expected`, each named and shaped as the spec needs. */
function matchTensors(entries: ReadonlyMap<string, HeaderEntry>, expected: readonly TorchTensor[]): { ok: true; entries: HeaderEntry[] } | { ok: false; error: string } {
  const names = new Set(expected.map(({ name }) => name));
  const extra = [...entries.keys()].find((name) => !names.has(name));
  if (extra !== undefined) return { ok: false, error: `The model file has a tensor ${quoteKey(extra)} that this model does not have (it expects ${[...names].join(', ')}).` };
  const matched: HeaderEntry[] = [];
  for (const { name, shape } of expected) {
    const entry = entries.get(name);
    if (entry === undefined) return { ok: false, error: `The model file is missing the tensor "${name}".` };
    if (entry.shape.length !== shape.length || entry.shape.some((size, i) => size !== shape[i])) {
      return { ok: false, error: `The model file's tensor "${name}" has shape [${entry.shape.join(', ')}], but this model needs [${shape.join(', ')}].` };
    }
    matched.push(entry);
  }
  return { ok: true, entries: matched };
}

type MetadataRead = { ok: true; experiment: TrainerConfig; extras: ModelFileExtras } | { ok: false; error: string };

/** The experiment, epochs and test accuracy from `__metadata__` (a string → string map; other keys are ignored). */
function readExperimentMetadata(metadata: ReadonlyMap<string, string> | undefined): MetadataRead {
  const json = metadata?.get(METADATA_EXPERIMENT_KEY);
  if (json === undefined) return { ok: false, error: `The model file was not saved by Backprop Studio: its __metadata__ has no "${METADATA_EXPERIMENT_KEY}" entry.` };
  const version = metadata!.get(METADATA_VERSION_KEY);
  if (version !== MODEL_FILE_FORMAT_VERSION) return { ok: false, error: `The model file's format version is ${JSON.stringify(version?.slice(0, 20) ?? 'missing')}; this app reads "${MODEL_FILE_FORMAT_VERSION}".` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, error: `The model file's "${METADATA_EXPERIMENT_KEY}" metadata is not valid JSON.` };
  }
  const experiment = parseExperiment(parsed);
  if (!experiment.ok) return { ok: false, error: `The model file's settings are invalid: ${experiment.error}.` };
  const extras = readExtras(metadata!);
  return extras.ok ? { ok: true, experiment: experiment.experiment, extras: extras.extras } : extras;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function readExtras(metadata: ReadonlyMap<string, string>): { ok: true; extras: ModelFileExtras } | { ok: false; error: string } {
  const extras: ModelFileExtras = {};
  for (const [key, schema, field] of [['epochs', epochsSchema, 'epochs'], ['test_accuracy', accuracySchema, 'testAccuracy']] as const) {
    const text = metadata.get(key);
    if (text === undefined) continue;
    const parsed = parseUntrusted(schema, JSON_NUMBER.test(text) ? Number(text) : text, key);
    if (!parsed.ok) return { ok: false, error: `The model file's metadata is invalid: ${parsed.error}.` };
    extras[field] = parsed.value;
  }
  return { ok: true, extras };
}
