// Output shape, parameters and FLOPs of each layer, and the network's totals, also for a network still being fixed.
import { PIXELS_PER_IMAGE } from '../../engine/data/mnist';
import { MAX_UNITS, OUTPUT_LAYER, validateModelSpec, type LayerSpec } from '../../engine/model/spec';
import { estimateGpuMemory, summarizeModel } from '../../engine/model/summary';
import { draftSpec, type DraftLayer } from '../../store/experiment-store';

/** One layer's figures; null where they depend on a value that is not valid yet. */
export interface LayerFigures {
  /** Output width: the output shape is [batch, width]. */
  width: number | null;
  parameters: number | null;
  /** Multiply-adds ×2 in the forward pass, per sample. */
  forwardFlops: number | null;
}

export interface NetworkTotals {
  parameters: number;
  forwardFlops: number;
  trainingFlops: number;
  /** Training memory at the batch size; null when the batch size is not a positive whole number. */
  gpuBytes: number | null;
}

export interface NetworkFigures {
  hidden: LayerFigures[];
  output: LayerFigures;
  /** Only for a valid network. */
  totals: NetworkTotals | null;
}

const validUnits = (units: number) => Number.isInteger(units) && units >= 1 && units <= MAX_UNITS;

/** Figures computed layer by layer: a Dense layer's width needs only its units, its parameters also its input width. */
export function partialFigures(layers: readonly LayerSpec[]): LayerFigures[] {
  let width: number | null = PIXELS_PER_IMAGE;
  return [...layers, OUTPUT_LAYER].map((layer): LayerFigures => {
    if (layer.kind === 'dropout') return { width, parameters: 0, forwardFlops: 0 };
    const inputs: number | null = width;
    width = validUnits(layer.units) ? layer.units : null;
    if (inputs === null || width === null) return { width, parameters: null, forwardFlops: null };
    return { width, parameters: inputs * width + width, forwardFlops: 2 * inputs * width };
  });
}

export function networkFigures(layers: readonly DraftLayer[], batchSize: number): NetworkFigures {
  const validation = validateModelSpec(draftSpec(layers));
  if (!validation.ok) {
    const all = partialFigures(layers);
    return { hidden: all.slice(0, -1), output: all.at(-1)!, totals: null };
  }
  const summary = summarizeModel(validation.spec);
  const all = summary.layers.map((layer) => ({ width: layer.outputShape[1], parameters: layer.parameters, forwardFlops: layer.forwardFlopsPerSample }));
  const batchOk = Number.isInteger(batchSize) && batchSize >= 1;
  return {
    hidden: all.slice(0, -1),
    output: all.at(-1)!,
    totals: {
      parameters: summary.parameters,
      forwardFlops: summary.forwardFlopsPerSample,
      trainingFlops: summary.trainingFlopsPerSample,
      gpuBytes: batchOk ? estimateGpuMemory(validation.spec, batchSize).totalBytes : null,
    },
  };
}
