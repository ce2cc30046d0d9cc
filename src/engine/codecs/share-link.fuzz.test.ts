// unit (property-based): random valid experiments round-trip exactly; randomly damaged links never throw or pollute.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/spec';
import { encodeBase64Url } from './base64url';
import { deflateRaw } from './deflate';
import { parseExperiment } from './experiment';
import { packContainer } from './link-container';
import { decodeShareLink, encodeShareLink } from './share-link';
import { experimentArbitrary, prototypeKeys, seededWeights, withSpec } from './test-fixtures';

const ROUND_TRIPS = 10_000;
const MUTATIONS = 10_000;
/** Each needs a compression as well as a decode. */
const JSON_MUTATIONS = 3_000;

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const character = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...BASE64URL) },
  { weight: 1, arbitrary: fc.constantFrom('%', '+', '/', '=', ' ', '\n', '.', '#', '<', 'é', '\0', '😀', 'v', '1') },
);

type Mutation = { kind: 'replace' | 'insert' | 'delete' | 'truncate'; at: number; text: string; count: number };
const mutationOf = (text: fc.Arbitrary<string>): fc.Arbitrary<Mutation> =>
  fc.record({ kind: fc.constantFrom('replace', 'insert', 'delete', 'truncate'), at: fc.nat(), text, count: fc.integer({ min: 1, max: 8 }) });
const mutation = mutationOf(fc.string({ unit: character, minLength: 1, maxLength: 4 }));
/** Edits of the JSON inside a link: its punctuation, hostile keys and values, and any JSON value. */
const jsonMutation = mutationOf(
  fc.oneof(
    fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '-', '0', '1e309', 'NaN', 'null', '"__proto__":{"polluted":1},', '"constructor"', '"prototype":', '"toString"', '<script>'),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  ),
);

function mutate(link: string, { kind, at, text, count }: Mutation): string {
  const i = at % (link.length + 1);
  if (kind === 'replace') return link.slice(0, i) + text + link.slice(i + text.length);
  if (kind === 'insert') return link.slice(0, i) + text + link.slice(i);
  if (kind === 'delete') return link.slice(0, i) + link.slice(i + count);
  return link.slice(0, i);
}

describe('share links under fuzzing', () => {
  it(`round-trips ${ROUND_TRIPS} random valid experiments exactly`, async () => {
    await fc.assert(
      fc.asyncProperty(experimentArbitrary, async (experiment) => {
        expect(await decodeShareLink(await encodeShareLink({ experiment }))).toEqual({ ok: true, experiment });
      }),
      { numRuns: ROUND_TRIPS },
    );
  }, 120_000);

  const pool: string[] = [];
  beforeAll(async () => {
    for (const experiment of fc.sample(experimentArbitrary, { numRuns: 40, seed: 42 })) pool.push(await encodeShareLink({ experiment }));
    const tiny: ModelSpec = { layers: [{ kind: 'dense', units: 3, activation: 'tanh', init: 'glorot' }] };
    for (const scheme of ['int8', 'float16'] as const) {
      pool.push(await encodeShareLink({ experiment: withSpec(tiny), trained: { weights: seededWeights(tiny), epochs: 1, testAccuracy: 0.8 } }, { scheme }));
    }
  });

  it(`decodes ${MUTATIONS} damaged links to ok or a specific error, never throwing or touching Object.prototype`, async () => {
    const before = prototypeKeys();
    const errors = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
        const link = mutations.reduce(mutate, pool[which % pool.length]!);
        const result = await decodeShareLink(link);
        if (result.ok) {
          expect(parseExperiment(result.experiment)).toEqual({ ok: true, experiment: result.experiment });
        } else {
          expect(result.error).toMatch(/^The link.{20,}/);
          expect(result.error).not.toMatch(/undefined|\[object|Error:/);
          const kind = result.error.replace(/\d+/g, '#').slice(0, 60);
          errors.set(kind, (errors.get(kind) ?? 0) + 1);
        }
        expect(prototypeKeys()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: MUTATIONS },
    );
    expect(errors.size).toBeGreaterThan(5);
  }, 120_000);

  it(`decodes ${JSON_MUTATIONS} links with damaged JSON (and a valid checksum) to ok or a specific error`, async () => {
    const before = prototypeKeys();
    const json = JSON.stringify({ experiment: fc.sample(experimentArbitrary, { numRuns: 1, seed: 7 })[0] });
    await fc.assert(
      fc.asyncProperty(fc.array(jsonMutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const text = mutations.reduce(mutate, json);
        const link = `v1.${encodeBase64Url(await deflateRaw(packContainer(new TextEncoder().encode(text), new Uint8Array(0))))}`;
        const result = await decodeShareLink(link);
        if (result.ok) expect(parseExperiment(result.experiment)).toEqual({ ok: true, experiment: result.experiment });
        else expect(result.error).toMatch(/^The link's (settings|contents) .{10,}/);
        expect(prototypeKeys()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: JSON_MUTATIONS },
    );
  }, 120_000);
});
