// Per-layer output shapes, parameter counts and FLOPs, and the GPU memory a model needs for a batch size.
import { PIXELS_PER_IMAGE } from '../data/mnist';
import { OUTPUT_LAYER, type ModelSpec } from './spec';

export interface LayerSummary {
  /** e.g. "Dense 128 relu", "Dropout 0.2", "Output 10 softmax". */
  name: string;
  outputShape: [batch: 'batch', width: number];
  parameters: number;
  /** Multiply-adds ×2 in the forward pass, per sample. */
  forwardFlopsPerSample: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  parameters: number;
  forwardFlopsPerSample: number;
  /** Forward + backward (≈ 3× forward for Dense layers), per sample. */
  trainingFlopsPerSample: number;
}

export function summarizeModel(spec: ModelSpec): ModelSummary {
  let width = PIXELS_PER_IMAGE;
  const layers = [...spec.layers, OUTPUT_LAYER].map((layer, i, all): LayerSummary => {
    if (layer.kind === 'dropout') return { name: `Dropout ${layer.rate}`, outputShape: ['batch', width], parameters: 0, forwardFlopsPerSample: 0 };
    const inputs = width;
    width = layer.units;
    const isOutput = i === all.length - 1;
    return {
      name: isOutput ? `Output ${layer.units} softmax` : `Dense ${layer.units} ${layer.activation}`,
      outputShape: ['batch', layer.units],
      parameters: inputs * layer.units + layer.units,
      forwardFlopsPerSample: 2 * inputs * layer.units,
    };
  });
  const forward = layers.reduce((sum, layer) => sum + layer.forwardFlopsPerSample, 0);
  return {
    layers,
    parameters: layers.reduce((sum, layer) => sum + layer.parameters, 0),
    forwardFlopsPerSample: forward,
    trainingFlopsPerSample: 3 * forward,
  };
}

export interface GpuMemoryEstimate {
  /** Parameters, gradients and optimizer state (two moments, enough for Adam). */
  parameterBytes: number;
  /** Activations, pre-activations, gradients and dropout masks for one batch. */
  activationBytes: number;
  totalBytes: number;
}

/** Bytes of GPU memory a model needs for training at `batchSize` (the dataset itself not included). */
export function estimateGpuMemory(spec: ModelSpec, batchSize: number): GpuMemoryEstimate {
  const summary = summarizeModel(spec);
  const parameterBytes = 4 * summary.parameters * 4;
  // Per layer: output Y, pre-activation Z and the gradient dY, each [batch, width]; plus the input batch.
  const widths = summary.layers.map((layer) => layer.outputShape[1]);
  const activationFloats = batchSize * (PIXELS_PER_IMAGE + 3 * widths.reduce((sum, width) => sum + width, 0));
  const activationBytes = 4 * activationFloats;
  return { parameterBytes, activationBytes, totalBytes: parameterBytes + activationBytes };
}
