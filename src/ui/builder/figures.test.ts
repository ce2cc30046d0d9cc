// unit: per-layer figures and totals of the edited network, valid or not.
import { describe, expect, it } from 'vitest';
import { MAX_HIDDEN_LAYERS, type LayerSpec } from '../../engine/model/spec';
import { estimateGpuMemory, summarizeModel } from '../../engine/model/summary';
import type { DraftLayer } from '../../store/experiment-store';
import { networkFigures, partialFigures } from './figures';

const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu', init: 'he' });
const dropout = (rate: number): LayerSpec => ({ kind: 'dropout', rate });
const drafts = (layers: LayerSpec[]): DraftLayer[] => layers.map((layer, i) => ({ ...layer, id: `l${i}` }));

describe('networkFigures', () => {
  it('gives each layer of a valid network its width, parameters and FLOPs, and the totals from the model summary', () => {
    const layers = [dense(128), dropout(0.2), dense(64)];
    const figures = networkFigures(drafts(layers), 32);
    expect(figures.hidden).toEqual([
      { width: 128, parameters: 784 * 128 + 128, forwardFlops: 2 * 784 * 128 },
      { width: 128, parameters: 0, forwardFlops: 0 },
      { width: 64, parameters: 128 * 64 + 64, forwardFlops: 2 * 128 * 64 },
    ]);
    expect(figures.output).toEqual({ width: 10, parameters: 64 * 10 + 10, forwardFlops: 2 * 64 * 10 });
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
      { width: 32, parameters: 784 * 32 + 32, forwardFlops: 2 * 784 * 32 },
      { width: null, parameters: null, forwardFlops: null },
      { width: null, parameters: 0, forwardFlops: 0 },
      { width: 16, parameters: null, forwardFlops: null },
    ]);
    expect(figures.output).toEqual({ width: 10, parameters: 170, forwardFlops: 320 });
  });

  it('treats a rate out of range as invalid but keeps the figures around it', () => {
    const figures = networkFigures(drafts([dense(32), dropout(2)]), 128);
    expect(figures.totals).toBeNull();
    expect(figures.output.parameters).toBe(330);
  });

  it('keeps per-layer figures for a network with too many layers', () => {
    const figures = networkFigures(drafts(Array.from({ length: MAX_HIDDEN_LAYERS + 1 }, () => dense(4))), 128);
    expect(figures.totals).toBeNull();
    expect(figures.hidden.at(-1)).toEqual({ width: 4, parameters: 20, forwardFlops: 32 });
  });
});

describe('partialFigures', () => {
  it('agrees with summarizeModel on valid networks', () => {
    const networks = [[], [dense(1)], [dropout(0), dense(4096), dropout(0.9), dense(7)], [dense(300), dense(100)]];
    for (const layers of networks) {
      const summary = summarizeModel({ layers });
      expect(partialFigures(layers)).toEqual(
        summary.layers.map((layer) => ({ width: layer.outputShape[1], parameters: layer.parameters, forwardFlops: layer.forwardFlopsPerSample })),
      );
    }
  });

  it('does not give a width to non-integer, NaN or too large unit counts', () => {
    for (const units of [1.5, Number.NaN, 4097, -1]) expect(partialFigures([dense(units)])[0]!.width).toBeNull();
  });
});
