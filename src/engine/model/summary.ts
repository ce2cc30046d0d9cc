// Per-layer output shapes, parameter counts and FLOPs, and the GPU memory a model needs for a batch size, from each kind's figures.
import { shapeSize } from '../layers/shapes';
import { networkLayers, networkSizes, type NetworkLayer } from './network';
import type { ModelSpec } from './spec';

export interface LayerSummary {
  /** e.g. "Dense 128 relu", "Dropout 0.2", "Output 10 softmax". */
  name: string;
  /** The output flattened: features per sample. */
  outputShape: [batch: 'batch', width: number];
  parameters: number;
  /** Multiply-adds ×2 in the forward pass, per sample. */
  forwardFlopsPerSample: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  parameters: number;
  forwardFlopsPerSample: number;
  /** Forward + backward, per sample (≈ 3× forward for Dense layers). */
  trainingFlopsPerSample: number;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** One placed layer's name, output, parameter count and forward FLOPs, from its kind. */
export function summarizeLayer({ spec: layer, kind, place }: NetworkLayer): LayerSummary {
  return {
    name: kind.name(layer, place.role),
    outputShape: ['batch', shapeSize(place.output)],
    parameters: sum(kind.parameters(layer, place).map((tensor) => shapeSize(tensor.shape))),
    forwardFlopsPerSample: kind.figures(layer, place).forwardFlopsPerSample,
  };
}

export function summarizeModel(spec: ModelSpec): ModelSummary {
  const network = networkLayers(spec);
  const layers = network.map(summarizeLayer);
  return {
    layers,
    parameters: sum(layers.map((layer) => layer.parameters)),
    forwardFlopsPerSample: sum(layers.map((layer) => layer.forwardFlopsPerSample)),
    trainingFlopsPerSample: sum(network.map(({ spec: layer, kind, place }) => kind.figures(layer, place).trainingFlopsPerSample)),
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
  const network = networkLayers(spec);
  const parameterBytes = 4 * summarizeModel(spec).parameters * 4;
  // The input batch, and what each layer keeps per sample.
  const perSample = networkSizes(network).inputFloats + sum(network.map(({ spec: layer, kind, place }) => kind.figures(layer, place).activationFloatsPerSample));
  const activationBytes = 4 * batchSize * perSample;
  return { parameterBytes, activationBytes, totalBytes: parameterBytes + activationBytes };
}
