// unit: model specs — specific validation messages, and the size figures the builder shows.
import { describe, expect, it } from 'vitest';
import { validateModelSpec, type ModelSpec } from './spec';
import { estimateGpuMemory, summarizeModel } from './summary';

const classic: ModelSpec = {
  layers: [
    { kind: 'dense', units: 128, activation: 'relu', init: 'he' },
    { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
  ],
};

const dense = (fields: Record<string, unknown>) => ({ layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he', ...fields }] });

describe('validateModelSpec', () => {
  it('accepts valid specs, including no hidden layers and dropout', () => {
    expect(validateModelSpec(classic)).toEqual({ ok: true, spec: classic });
    expect(validateModelSpec({ layers: [] }).ok).toBe(true);
    expect(validateModelSpec({ layers: [{ kind: 'dropout', rate: 0.9 }] }).ok).toBe(true);
  });

  it.each([
    ['0 units', dense({ units: 0 }), 'layer 1: units must be at least 1'],
    ['too many units', dense({ units: 4097 }), 'layer 1: units must be at most 4096'],
    ['fractional units', dense({ units: 12.5 }), 'layer 1: units must be a whole number'],
    ['units as text', dense({ units: '12' }), 'layer 1: units must be a number'],
    ['NaN units', dense({ units: Number.NaN }), 'layer 1: units must be a number'],
    ['an unknown activation', dense({ activation: 'swish' }), 'layer 1: activation must be one of relu, leaky_relu, sigmoid, tanh, gelu, linear'],
    ['an unknown init', dense({ init: 'zeros' }), 'layer 1: init must be one of he, glorot'],
    ['an unknown layer kind', { layers: [{ kind: 'conv' }] }, "layer 1: kind must be 'dense', 'dropout', 'conv2d', 'maxpool' or 'flatten'"],
    ['a dropout rate of 1', { layers: [{ kind: 'dropout', rate: 1 }] }, 'layer 1: rate must be at most 0.9'],
    ['a negative dropout rate', { layers: [{ kind: 'dropout', rate: -0.1 }] }, 'layer 1: rate must be at least 0'],
    ['an extra field', dense({ bias: false }), 'layer 1: Unrecognized key: "bias"'],
    ['too many layers', { layers: Array.from({ length: 17 }, () => ({ kind: 'dropout', rate: 0 })) }, 'a model has at most 16 hidden layers'],
  ])('rejects %s with a specific message', (_, input, message) => {
    const result = validateModelSpec(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.message)).toContain(message);
  });

  it('points each issue at its layer', () => {
    const result = validateModelSpec({ layers: [classic.layers[0], { kind: 'dense', units: 0, activation: 'relu', init: 'he' }] });
    expect(result).toEqual({ ok: false, issues: [{ layer: 1, message: 'layer 2: units must be at least 1' }] });
  });
});

describe('summarizeModel', () => {
  it('reports shapes, parameters and FLOPs of 784-128-64-10', () => {
    const summary = summarizeModel(classic);
    expect(summary.layers.map((layer) => [layer.name, layer.outputShape[1], layer.parameters])).toEqual([
      ['Dense 128 relu', 128, 784 * 128 + 128],
      ['Dense 64 relu', 64, 128 * 64 + 64],
      ['Output 10 softmax', 10, 64 * 10 + 10],
    ]);
    expect(summary.parameters).toBe(109_386);
    expect(summary.forwardFlopsPerSample).toBe(2 * (784 * 128 + 128 * 64 + 64 * 10));
  });

  it('gives dropout the width of the layer before it and no parameters', () => {
    const summary = summarizeModel({ layers: [{ kind: 'dense', units: 20, activation: 'tanh', init: 'glorot' }, { kind: 'dropout', rate: 0.5 }] });
    expect(summary.layers[1]).toEqual({ name: 'Dropout 0.5', outputShape: ['batch', 20], parameters: 0, forwardFlopsPerSample: 0 });
  });

  it('estimates GPU memory that grows with the batch size', () => {
    const small = estimateGpuMemory(classic, 32);
    const large = estimateGpuMemory(classic, 256);
    expect(small.parameterBytes).toBe(109_386 * 16);
    expect(large.activationBytes).toBe(8 * small.activationBytes);
    expect(large.totalBytes).toBe(large.parameterBytes + large.activationBytes);
  });
});
