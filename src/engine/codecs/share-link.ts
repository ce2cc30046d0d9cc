// Share links: the experiment and, for small models, its trained weights in a URL fragment; strict decoding of untrusted ones.
import { z } from 'zod';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import type { TrainerConfig } from '../train/trainer';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { deflateRaw, inflateRawBounded } from './deflate';
import { MAX_EPOCHS, parseExperiment, parseUntrusted, wholeNumber } from './experiment';
import { packContainer, unpackContainer } from './link-container';
import { DEFAULT_WEIGHT_SCHEME, dequantizeParameters, quantizeParameters, quantizedByteLength, WEIGHT_SCHEMES, type WeightScheme } from './quantize';
import { firstNonFinite } from './weights';

export const LINK_VERSION = 1;
const LINK_PREFIX = `v${LINK_VERSION}.`;
/** The longest link (page address, '#' and fragment) the encoder writes and the decoder reads. */
export const MAX_LINK_CHARS = 256 * 1024;
/**
 * The most bytes a link's data may decompress to. A link of MAX_LINK_CHARS carries at most 192 KiB of compressed data,
 * and weights barely compress, so 8 MiB is far above any real link and far below what a "zip bomb" could expand to.
 */
export const MAX_DECOMPRESSED_BYTES = 8 * 1024 * 1024;

export interface TrainedModel {
  /** The flat parameters, laid out per parameterLayout(experiment.spec). */
  weights: Float32Array;
  /** Epochs trained. */
  epochs: number;
  /** Test accuracy in [0, 1]. */
  testAccuracy: number;
}

export interface ShareLinkContent {
  experiment: TrainerConfig;
  trained?: TrainedModel;
}

export interface ShareLinkOptions {
  /** How the weights are stored (default int8). */
  scheme?: WeightScheme;
  /** The link without its fragment (e.g. "https://host/app/"): counted towards MAX_LINK_CHARS. */
  pageUrl?: string;
}

export type DecodedShareLink = { ok: true; experiment: TrainerConfig; trained?: TrainedModel & { scheme: WeightScheme } } | { ok: false; error: string };

/** The link would be longer than MAX_LINK_CHARS: share without weights, or offer a model file. */
export class ShareLinkTooLongError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkTooLongError';
  }
}

const trainedSchema = z.strictObject({
  epochs: wholeNumber(0, MAX_EPOCHS),
  testAccuracy: z.number().min(0).max(1),
  scheme: z.enum(WEIGHT_SCHEMES),
});

/** The JSON inside a link; the experiment is checked on its own so its errors name paths from its root. */
const linkJsonSchema = z.strictObject({ experiment: z.unknown(), trained: trainedSchema.optional() });

/** The URL fragment (without '#') for `content`. Throws ShareLinkTooLongError when the whole link would pass MAX_LINK_CHARS. */
export async function encodeShareLink(content: ShareLinkContent, options: ShareLinkOptions = {}): Promise<string> {
  const fragment = await buildFragment(content, options.scheme ?? DEFAULT_WEIGHT_SCHEME);
  const chars = linkChars(fragment, options.pageUrl);
  if (chars > MAX_LINK_CHARS) {
    throw new ShareLinkTooLongError(`The link would be ${chars} characters long, more than the ${MAX_LINK_CHARS} a link may have: save a model file to share the trained weights.`);
  }
  return fragment;
}

/** How long the whole link for `content` would be, and whether it fits in MAX_LINK_CHARS (so the UI can offer a file instead). */
export async function measureShareLink(content: ShareLinkContent, options: ShareLinkOptions = {}): Promise<{ chars: number; fits: boolean }> {
  try {
    const chars = linkChars(await buildFragment(content, options.scheme ?? DEFAULT_WEIGHT_SCHEME), options.pageUrl);
    return { chars, fits: chars <= MAX_LINK_CHARS };
  } catch (error) {
    if (error instanceof ShareLinkTooLongError) return { chars: Infinity, fits: false };
    throw error;
  }
}

const WEIGHTS_FAR_TOO_LARGE = 'The trained weights are far too large for a link: save a model file to share them.';

const linkChars = (fragment: string, pageUrl = ''): number => pageUrl.length + 1 + fragment.length;

async function buildFragment({ experiment, trained }: ShareLinkContent, scheme: WeightScheme): Promise<string> {
  const checked = parseExperiment(experiment);
  if (!checked.ok) throw new RangeError(`Cannot share an invalid experiment: ${checked.error}`);
  const header = trained === undefined ? { experiment: checked.experiment } : { experiment: checked.experiment, trained: checkedTrained(trained, scheme) };
  const weights = trained === undefined ? new Uint8Array(0) : encodeWeights(checked.experiment.spec, trained.weights, scheme);
  const container = packContainer(new TextEncoder().encode(JSON.stringify(header)), weights);
  if (container.length > MAX_DECOMPRESSED_BYTES) throw new ShareLinkTooLongError(WEIGHTS_FAR_TOO_LARGE);
  return LINK_PREFIX + encodeBase64Url(await deflateRaw(container));
}

function checkedTrained({ epochs, testAccuracy }: TrainedModel, scheme: WeightScheme): z.infer<typeof trainedSchema> {
  const parsed = parseUntrusted(trainedSchema, { epochs, testAccuracy, scheme }, 'trained');
  if (!parsed.ok) throw new RangeError(`Cannot share this trained model: ${parsed.error}`);
  return parsed.value;
}

function encodeWeights(spec: ModelSpec, weights: Float32Array, scheme: WeightScheme): Uint8Array {
  const layout = parameterLayout(spec);
  if (quantizedByteLength(layout, scheme) > MAX_DECOMPRESSED_BYTES) {
    throw new ShareLinkTooLongError(WEIGHTS_FAR_TOO_LARGE);
  }
  if (weights.length !== layout.totalFloats) throw new RangeError(`Cannot share weights: expected ${layout.totalFloats} parameters, got ${weights.length}`);
  if (firstNonFinite(weights) >= 0) throw new RangeError('Cannot share weights that are not all finite numbers');
  const bytes = quantizeParameters(layout, weights, scheme);
  const check = dequantizeParameters(layout, bytes, scheme);
  if (!check.ok) throw new RangeError(`Cannot share these weights as ${scheme} (try the other scheme): ${check.error}`);
  return bytes;
}

/** The experiment and any weights in a link's fragment (with or without its '#'); never throws, and errors say what is wrong. */
export async function decodeShareLink(fragment: string): Promise<DecodedShareLink> {
  if (typeof fragment !== 'string') return { ok: false, error: 'The link is not text.' };
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const payload = checkFragment(text);
  if (!payload.ok) return payload;
  const compressed = decodeBase64Url(payload.base64, LINK_PREFIX.length + 1);
  if (!compressed.ok) return { ok: false, error: `The link is damaged: ${compressed.error}.` };
  const inflated = await inflateRawBounded(compressed.bytes, MAX_DECOMPRESSED_BYTES);
  if (!inflated.ok) return { ok: false, error: INFLATE_ERRORS[inflated.problem] };
  const unpacked = unpackContainer(inflated.bytes);
  if (!unpacked.ok) return { ok: false, error: `The link ${unpacked.error}.` };
  return readContents(unpacked.json, unpacked.weights);
}

const INFLATE_ERRORS = {
  'too-large': `The link's data expands to more than ${MAX_DECOMPRESSED_BYTES / 2 ** 20} MiB, more than any Backprop Studio link holds (a "zip bomb"?).`,
  'cut-short': 'The link is cut short: its compressed data ends too early.',
  corrupt: 'The link is damaged: its compressed data is corrupt.',
} as const;

/** The base64url part of a fragment, after the checks that need no decoding: emptiness, length, '%' and the version prefix. */
function checkFragment(text: string): { ok: true; base64: string } | { ok: false; error: string } {
  if (text.length === 0) return { ok: false, error: "The link holds no experiment: there is nothing after its '#'." };
  if (text.length > MAX_LINK_CHARS) return { ok: false, error: `The link is too long: ${text.length} characters, more than the ${MAX_LINK_CHARS} a link may have.` };
  const percent = text.indexOf('%');
  if (percent >= 0) return { ok: false, error: `The link is percent-encoded ('%' at character ${percent + 1}), perhaps twice: open the link exactly as it was shared.` };
  const version = /^v(\d{1,6})\./.exec(text);
  if (version === null) return { ok: false, error: `The link is not a Backprop Studio link: it does not start with '${LINK_PREFIX}'.` };
  if (version[0] !== LINK_PREFIX) return { ok: false, error: `The link is not a Backprop Studio link (unknown version 'v${version[1]}').` };
  if (text.length === LINK_PREFIX.length) return { ok: false, error: `The link is cut short: there is nothing after '${LINK_PREFIX}'.` };
  return { ok: true, base64: text.slice(LINK_PREFIX.length) };
}

/** The checked JSON and weight bytes of a link, as typed values. */
function readContents(jsonBytes: Uint8Array, weightBytes: Uint8Array): DecodedShareLink {
  const json = parseJson(jsonBytes);
  if (!json.ok) return json;
  const contents = parseUntrusted(linkJsonSchema, json.value, 'contents');
  if (!contents.ok) return { ok: false, error: `The link's contents are invalid: ${contents.error}.` };
  const experiment = parseExperiment(contents.value.experiment);
  if (!experiment.ok) return { ok: false, error: `The link's settings are invalid: ${experiment.error}.` };
  const trained = contents.value.trained;
  if (trained === undefined) {
    if (weightBytes.length > 0) return { ok: false, error: `The link has ${weightBytes.length} bytes of weights but says it holds no trained model.` };
    return { ok: true, experiment: experiment.experiment };
  }
  const weights = dequantizeParameters(parameterLayout(experiment.experiment.spec), weightBytes, trained.scheme);
  if (!weights.ok) return { ok: false, error: `The link's trained weights are invalid: ${weights.error}.` };
  return { ok: true, experiment: experiment.experiment, trained: { weights: weights.weights, epochs: trained.epochs, testAccuracy: trained.testAccuracy, scheme: trained.scheme } };
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: "The link's settings are not valid UTF-8 text." };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: "The link's settings are not valid JSON." };
  }
}
