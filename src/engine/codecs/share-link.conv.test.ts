// unit: share links of conv networks — the presets and an awkward spec carry int8 weights per filter within a link, and damaged ones are refused.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONV_PRESETS } from '../../../tests/fixtures/conv-presets';
import { parameterLayout, type PlacedTensor } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { packContainer } from './link-container';
import { quantizedByteLength, quantizeParameters } from './quantize';
import { decodeShareLink, encodeShareLink, MAX_LINK_CHARS, measureShareLink, type ShareLinkContent } from './share-link';
import { awkwardConvSpec, convExperimentArbitrary, expectSameFloats, linkFromContainer, weightsWithBiases, withSpec } from './test-fixtures';
import { permuteAxes } from './weights';

const PAGE_URL = 'https://example.org/backprop-studio/';
const CONV_SPECS: [string, ModelSpec][] = [
  ['LeNet-5', CONV_PRESETS.lenet5],
  ['ConvNet', CONV_PRESETS.convnet],
  ['the awkward conv spec', awkwardConvSpec],
];

const tensorsOf = (spec: ModelSpec): PlacedTensor[] => parameterLayout(spec).layers.flatMap((layer) => layer.tensors);

/**
 * Weights with nonzero biases whose output channels differ in size: channel c (the last stored axis) of each per-channel
 * tensor is scaled by 4^-(c mod 4), so one scale for a whole tensor would miss the half-step bound of the small channels.
 */
function unevenWeights(spec: ModelSpec, seed: number): Float32Array {
  const flat = weightsWithBiases(spec, seed);
  for (const { int8, shape, offset, size } of tensorsOf(spec)) {
    if (int8 !== 'per-channel') continue;
    const channels = shape.at(-1)!;
    for (let i = 0; i < size; i++) flat[offset + i]! *= 4 ** -((i % channels) % 4);
  }
  return flat;
}

/**
 * Fails unless each int8 tensor of `decoded` is within half a step of `original` in every output channel as PyTorch holds
 * it (a filter of a Conv2d's [F, C, k, k], a row of a Linear's [out, in]), a step being the channel's max |w| / 127, and
 * every other tensor (the biases) is bit for bit the same.
 */
function expectInt8PerOutputChannel(spec: ModelSpec, original: Float32Array, decoded: Float32Array): void {
  for (const { name, int8, shape, torchAxes, offset, size } of tensorsOf(spec)) {
    const torchOrder = (flat: Float32Array) => permuteAxes(flat.subarray(offset, offset + size), shape, torchAxes);
    const [before, after] = [torchOrder(original), torchOrder(decoded)];
    if (int8 === 'float32') {
      expectSameFloats(after, before);
      continue;
    }
    const perChannel = size / shape[torchAxes[0]!]!;
    for (let start = 0; start < size; start += perChannel) {
      const channel = before.subarray(start, start + perChannel);
      const maxAbs = channel.reduce((max, w) => Math.max(max, Math.abs(w)), 0);
      const bound = maxAbs / 127 / 2 + maxAbs * 2 ** -22; // half a step, and float32 rounding of scale and product
      const bad = channel.findIndex((w, i) => Math.abs(after[start + i]! - w) > bound);
      if (bad >= 0) expect.fail(`${name} at ${offset}, output channel ${start / perChannel}: ${channel[bad]} became ${after[start + bad]}, more than ${bound} away`);
    }
  }
}

/** Encodes `content` as int8, checks the decoded link against it, and returns the fragment. */
async function expectFaithfulRoundTrip(content: ShareLinkContent & { trained: NonNullable<ShareLinkContent['trained']> }): Promise<string> {
  const fragment = await encodeShareLink(content, { pageUrl: PAGE_URL });
  const decoded = await decodeShareLink(fragment);
  if (!decoded.ok) throw new Error(decoded.error);
  expect(decoded.experiment).toEqual(content.experiment);
  expect(decoded.trained).toMatchObject({ epochs: content.trained.epochs, testAccuracy: content.trained.testAccuracy, scheme: 'int8' });
  expectInt8PerOutputChannel(content.experiment.spec, content.trained.weights, decoded.trained!.weights);
  return fragment;
}

describe('conv share links round-trip', () => {
  it.each(CONV_SPECS)('%s: the same settings, int8 weights within half a step of their filter, biases exact, within the length limit', async (_, spec) => {
    const content = { experiment: withSpec(spec), trained: { weights: unevenWeights(spec, 3), epochs: 4, testAccuracy: 0.9871 } };
    const fragment = await expectFaithfulRoundTrip(content);
    const measured = await measureShareLink(content, { pageUrl: PAGE_URL });
    expect(measured).toEqual({ chars: PAGE_URL.length + 1 + fragment.length, fits: true });
    expect(measured.chars).toBeLessThanOrEqual(MAX_LINK_CHARS);
  });

  it('carries random valid conv experiments the same way', async () => {
    await fc.assert(
      fc.asyncProperty(convExperimentArbitrary, fc.nat(1000), async (experiment, seed) => {
        await expectFaithfulRoundTrip({ experiment, trained: { weights: unevenWeights(experiment.spec, seed), epochs: 1, testAccuracy: 0.5 } });
      }),
      { numRuns: 25 },
    );
  }, 30_000);
});

describe('damaged conv links', () => {
  const trained = { epochs: 1, testAccuracy: 0.5, scheme: 'int8' } as const;
  const int8Bytes = (spec: ModelSpec): Uint8Array => quantizeParameters(parameterLayout(spec), unevenWeights(spec, 2), 'int8');
  /** A link whose settings are `spec`'s and whose weight bytes are `weights`, checksummed as the encoder does. */
  const linkWith = (spec: ModelSpec, weights: Uint8Array): Promise<string> =>
    linkFromContainer(packContainer(new TextEncoder().encode(JSON.stringify({ experiment: withSpec(spec), trained })), weights));

  let lenet = '';
  beforeAll(async () => {
    lenet = await encodeShareLink({ experiment: withSpec(CONV_PRESETS.lenet5), trained: { weights: unevenWeights(CONV_PRESETS.lenet5, 2), epochs: 1, testAccuracy: 0.5 } });
  });

  it('holds the int8 bytes its layers imply: per filter one f32 scale and k·k·C i8 weights, then f32 biases', () => {
    // LeNet-5: 6 + 6·25, 16 + 16·150 | 120 + 120·400, 84 + 84·120, 10 + 10·84 (scales + weights), with their biases.
    expect(quantizedByteLength(parameterLayout(CONV_PRESETS.lenet5), 'int8')).toBe(4 * 6 + 150 + 4 * 6 + (4 * 16 + 2400 + 4 * 16) + (4 * 120 + 48_000 + 4 * 120) + (4 * 84 + 10_080 + 4 * 84) + (4 * 10 + 840 + 4 * 10));
    // Awkward: 5 + 5·16, 7 + 7·45 | 12 + 12·112, 10 + 10·12.
    expect(quantizedByteLength(parameterLayout(awkwardConvSpec), 'int8')).toBe(4 * 5 + 80 + 4 * 5 + (4 * 7 + 315 + 4 * 7) + (4 * 12 + 1344 + 4 * 12) + (4 * 10 + 120 + 4 * 10));
  });

  it('refuses a LeNet-5 link cut short or with a character changed', async () => {
    const cut = lenet.slice(0, 3 + 4 * Math.floor((lenet.length - 3) / 8)); // half of it, on a whole base64 group
    expect(await decodeShareLink(cut)).toEqual({ ok: false, error: 'The link is cut short: its compressed data ends too early.' });
    const middle = lenet.length >> 1;
    const changed = lenet.slice(0, middle) + (lenet[middle] === 'A' ? 'B' : 'A') + lenet.slice(middle + 1);
    expect(await decodeShareLink(changed)).toEqual({ ok: false, error: expect.stringMatching(/^The link (is damaged: its (checksum does not match|compressed data is corrupt)|is cut short)/) });
  });

  it.each<[string, () => Promise<string>, string]>([
    [
      'a changed weight byte (the checksum left as it was)',
      async () => {
        const container = packContainer(new TextEncoder().encode(JSON.stringify({ experiment: withSpec(awkwardConvSpec), trained })), int8Bytes(awkwardConvSpec));
        container[container.length - 500]! ^= 0x10;
        return linkFromContainer(container);
      },
      'The link is damaged: its checksum does not match its contents (a character was changed, added or removed).',
    ],
    [
      'a NaN scale for the 4th filter of the second conv (spec layer 3)',
      () => {
        const bytes = int8Bytes(awkwardConvSpec);
        new DataView(bytes.buffer).setFloat32(4 * 5 + 80 + 4 * 5 + 4 * 3, Number.NaN, true); // past the first conv's scales, weights and biases
        return linkWith(awkwardConvSpec, bytes);
      },
      "The link's trained weights are invalid: Conv2D layer 3: a weight scale is negative or not a finite number.",
    ],
    [
      'a scale that takes a filter past float32',
      () => {
        const bytes = int8Bytes(awkwardConvSpec);
        const view = new DataView(bytes.buffer);
        view.setFloat32(0, 3e38, true);
        view.setInt8(4 * 5, 127); // W[0, 0, 0, 0]: filter 0
        return linkWith(awkwardConvSpec, bytes);
      },
      "The link's trained weights are invalid: Conv2D layer 1: a weight is too large for float32.",
    ],
    ['weights missing the output biases', () => linkWith(awkwardConvSpec, int8Bytes(awkwardConvSpec).subarray(0, -40)), "The link's trained weights are invalid: expected 2131 bytes of int8 weights for this model, found 2091."],
    ['LeNet-5 weights under ConvNet settings', () => linkWith(CONV_PRESETS.convnet, int8Bytes(CONV_PRESETS.lenet5)), "The link's trained weights are invalid: expected 112744 bytes of int8 weights for this model, found 63358."],
  ])('refuses %s', async (_, build, error) => {
    expect(await decodeShareLink(await build())).toEqual({ ok: false, error });
  });
});
