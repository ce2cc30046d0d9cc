// unit: every registered layer kind has every part and a correct float64 derivative; shapes and the model's ends follow the dataset.
import { describe, expect, it } from 'vitest';
import { permuteAxes, inverseAxes } from '../codecs/weights';
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';
import { MNIST, type DatasetDescription } from '../data/datasets';
import { networkLayers, networkSizes, shapeIssues } from '../model/network';
import { parameterLayout } from '../model/parameters';
import { expectGradientsMatchDifferences, placeAt } from '../../../tests/fixtures/gradcheck';
import { checkModelSpec, OUTPUT_LAYER, validateModelSpec, type ModelSpec } from '../model/spec';
import { kindOf, LAYER_KINDS, outputLayer, type AnyLayerKind } from './registry';

const KINDS = LAYER_KINDS as readonly AnyLayerKind[];

describe.each(KINDS.map((kind) => [kind.kind, kind] as const))('layer kind %s', (_, kind) => {
  it('has a name, a blurb, fields with defaults in range, and a schema made from them', () => {
    expect(kind.displayName.length).toBeGreaterThan(0);
    expect(kind.blurb.length).toBeGreaterThan(0);
    expect(kindOf(kind.kind)).toBe(kind);
    expect(kind.schema.parse(kind.defaults)).toEqual(kind.defaults);
    expect(Object.keys(kind.defaults).sort()).toEqual(['kind', ...kind.fields.map((field) => field.key)].sort());
    for (const field of kind.fields) {
      const value = (kind.defaults as unknown as Record<string, unknown>)[field.key];
      if (field.type === 'select') {
        expect(field.options).toContain(value);
        expect(Object.keys(field.optionNames).sort()).toEqual([...field.options].sort());
        expect(kind.schema.safeParse({ ...kind.defaults, [field.key]: 'no such option' }).error?.issues[0]?.message).toBe(`${field.key} must be one of ${field.options.join(', ')}`);
      } else {
        expect(value).toBeGreaterThanOrEqual(field.min);
        expect(value).toBeLessThanOrEqual(field.max);
        expect(kind.schema.safeParse({ ...kind.defaults, [field.key]: field.max + 1 }).error?.issues[0]?.message).toBe(`${field.key} must be at most ${field.max}`);
      }
    }
    expect(kind.schema.safeParse({ ...kind.defaults, extra: 1 }).success).toBe(false);
  });

  it('places its parameters, figures and PyTorch modules consistently', () => {
    const place = placeAt(kind, kind.defaults, [5, 3, 2]);
    const tensors = kind.parameters(kind.defaults, place);
    for (const tensor of tensors) expect([...tensor.torchAxes].sort()).toEqual(tensor.shape.map((_, axis) => axis));
    const holders = kind.torchModules(kind.defaults, place).filter((module) => module.parameters);
    expect(holders.length).toBe(tensors.length > 0 ? 1 : 0);
    const figures = kind.figures(kind.defaults, place);
    expect(figures.trainingFlopsPerSample).toBeGreaterThanOrEqual(figures.forwardFlopsPerSample);
    expect(Number.isInteger(figures.activationFloatsPerSample) && figures.activationFloatsPerSample >= 0).toBe(true); // Flatten keeps none
    expect(kind.name(kind.defaults, 'hidden').startsWith(kind.displayName)).toBe(true);
    expect(typeof kind.gpuForward).toBe('function');
  });

  it('has a float64 backward that matches central differences of its forward', () => {
    expectGradientsMatchDifferences(kind, kind.defaults, [5, 4, 2], 2);
  });
});

describe('the network a spec builds', () => {
  const spec: ModelSpec = { layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he' }, { kind: 'dropout', rate: 0.5 }] };

  it('reads the dataset sample [28, 28, 1] and scores its 10 classes, each shape flowing into the next layer', () => {
    const network = networkLayers(spec);
    expect(network.map(({ place }) => [place.input, place.output, place.role])).toEqual([
      [[28, 28, 1], [32], 'hidden'],
      [[32], [32], 'hidden'],
      [[32], [10], 'output'],
    ]);
    expect(networkSizes(network)).toEqual({ inputFloats: PIXELS_PER_IMAGE, classes: CLASS_COUNT });
    expect(network.at(-1)!.spec).toEqual(OUTPUT_LAYER);
    expect(OUTPUT_LAYER).toEqual(outputLayer(MNIST.classNames.length));
  });

  it('follows another dataset: its sample shape in, its class count out', () => {
    const colour: DatasetDescription = { ...MNIST, name: 'colour', inputShape: [32, 32, 3], classNames: ['cat', 'dog', 'bird'] };
    const network = networkLayers(spec, colour);
    expect(network[0]!.place.input).toEqual([32, 32, 3]);
    expect(networkSizes(network)).toEqual({ inputFloats: 3072, classes: 3 });
    expect(network[0]!.kind.parameters(network[0]!.spec, network[0]!.place)[0]!.shape).toEqual([3072, 32]);
    expect(shapeIssues(spec, colour)).toEqual([]);
  });

  it('lays out every kind’s tensors in network order', () => {
    const layout = parameterLayout(spec);
    expect(layout.layers.map(({ layerIndex, kind, tensors }) => [layerIndex, kind, tensors.map((t) => `${t.name} [${t.shape.join(', ')}]`)])).toEqual([
      [0, 'dense', ['weight [784, 32]', 'bias [32]']],
      [2, 'dense', ['weight [32, 10]', 'bias [10]']],
    ]);
  });
});

describe('spec issues', () => {
  it('carry the layer and the field, with the message as before', () => {
    const bad = { layers: [{ kind: 'dropout', rate: 0.1 }, { kind: 'dense', units: 0, activation: 'relu', init: 'he' }] };
    expect(checkModelSpec(bad)).toEqual({ ok: false, issues: [{ layer: 1, field: 'units', message: 'layer 2: units must be at least 1' }] });
    expect(validateModelSpec(bad)).toEqual({ ok: false, issues: [{ layer: 1, message: 'layer 2: units must be at least 1' }] });
    expect(checkModelSpec({ layers: [{ kind: 'conv' }] })).toEqual({ ok: false, issues: [{ layer: 0, field: 'kind', message: "layer 1: kind must be 'dense', 'dropout', 'conv2d', 'maxpool' or 'flatten'" }] });
  });
});

describe('permuteAxes', () => {
  it('reorders axes as PyTorch stores them, and inverseAxes undoes it', () => {
    const values = Float32Array.from({ length: 24 }, (_, i) => i);
    const permuted = permuteAxes(values, [2, 3, 4], [2, 0, 1]); // [k][i][j] = values[i][j][k]
    for (let k = 0; k < 4; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(permuted[k * 6 + i * 3 + j]).toBe(values[i * 12 + j * 4 + k]);
    expect([...permuteAxes(permuted, [4, 2, 3], inverseAxes([2, 0, 1]))]).toEqual([...values]);
  });
});
