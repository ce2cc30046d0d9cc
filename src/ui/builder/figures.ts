// Output shape, parameters and FLOPs of each layer, and the network's totals, also for a network still being fixed.
import { MNIST } from '../../engine/data/datasets';
import type { LayerPlace } from '../../engine/layers/kind';
import { kindOf, type AnyLayerKind } from '../../engine/layers/registry';
import { formatShape, type Shape } from '../../engine/layers/shapes';
import { networkLayers, type NetworkLayer } from '../../engine/model/network';
import { OUTPUT_LAYER, validateModelSpec, type LayerSpec } from '../../engine/model/spec';
import { estimateGpuMemory, summarizeLayer, summarizeModel } from '../../engine/model/summary';
import { draftSpec, type DraftLayer } from '../../store/experiment-store';

/** One layer's figures; null where they depend on a value that is not valid yet. */
export interface LayerFigures {
  /** One sample's output shape as it prints, [H, W, C] or [features]: "24×24×24", "128". */
  shape: string | null;
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

function figuresOf(layer: NetworkLayer): LayerFigures {
  const { parameters, forwardFlopsPerSample } = summarizeLayer(layer);
  return { shape: formatShape(layer.place.output), parameters, forwardFlops: forwardFlopsPerSample };
}

/** The dataset's sample, as the input card shows it: 28×28×1 pixels, nothing computed. */
export const INPUT_FIGURES: LayerFigures = { shape: formatShape(MNIST.inputShape), parameters: 0, forwardFlops: 0 };

/** Two stand-ins for an input shape that is not known yet. */
const UNKNOWN_INPUTS: Shape[] = [MNIST.inputShape, [1]];

/** The layer with each invalid field at one end of its range (end 0) or the other (1): two guesses that differ where its value matters. */
function guessed(kind: AnyLayerKind, layer: LayerSpec, end: 0 | 1): LayerSpec {
  const invalid = new Set(kind.schema.safeParse(layer).error?.issues.map(({ path }) => path[0]));
  const ends = kind.fields.filter(({ key }) => invalid.has(key)).map((field) => [field.key, field.type === 'select' ? [field.options[0], field.options.at(-1)][end] : [field.min, field.max][end]]);
  return { ...layer, ...Object.fromEntries(ends) } as LayerSpec;
}

/** A value all guesses agree on, or null. */
const agreed = <T>(values: readonly (T | undefined)[], same: (a: T, b: T) => boolean = Object.is): T | null =>
  values.every((value) => value !== undefined && same(value, values[0]!)) ? values[0]! : null;

/** One layer's figures and output shape: each is known when every guess at its unknowns (invalid fields, an unknown input) gives the same. */
function layerFigures(layer: LayerSpec, index: number, role: LayerPlace['role'], input: Shape | null): { figures: LayerFigures; output: Shape | null } {
  const kind = kindOf(layer.kind);
  const guesses = [0, 1].flatMap((end) => (input ? [input] : UNKNOWN_INPUTS).map((shape) => ({ spec: guessed(kind, layer, end as 0 | 1), input: shape })));
  const placed = guesses.map(({ spec, input: shape }) => {
    const output = kind.outputShape(spec, shape);
    return output.ok ? { spec, kind, place: { index, role, input: shape, output: output.shape } } : undefined;
  });
  const summaries = placed.map((entry) => entry && figuresOf(entry));
  const figure = <Key extends keyof LayerFigures>(key: Key) => agreed<NonNullable<LayerFigures[Key]>>(summaries.map((summary) => summary?.[key] ?? undefined));
  const output = agreed(placed.map((entry) => entry?.place.output), (a, b) => formatShape(a) === formatShape(b));
  return { figures: { shape: figure('shape'), parameters: figure('parameters'), forwardFlops: figure('forwardFlops') }, output };
}

/** Figures computed layer by layer, from each kind, for a network that may still have invalid values. */
export function partialFigures(layers: readonly LayerSpec[]): LayerFigures[] {
  const all = [...layers, OUTPUT_LAYER];
  let input: Shape | null = MNIST.inputShape;
  return all.map((layer, index) => {
    const { figures, output } = layerFigures(layer, index, index === all.length - 1 ? 'output' : 'hidden', input);
    input = output;
    return figures;
  });
}

export function networkFigures(layers: readonly DraftLayer[], batchSize: number): NetworkFigures {
  const validation = validateModelSpec(draftSpec(layers));
  if (!validation.ok) {
    const all = partialFigures(draftSpec(layers).layers);
    return { hidden: all.slice(0, -1), output: all.at(-1)!, totals: null };
  }
  const summary = summarizeModel(validation.spec);
  const all = networkLayers(validation.spec).map(figuresOf);
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
