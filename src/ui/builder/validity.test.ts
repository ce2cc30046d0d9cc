// unit: the network's problems, where they belong, and the layer limit.
import { describe, expect, it } from 'vitest';
import { MAX_HIDDEN_LAYERS, type LayerSpec } from '../../engine/model/spec';
import type { DraftLayer } from '../../store/experiment-store';
import { PRESETS } from '../../store/presets';
import { canAddLayer, issueField, issuesOfLayer, layerEditProblem, networkIssues, networkWideIssues } from './validity';

const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu', init: 'he' });
const drafts = (layers: LayerSpec[]): DraftLayer[] => layers.map((layer, i) => ({ ...layer, id: `l${i}` }));

describe('networkIssues', () => {
  it('is empty for a valid network, ids notwithstanding', () => {
    expect(networkIssues(drafts([dense(64), { kind: 'dropout', rate: 0.3 }]))).toEqual([]);
  });

  it('names the layer and the field of each problem', () => {
    const issues = networkIssues(drafts([dense(64), dense(0), { kind: 'dropout', rate: 0.95 }, dense(Number.NaN)]));
    expect(issues).toEqual([
      { layer: 1, message: 'layer 2: units must be at least 1' },
      { layer: 2, message: 'layer 3: rate must be at most 0.9' },
      { layer: 3, message: 'layer 4: units must be a number' },
    ]);
    expect(issues.map(issueField)).toEqual(['units', 'rate', 'units']);
    expect(issuesOfLayer(issues, 2)).toEqual([issues[1]]);
    expect(networkWideIssues(issues)).toEqual([]);
  });

  it('reports too many layers at the network', () => {
    const issues = networkIssues(drafts(Array.from({ length: MAX_HIDDEN_LAYERS + 1 }, () => dense(8))));
    expect(networkWideIssues(issues)).toEqual([{ message: `a model has at most ${MAX_HIDDEN_LAYERS} hidden layers` }]);
    expect(issueField(issues[0]!)).toBeNull();
  });
});

describe('shapes that cannot flow', () => {
  const pool = (size: number): LayerSpec => ({ kind: 'maxpool', size, stride: 'size' });
  const convnet = PRESETS.convnet.spec.layers;

  it('says at the layer why its window does not fit the image it gets', () => {
    // ConvNet's fourth layer gives 5×5×32; a 2×2 pool makes it 2×2, too small for a 3×3 one.
    const issues = networkIssues(drafts([...convnet.slice(0, 4), pool(2), pool(3), ...convnet.slice(4)]));
    expect(issues).toEqual([{ layer: 5, message: 'layer 6: a 3×3 pool needs at least 3×3 input; it gets 2×2' }]);
    expect(issuesOfLayer(issues, 5)).toEqual(issues);
    expect(issueField(issues[0]!)).toBeNull();
    const conv: LayerSpec = { kind: 'conv2d', filters: 8, kernelSize: 7, stride: 1, padding: 'valid', activation: 'relu', init: 'he' };
    expect(networkIssues(drafts([...convnet.slice(0, 4), conv]))).toEqual([{ layer: 4, message: 'layer 5: a 7×7 convolution needs at least 7×7 input; it gets 5×5' }]);
  });

  it('says an image layer after flat features needs an image', () => {
    expect(networkIssues(drafts([...convnet, pool(2)]))).toEqual([
      { layer: 6, message: 'layer 7: a 2×2 pool needs an image-shaped input (height×width×channels); it gets 128 values' },
    ]);
  });

  it('lets a padded convolution keep a small image', () => {
    const same: LayerSpec = { kind: 'conv2d', filters: 4, kernelSize: 7, stride: 1, padding: 'same', activation: 'relu', init: 'he' };
    expect(networkIssues(drafts([...convnet.slice(0, 4), pool(2), same]))).toEqual([]);
  });
});

describe('layerEditProblem', () => {
  const [denseLayer, dropoutLayer] = drafts([dense(64), { kind: 'dropout', rate: 0.2 }]);

  it('words what an edit would break as the network issues do, naming the layer by its position', () => {
    expect(layerEditProblem(denseLayer!, 2, { units: 0 })).toBe('layer 2: units must be at least 1');
    expect(layerEditProblem(denseLayer!, 11, { units: 1.5 })).toBe('layer 11: units must be a whole number');
    expect(layerEditProblem(denseLayer!, 1, { units: Number.NaN })).toBe('layer 1: units must be a number');
    expect(layerEditProblem(dropoutLayer!, 3, { rate: 0.95 })).toBe('layer 3: rate must be at most 0.9');
  });

  it('is undefined for an edit that keeps the layer valid', () => {
    expect(layerEditProblem(denseLayer!, 2, { units: 4096 })).toBeUndefined();
    expect(layerEditProblem(dropoutLayer!, 1, { rate: 0 })).toBeUndefined();
  });
});

describe('issueField', () => {
  it('reads the field after the layer prefix', () => {
    expect(issueField({ layer: 0, message: 'layer 1: activation must be one of relu' })).toBe('activation');
    expect(issueField({ layer: 0, message: 'layer 1: init must be one of he, glorot' })).toBe('init');
    expect(issueField({ layer: 11, message: 'layer 12: units must be a whole number' })).toBe('units');
    expect(issueField({ message: 'something else' })).toBeNull();
  });
});

describe('canAddLayer', () => {
  it('allows layers up to the limit', () => {
    expect(canAddLayer(0)).toBe(true);
    expect(canAddLayer(MAX_HIDDEN_LAYERS - 1)).toBe(true);
    expect(canAddLayer(MAX_HIDDEN_LAYERS)).toBe(false);
  });
});
