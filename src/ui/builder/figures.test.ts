// unit: per-layer figures and totals of the edited network, valid or not.
import { describe, expect, it } from 'vitest';
import { MAX_HIDDEN_LAYERS, type LayerSpec } from '../../engine/model/spec';
import { estimateGpuMemory, summarizeModel } from '../../engine/model/summary';
import type { DraftLayer } from '../../store/experiment-store';
import { PRESETS } from '../../store/presets';
import { INPUT_FIGURES, networkFigures, partialFigures } from './figures';

const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu', init: 'he' });
const dropout = (rate: number): LayerSpec => ({ kind: 'dropout', rate });
const drafts = (layers: LayerSpec[]): DraftLayer[] => layers.map((layer, i) => ({ ...layer, id: `l${i}` }));

describe('networkFigures', () => {
  it('gives each layer of a valid network its output shape, parameters and FLOPs, and the totals from the model summary', () => {
    const layers = [dense(128), dropout(0.2), dense(64)];
    const figures = networkFigures(drafts(layers), 32);
    expect(figures.hidden).toEqual([
      { shape: '128', parameters: 784 * 128 + 128, forwardFlops: 2 * 784 * 128 },
      { shape: '128', parameters: 0, forwardFlops: 0 },
      { shape: '64', parameters: 128 * 64 + 64, forwardFlops: 2 * 128 * 64 },
    ]);
    expect(figures.output).toEqual({ shape: '10', parameters: 64 * 10 + 10, forwardFlops: 2 * 64 * 10 });
    const summary = summarizeModel({ layers });
    expect(figures.totals).toEqual({
      parameters: summary.parameters,
      forwardFlops: summary.forwardFlopsPerSample,
      trainingFlops: summary.trainingFlopsPerSample,
      gpuBytes: estimateGpuMemory({ layers }, 32).totalBytes,
    });
  });

  it('connects the input straight to the output when there are no hidden layers', () => {
    const figures = networkFigures([], 128);
    expect(figures.hidden).toEqual([]);
    expect(figures.output.parameters).toBe(7850);
  });

  it('leaves out the memory, not the other totals, when the batch size is not a positive whole number', () => {
    expect(networkFigures(drafts([dense(8)]), 0).totals?.gpuBytes).toBeNull();
    expect(networkFigures(drafts([dense(8)]), Number.NaN).totals?.parameters).toBe(784 * 8 + 8 + 8 * 10 + 10);
  });

  it('shows what it can for an invalid network: a bad layer and the parameters of the next Dense layer are unknown', () => {
    const figures = networkFigures(drafts([dense(32), dense(0), dropout(0.5), dense(16)]), 128);
    expect(figures.totals).toBeNull();
    expect(figures.hidden).toEqual([
      { shape: '32', parameters: 784 * 32 + 32, forwardFlops: 2 * 784 * 32 },
      { shape: null, parameters: null, forwardFlops: null },
      { shape: null, parameters: 0, forwardFlops: 0 },
      { shape: '16', parameters: null, forwardFlops: null },
    ]);
    expect(figures.output).toEqual({ shape: '10', parameters: 170, forwardFlops: 320 });
  });

  it('treats a rate out of range as invalid but keeps the figures around it', () => {
    const figures = networkFigures(drafts([dense(32), dropout(2)]), 128);
    expect(figures.totals).toBeNull();
    expect(figures.output.parameters).toBe(330);
  });

  it('keeps per-layer figures for a network with too many layers', () => {
    const figures = networkFigures(drafts(Array.from({ length: MAX_HIDDEN_LAYERS + 1 }, () => dense(4))), 128);
    expect(figures.totals).toBeNull();
    expect(figures.hidden.at(-1)).toEqual({ shape: '4', parameters: 20, forwardFlops: 32 });
  });
});

describe('figures of convolutional networks', () => {
  const figuresOf = (layers: LayerSpec[]) => {
    const { hidden, output } = networkFigures(drafts(layers), 128);
    return [...hidden, output];
  };

  it('shows each output as height×width×channels from the 28×28×1 input, then as features once flattened', () => {
    expect(INPUT_FIGURES).toEqual({ shape: '28×28×1', parameters: 0, forwardFlops: 0 });
    expect(figuresOf(PRESETS.lenet5.spec.layers).map(({ shape }) => shape)).toEqual(['28×28×6', '14×14×6', '10×10×16', '5×5×16', '400', '120', '84', '10']);
    expect(figuresOf(PRESETS.convnet.spec.layers).map(({ shape }) => shape)).toEqual(['24×24×24', '12×12×24', '10×10×32', '5×5×32', '800', '128', '10']);
  });

  it('counts each layer’s parameters and FLOPs as the engine’s summary does', () => {
    for (const { spec } of [PRESETS.lenet5, PRESETS.convnet]) {
      const summary = summarizeModel(spec);
      expect(figuresOf(spec.layers).map(({ parameters, forwardFlops }) => ({ parameters, forwardFlops }))).toEqual(
        summary.layers.map((layer) => ({ parameters: layer.parameters, forwardFlops: layer.forwardFlopsPerSample })),
      );
      expect(networkFigures(drafts(spec.layers), 128).totals?.parameters).toBe(summary.parameters);
    }
    // ConvNet's first layer: 24 filters of 5×5 over one channel, plus a bias each; 2 FLOPs per tap at each of 24×24×24 outputs.
    expect(figuresOf(PRESETS.convnet.spec.layers)[0]).toEqual({ shape: '24×24×24', parameters: 24 * 25 + 24, forwardFlops: 2 * 24 * 24 * 24 * 25 });
  });

  it('leaves the shapes after a layer unknown when they depend on a value that is not valid yet', () => {
    const [conv, pool, conv2, ...rest] = PRESETS.convnet.spec.layers;
    const figures = figuresOf([{ ...conv!, filters: 0 } as LayerSpec, pool!, conv2!, ...rest]);
    // The channels after it are not known, and so neither are the next convolution's parameters.
    expect(figures.slice(0, 5).map(({ shape }) => shape)).toEqual([null, null, null, null, null]);
    expect(figures[2]!.parameters).toBeNull();
    expect(figures[5]).toMatchObject({ shape: '128', parameters: null }); // Dense has its units whatever it reads
  });

  it('gives no shape to a layer the shape cannot flow through, nor to the image layers after it', () => {
    const pool = (size: number): LayerSpec => ({ kind: 'maxpool', size, stride: 'size' });
    const [first, second, third, fourth, ...rest] = PRESETS.convnet.spec.layers;
    const figures = figuresOf([first!, second!, third!, fourth!, pool(2), pool(3), pool(2), ...rest]);
    expect(figures.map(({ shape }) => shape)).toEqual(['24×24×24', '12×12×24', '10×10×32', '5×5×32', '2×2×32', null, null, null, '128', '10']);
    expect(networkFigures(drafts([first!, pool(3), pool(3), pool(3), pool(3)]), 128).totals).toBeNull();
  });
});

describe('partialFigures', () => {
  it('agrees with the figures of valid networks, from summarizeModel and each layer’s place', () => {
    const networks = [[], [dense(1)], [dropout(0), dense(4096), dropout(0.9), dense(7)], [dense(300), dense(100)], PRESETS.lenet5.spec.layers];
    for (const layers of networks) {
      const { hidden, output } = networkFigures(drafts(layers), 128);
      expect(partialFigures(layers)).toEqual([...hidden, output]);
      expect(partialFigures(layers).map(({ parameters }) => parameters)).toEqual(summarizeModel({ layers }).layers.map((layer) => layer.parameters));
    }
    expect(partialFigures([dropout(0)])[0]!.shape).toBe('28×28×1');
  });

  it('does not give a shape to non-integer, NaN or too large unit counts', () => {
    for (const units of [1.5, Number.NaN, 4097, -1]) expect(partialFigures([dense(units)])[0]!.shape).toBeNull();
  });
});
