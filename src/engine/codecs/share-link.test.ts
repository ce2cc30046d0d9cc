// unit: share links — round trips with and without weights, the encoder's refusals, and strict decoding of valid links.
import { describe, expect, it } from 'vitest';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { dequantizeParameters, quantizeParameters, WEIGHT_SCHEMES } from './quantize';
import { decodeShareLink, encodeShareLink, MAX_LINK_CHARS, measureShareLink, ShareLinkTooLongError } from './share-link';
import { classicExperiment, expectSameFloats, seededWeights, withSpec } from './test-fixtures';

const tinySpec: ModelSpec = { layers: [{ kind: 'dense', units: 16, activation: 'gelu', init: 'glorot' }] };
const wideSpec: ModelSpec = {
  layers: [
    { kind: 'dense', units: 512, activation: 'relu', init: 'he' },
    { kind: 'dense', units: 256, activation: 'relu', init: 'he' },
  ],
};

describe('share links round-trip', () => {
  it('carries an experiment without weights exactly', async () => {
    const fragment = await encodeShareLink({ experiment: classicExperiment });
    expect(fragment).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(600);
    expect(await decodeShareLink(fragment)).toEqual({ ok: true, experiment: classicExperiment });
    expect(await decodeShareLink(`#${fragment}`)).toEqual({ ok: true, experiment: classicExperiment });
  });

  it.each(WEIGHT_SCHEMES)('carries trained weights as %s: exactly what the scheme keeps, with epochs and accuracy', async (scheme) => {
    const experiment = withSpec(tinySpec);
    const weights = seededWeights(tinySpec, 5);
    const fragment = await encodeShareLink({ experiment, trained: { weights, epochs: 3, testAccuracy: 0.9123 } }, { scheme });
    const decoded = await decodeShareLink(fragment);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.experiment).toEqual(experiment);
    expect(decoded.trained).toMatchObject({ epochs: 3, testAccuracy: 0.9123, scheme });
    const layout = parameterLayout(tinySpec);
    const expected = dequantizeParameters(layout, quantizeParameters(layout, weights, scheme), scheme);
    if (!expected.ok) throw new Error(expected.error);
    expectSameFloats(decoded.trained!.weights, expected.weights);
  });

  it('uses int8 by default', async () => {
    const decoded = await decodeShareLink(await encodeShareLink({ experiment: withSpec(tinySpec), trained: { weights: seededWeights(tinySpec), epochs: 0, testAccuracy: 0 } }));
    expect(decoded.ok && decoded.trained?.scheme).toBe('int8');
  });

  it('fits the classic 784-128-64-10 weights as int8', async () => {
    const content = { experiment: classicExperiment, trained: { weights: seededWeights(classicExperiment.spec), epochs: 5, testAccuracy: 0.97 } };
    const measured = await measureShareLink(content, { pageUrl: 'https://example.org/backprop-studio/' });
    expect(measured.fits).toBe(true);
    const fragment = await encodeShareLink(content, { pageUrl: 'https://example.org/backprop-studio/' });
    expect(measured.chars).toBe('https://example.org/backprop-studio/#'.length + fragment.length);
  });
});

describe('the encoder refuses', () => {
  const trained = (spec: ModelSpec) => ({ weights: seededWeights(spec), epochs: 1, testAccuracy: 0.5 });

  it('a link longer than MAX_LINK_CHARS, so the UI can offer a file', async () => {
    const content = { experiment: withSpec(wideSpec), trained: trained(wideSpec) };
    await expect(encodeShareLink(content)).rejects.toThrow(ShareLinkTooLongError);
    await expect(encodeShareLink(content)).rejects.toThrow(/more than the 262144 a link may have: save a model file/);
    const measured = await measureShareLink(content);
    expect(measured.fits).toBe(false);
    expect(measured.chars).toBeGreaterThan(MAX_LINK_CHARS);
  });

  it('a link pushed over the limit by a long page address', async () => {
    const content = { experiment: withSpec(tinySpec), trained: trained(tinySpec) };
    const fragment = await encodeShareLink(content);
    const pageUrl = 'x'.repeat(MAX_LINK_CHARS - fragment.length);
    await expect(encodeShareLink(content, { pageUrl })).rejects.toThrow(ShareLinkTooLongError);
    await expect(encodeShareLink(content, { pageUrl: pageUrl.slice(1) })).resolves.toBe(fragment);
  });

  it('weights far too large for any link, before touching them', async () => {
    const huge: ModelSpec = { layers: [{ kind: 'dense', units: 4096, activation: 'relu', init: 'he' }, { kind: 'dense', units: 4096, activation: 'relu', init: 'he' }] };
    const content = { experiment: withSpec(huge), trained: { weights: new Float32Array(1), epochs: 1, testAccuracy: 0.5 } };
    await expect(encodeShareLink(content)).rejects.toThrow(/far too large for a link/);
    expect(await measureShareLink(content)).toEqual({ chars: Infinity, fits: false });
  });

  it.each([
    ['an invalid experiment', { experiment: { ...classicExperiment, seed: -1 } }, /Cannot share an invalid experiment: seed: must be at least 0/],
    ['weights of the wrong length', { experiment: withSpec(tinySpec), trained: { ...trained(tinySpec), weights: new Float32Array(3) } }, /expected \d+ parameters, got 3/],
    ['NaN weights', { experiment: withSpec(tinySpec), trained: { ...trained(tinySpec), weights: seededWeights(tinySpec).fill(Number.NaN, 0, 1) } }, /not all finite/],
    ['an accuracy above 1', { experiment: withSpec(tinySpec), trained: { ...trained(tinySpec), testAccuracy: 1.5 } }, /testAccuracy: must be at most 1/],
    ['fractional epochs', { experiment: withSpec(tinySpec), trained: { ...trained(tinySpec), epochs: 1.5 } }, /epochs: must be a whole number/],
  ])('%s', async (_, content, message) => {
    await expect(encodeShareLink(content as never)).rejects.toThrow(message);
  });

  it('float16 weights beyond its range, naming the other scheme', async () => {
    const weights = seededWeights(tinySpec).fill(70_000, 0, 1);
    const content = { experiment: withSpec(tinySpec), trained: { weights, epochs: 1, testAccuracy: 0.5 } };
    await expect(encodeShareLink(content, { scheme: 'float16' })).rejects.toThrow(/try the other scheme/);
    expect((await decodeShareLink(await encodeShareLink(content))).ok).toBe(true);
  });
});
