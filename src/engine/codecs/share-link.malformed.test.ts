// unit: hostile and broken share links — each is refused with a specific message and leaves Object.prototype as it was.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { encodeBase64Url } from './base64url';
import { crc32 } from './crc32';
import { CONTAINER_VERSION, packContainer } from './link-container';
import { quantizeParameters, type WeightScheme } from './quantize';
import { decodeShareLink, encodeShareLink, MAX_LINK_CHARS } from './share-link';
import { classicExperiment, cloneJson, expectPrototypeUntouched, linkFromContainer, prototypeKeys, seededWeights, withSpec } from './test-fixtures';

const tinySpec: ModelSpec = { layers: [{ kind: 'dense', units: 4, activation: 'relu', init: 'he' }] };
const tinyLayout = parameterLayout(tinySpec);
const encoder = new TextEncoder();
const experimentJson = JSON.stringify({ experiment: classicExperiment });

const linkFromJson = (json: string, weights: Uint8Array = new Uint8Array(0)): Promise<string> => linkFromContainer(packContainer(encoder.encode(json), weights));

type Contents = { experiment: Record<string, unknown> & { settings: Record<string, unknown> & { hyperparameters: Record<string, unknown> }; spec: { layers: Record<string, unknown>[] } }; trained?: Record<string, unknown> };
/** A link whose JSON is the classic experiment after `edit`. */
const editedLink = (edit: (contents: Contents) => void): Promise<string> => {
  const contents = cloneJson({ experiment: classicExperiment }) as unknown as Contents;
  edit(contents);
  return linkFromJson(JSON.stringify(contents));
};
/** A link whose JSON text has `insert` placed right after the first `marker`. */
const injectedLink = (marker: string, insert: string): Promise<string> => linkFromJson(experimentJson.replace(marker, marker + insert));

/** A trained tiny model's link with its weight bytes changed by `edit`. */
function trainedLink(scheme: WeightScheme, edit: (bytes: Uint8Array, view: DataView) => Uint8Array | void, trained: Record<string, unknown> = {}): Promise<string> {
  const bytes = quantizeParameters(tinyLayout, seededWeights(tinySpec), scheme);
  const edited = edit(bytes, new DataView(bytes.buffer)) ?? bytes;
  return linkFromJson(JSON.stringify({ experiment: withSpec(tinySpec), trained: { epochs: 2, testAccuracy: 0.5, scheme, ...trained } }), edited);
}

/** `count` bytes of zeros, compressed as they stream (a bomb: small link, huge output). */
async function zeroBomb(count: number): Promise<string> {
  const chunk = new Uint8Array(1 << 20);
  let left = count;
  const zeros = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (left <= 0) return controller.close();
      controller.enqueue(chunk.subarray(0, Math.min(left, chunk.length)));
      left -= chunk.length;
    },
  });
  const reader = zeros.pipeThrough(new CompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  const compressed = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (compressed.set(part, offset), offset + part.length), 0);
  return `v1.${encodeBase64Url(compressed)}`;
}

let valid = '';
let trained = '';
beforeAll(async () => {
  valid = await encodeShareLink({ experiment: classicExperiment });
  trained = await encodeShareLink({ experiment: withSpec(tinySpec), trained: { weights: seededWeights(tinySpec), epochs: 2, testAccuracy: 0.5 } });
});

/** `link` with the character at `index` (negative: from the end) replaced by another base64url character. */
const flipped = (link: string, index: number): string => {
  const at = index < 0 ? link.length + index : index;
  return link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
};

const DAMAGED = /^The link (is damaged|is cut short)/;
const before = prototypeKeys();
afterEach(() => expectPrototypeUntouched(before));

type Case = [name: string, link: () => string | Promise<string>, expected: string | RegExp];

const cases: Case[] = [
  // The fragment as text: emptiness, length, alphabet, encoding, version.
  ['an empty fragment', () => '', "The link holds no experiment: there is nothing after its '#'."],
  ['just a #', () => '#', "The link holds no experiment: there is nothing after its '#'."],
  ['a second #', () => `##${valid}`, "it does not start with 'v1.'"],
  ['no version prefix', () => valid.slice(3), "The link is not a Backprop Studio link: it does not start with 'v1.'."],
  ['some other site\'s fragment', () => 'section-2', "it does not start with 'v1.'"],
  ['an upper-case V', () => `V${valid.slice(1)}`, "it does not start with 'v1.'"],
  ['version 9', () => `v9.${valid.slice(3)}`, "The link is not a Backprop Studio link (unknown version 'v9')."],
  ['version 0', () => `v0.${valid.slice(3)}`, "unknown version 'v0'"],
  ['version 10', () => `v10.${valid.slice(3)}`, "unknown version 'v10'"],
  ['nothing after the prefix', () => 'v1.', "The link is cut short: there is nothing after 'v1.'."],
  ['one character too many', () => 'v1.'.padEnd(MAX_LINK_CHARS + 1, 'A'), 'The link is too long: 262145 characters, more than the 262144 a link may have.'],
  ['ten million characters', () => 'v1.'.padEnd(10_000_000, 'A'), 'The link is too long: 10000000 characters'],
  ["a '+' (standard base64)", () => `${valid.slice(0, 10)}+${valid.slice(11)}`, "it contains '+' at character 11, which links never use (standard base64 instead of base64url?)"],
  ["a '/'", () => `${valid.slice(0, 10)}/${valid.slice(11)}`, "it contains '/' at character 11"],
  ["'=' padding", () => `${valid}==`, /it contains '=' at character \d+, which links never use/],
  ['a space', () => `${valid.slice(0, 20)} ${valid.slice(20)}`, 'it contains whitespace at character 21: it may have been broken across lines'],
  ['a line break', () => `${valid.slice(0, 20)}\n${valid.slice(20)}`, 'it contains whitespace at character 21'],
  ['a tab', () => `${valid}\t`, 'it contains whitespace'],
  ['a percent-encoded link', () => encodeURIComponent(`${valid}=`), "The link is percent-encoded ('%' at character"],
  ['a doubly percent-encoded link', () => encodeURIComponent(encodeURIComponent(`a b${valid}`)), "The link is percent-encoded ('%' at character 2), perhaps twice"],
  ['an encoded dot', () => `v1%2E${valid.slice(3)}`, "The link is percent-encoded ('%' at character 3)"],
  ['a non-ASCII letter', () => `${valid.slice(0, 8)}é${valid.slice(9)}`, 'it contains U+00E9 at character 9, which links never use'],
  ['an emoji', () => `${valid}😀`, 'it contains U+1F600'],
  ['a NUL character', () => `${valid.slice(0, 5)}\0${valid.slice(6)}`, 'it contains U+0000 at character 6'],
  ['a script tag', () => `v1.<script>alert(1)</script>`, "it contains '<' at character 4, which links never use"],
  ['a length no base64url has', () => `v1.${'A'.repeat(4 * 20 + 1)}`, 'The link is damaged: it has a length no link can have: it was probably cut short.'],
  ['a non-canonical last character', () => 'v1.AB', "The link is damaged: its last character is not one a link ends with: it was changed or cut short."],
  // Cut short, at many points.
  ...[4, 5, 6, 7, 10, 20, 50, 100, 300, -100, -10, -4, -3, -2, -1].map((end): Case => [`a trained link cut at ${end}`, () => trained.slice(0, end), DAMAGED]),
  ['an experiment link cut in half', () => valid.slice(0, valid.length >> 1), DAMAGED],
  // Changed characters.
  ...[3, 4, 8, 30, 200, 1000, -200, -30, -6, -1].map((index): Case => [`a trained link with character ${index} changed`, () => flipped(trained, index), DAMAGED]),
  ['random base64url that is not deflate', () => `v1.${'QUJD'.repeat(50)}`, DAMAGED],
  ['a link with characters inserted', () => `${valid.slice(0, 40)}AbCd${valid.slice(40)}`, DAMAGED],
  ['a link with characters removed', () => `${valid.slice(0, 40)}${valid.slice(44)}`, DAMAGED],
  // Decompression bombs.
  ['9 MiB of zeros (a small bomb)', () => zeroBomb(9 * 2 ** 20), 'The link\'s data expands to more than 8 MiB, more than any Backprop Studio link holds (a "zip bomb"?).'],
  // The container.
  ['valid deflate of something else', async () => linkFromContainer(encoder.encode('hello, this is not a container')), 'The link is damaged: its checksum does not match'],
  ['a container of 3 bytes', async () => linkFromContainer(Uint8Array.of(0x42, 0x50, 0x53)), 'The link is cut short: its data is 3 bytes, too few to hold anything.'],
  ['the wrong magic', async () => { const c = packContainer(encoder.encode(experimentJson), new Uint8Array(0)); c[0] = 0x43; return linkFromContainer(fixChecksum(c)); }, 'The link is not a Backprop Studio link: its data does not start with the Backprop Studio marker.'],
  ['a newer container version', async () => linkFromContainer(packContainer(encoder.encode(experimentJson), new Uint8Array(0), CONTAINER_VERSION + 1)), 'was made by another version of Backprop Studio (data version 2; this one reads 1)'],
  ['a JSON length past the end', async () => linkFromContainer(fixChecksum(withJsonLength(packContainer(encoder.encode(experimentJson), new Uint8Array(0)), experimentJson.length + 10))), 'The link is cut short: its settings should be'],
  ['a JSON length of 4 GiB', async () => linkFromContainer(fixChecksum(withJsonLength(packContainer(encoder.encode(experimentJson), new Uint8Array(0)), 0xffffffff))), 'has settings of 4294967295 bytes, more than the 65536 allowed'],
  // The JSON.
  ['text that is not JSON', () => linkFromJson('not json'), "The link's settings are not valid JSON."],
  ['JSON with NaN', () => linkFromJson(experimentJson.replace('"seed":7', '"seed":NaN')), "The link's settings are not valid JSON."],
  ['bytes that are not UTF-8', () => linkFromContainer(packContainer(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), new Uint8Array(0))), "The link's settings are not valid UTF-8 text."],
  ['empty JSON', () => linkFromJson(''), "The link's settings are not valid JSON."],
  ['a JSON array', () => linkFromJson('[]'), "The link's contents are invalid: contents: must be an object."],
  ['JSON null', () => linkFromJson('null'), "The link's contents are invalid: contents: must be an object."],
  ['a JSON number', () => linkFromJson('42'), 'contents: must be an object'],
  ['a JSON string', () => linkFromJson('"v1"'), 'contents: must be an object'],
  ['no experiment', () => linkFromJson('{}'), "The link's contents are invalid: experiment: is missing."],
  ['an unknown top-level field', () => linkFromJson('{"experiment":{},"extra":1}'), 'The link\'s contents are invalid: contents: unknown field "extra".'],
  ['the experiment as a string', () => linkFromJson('{"experiment":"adam"}'), "The link's settings are invalid: experiment: must be an object."],
  ['a batch size as text', () => editedLink((c) => (c.experiment.settings.batchSize = '128')), "The link's settings are invalid: settings.batchSize: must be a number."],
  ['a batch size of 4097', () => editedLink((c) => (c.experiment.settings.batchSize = 4097)), "The link's settings are invalid: settings.batchSize: must be at most 4096."],
  ['a learning rate of 1e309 (Infinity)', () => linkFromJson(experimentJson.replace('"learningRate":0.001', '"learningRate":1e309')), 'settings.hyperparameters.learningRate: must be a finite number'],
  ['a learning rate of -1e309', () => linkFromJson(experimentJson.replace('"learningRate":0.001', '"learningRate":-1e309')), 'settings.hyperparameters.learningRate: must be a finite number'],
  ['a negative learning rate', () => editedLink((c) => (c.experiment.settings.hyperparameters.learningRate = -0.1)), 'settings.hyperparameters.learningRate: must be greater than 0'],
  ['a huge seed', () => editedLink((c) => (c.experiment.seed = 1e300)), 'seed: must be at most 4294967295'],
  ['a fractional seed', () => editedLink((c) => (c.experiment.seed = 0.5)), 'seed: must be a whole number'],
  ['a million epochs', () => editedLink((c) => (c.experiment.settings.epochs = 1e6)), 'settings.epochs: must be at most 1000'],
  ['0 units', () => editedLink((c) => (c.experiment.spec.layers[0]!.units = 0)), "The link's settings are invalid: spec.layers[0].units: units must be at least 1."],
  ['10⁶ units', () => editedLink((c) => (c.experiment.spec.layers[2]!.units = 1e6)), 'spec.layers[2].units: units must be at most 4096'],
  ['1,000 layers', () => editedLink((c) => (c.experiment.spec.layers = Array.from({ length: 1000 }, () => ({ kind: 'dropout', rate: 0.1 })))), 'spec.layers: a model has at most 16 hidden layers'],
  ['a dropout rate of 1', () => editedLink((c) => (c.experiment.spec.layers[1]!.rate = 1)), 'spec.layers[1].rate: rate must be at most 0.9'],
  ['an unknown layer kind', () => editedLink((c) => (c.experiment.spec.layers[1]!.kind = 'conv')), "spec.layers[1].kind: kind must be 'dense', 'dropout', 'conv2d', 'maxpool' or 'flatten'"],
  ['__proto__ as a top-level key', () => linkFromJson(`{"__proto__":{"polluted":true},${experimentJson.slice(1)}`), 'The link\'s contents are invalid: contents: unknown field "__proto__".'],
  ['__proto__ in the settings', () => injectedLink('"settings":{', '"__proto__":{"polluted":true},'), 'settings: unknown field "__proto__"'],
  ['__proto__ in a layer', () => injectedLink('"layers":[{', '"__proto__":{"polluted":true},'), 'spec.layers[0]: unknown field "__proto__"'],
  ['constructor in the hyperparameters', () => injectedLink('"hyperparameters":{', '"constructor":{"prototype":{"polluted":true}},'), 'settings.hyperparameters: unknown field "constructor"'],
  ['prototype in the spec', () => injectedLink('"spec":{', '"prototype":{"polluted":true},'), 'spec: unknown field "prototype"'],
  ['__proto__ as the optimizer', () => editedLink((c) => (c.experiment.optimizer = '__proto__')), 'optimizer: must be one of "sgd", "momentum", "nesterov", "adam", "adamw"'],
  ['constructor as an activation', () => editedLink((c) => (c.experiment.spec.layers[0]!.activation = 'constructor')), 'spec.layers[0].activation: activation must be one of'],
  ['toString as a schedule', () => editedLink((c) => (c.experiment.settings.schedule = { kind: 'toString' })), 'settings.schedule.kind: must be one of "constant", "step", "cosine"'],
  ['hasOwnProperty as an init', () => editedLink((c) => (c.experiment.spec.layers[0]!.init = 'hasOwnProperty')), 'spec.layers[0].init: init must be one of he, glorot'],
  ['HTML as an activation', () => editedLink((c) => (c.experiment.spec.layers[0]!.activation = '<img src=x onerror=alert(1)>')), 'spec.layers[0].activation: activation must be one of'],
  ['HTML as a key (quoted as inert text)', () => injectedLink('"settings":{', '"<b onmouseover=alert(1)>":1,'), 'settings: unknown field "<b onmouseover=alert(1)>"'],
  // The trained model and its weights.
  ['weights but no trained model', () => linkFromJson(experimentJson, Uint8Array.of(1, 2, 3)), 'The link has 3 bytes of weights but says it holds no trained model.'],
  ['a trained model with no weights', () => trainedLink('int8', () => new Uint8Array(0)), "The link's trained weights are invalid: expected 3288 bytes of int8 weights for this model, found 0."],
  ['one weight byte too many', () => trainedLink('int8', (bytes) => Uint8Array.of(...bytes, 0)), 'expected 3288 bytes of int8 weights for this model, found 3289'],
  ['one weight byte too few', () => trainedLink('float16', (bytes) => bytes.subarray(1)), 'expected 6380 bytes of float16 weights for this model, found 6379'],
  ['weights for another scheme', () => trainedLink('int8', () => quantizeParameters(tinyLayout, seededWeights(tinySpec), 'float16')), 'expected 3288 bytes of int8 weights for this model, found 6380'],
  ['a NaN float16 weight', () => trainedLink('float16', (_, view) => view.setUint16(0, 0x7e00, true)), "The link's trained weights are invalid: Dense layer 1: a weight is not a finite number."],
  ['an infinite float16 bias', () => trainedLink('float16', (_, view) => view.setUint16(2 * 784 * 4, 0xfc00, true)), 'Dense layer 1: a bias is not a finite number'],
  ['a NaN int8 scale', () => trainedLink('int8', (_, view) => view.setFloat32(4, Number.NaN, true)), 'Dense layer 1: a weight scale is negative or not a finite number'],
  ['an infinite int8 scale', () => trainedLink('int8', (_, view) => view.setFloat32(0, Infinity, true)), 'Dense layer 1: a weight scale is negative or not a finite number'],
  ['a negative int8 scale', () => trainedLink('int8', (_, view) => view.setFloat32(0, -1, true)), 'Dense layer 1: a weight scale is negative or not a finite number'],
  ['an int8 scale that overflows float32', () => trainedLink('int8', (_, view) => { view.setFloat32(0, 3e38, true); view.setInt8(16, 127); }), 'Dense layer 1: a weight is too large for float32'],
  ['a NaN int8 bias in the output layer', () => trainedLink('int8', (bytes, view) => view.setFloat32(bytes.length - 4, Number.NaN, true)), 'Dense layer 2: a bias is not a finite number'],
  ['an accuracy of 1.5', () => trainedLink('int8', () => undefined, { testAccuracy: 1.5 }), "The link's contents are invalid: trained.testAccuracy: must be at most 1."],
  ['negative epochs', () => trainedLink('int8', () => undefined, { epochs: -1 }), 'trained.epochs: must be at least 0'],
  ['fractional epochs', () => trainedLink('int8', () => undefined, { epochs: 2.5 }), 'trained.epochs: must be a whole number'],
  ['an unknown scheme', () => trainedLink('int8', () => undefined, { scheme: 'int4' }), 'trained.scheme: must be one of "int8", "float16"'],
  ['__proto__ as the scheme', () => trainedLink('int8', () => undefined, { scheme: '__proto__' }), 'trained.scheme: must be one of "int8", "float16"'],
  ['an extra trained field', () => trainedLink('int8', () => undefined, { loss: 0.1 }), 'trained: unknown field "loss"'],
];

/** The container with its JSON length field set to `length`. */
function withJsonLength(container: Uint8Array, length: number): Uint8Array {
  new DataView(container.buffer).setUint32(4, length, true);
  return container;
}

/** Recomputes the CRC-32 after a deliberate edit, so the check under test is the one that fires. */
function fixChecksum(container: Uint8Array): Uint8Array {
  const end = container.length - 4;
  new DataView(container.buffer).setUint32(end, crc32(container.subarray(0, end)), true);
  return container;
}

describe('malformed share links', () => {
  it('has at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases)('refuses %s', async (_, build, expected) => {
    const result = await decodeShareLink(await build());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    if (typeof expected === 'string') expect(result.error).toContain(expected);
    else expect(result.error).toMatch(expected);
    expect(result.error).toMatch(/^The link/);
    expect(result.error).not.toMatch(/undefined|\[object|Error:/);
  });

  it('refuses a decompression bomb that fills the length cap, without expanding it', async () => {
    const bomb = await zeroBomb(180 * 2 ** 20);
    expect(bomb.length).toBeGreaterThan(0.8 * MAX_LINK_CHARS);
    expect(bomb.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    const started = performance.now();
    expect(await decodeShareLink(bomb)).toEqual({ ok: false, error: expect.stringContaining('expands to more than 8 MiB') });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
