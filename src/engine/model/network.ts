// A model spec as the network it builds: the dataset's input, the hidden layers, the output layer, each placed with its shapes.
import { MNIST, type DatasetDescription } from '../data/datasets';
import type { LayerPlace } from '../layers/kind';
import { kindOf, outputLayer, type AnyLayerKind, type LayerSpec } from '../layers/registry';
import { shapeSize, type Shape } from '../layers/shapes';
import type { ModelSpec, SpecIssue } from './spec';

export interface NetworkLayer {
  spec: LayerSpec;
  kind: AnyLayerKind;
  place: LayerPlace;
}

type ShapeFlow = { ok: true; layers: NetworkLayer[] } | { ok: false; issue: SpecIssue };

/** Each layer's input and output shape from the dataset's sample on, or the first layer the shape cannot flow through. */
function flowShapes(spec: ModelSpec, dataset: DatasetDescription): ShapeFlow {
  const all = [...spec.layers, outputLayer(dataset.classNames.length)];
  const layers: NetworkLayer[] = [];
  let input: Shape = dataset.inputShape;
  for (const [index, layer] of all.entries()) {
    const kind = kindOf(layer.kind);
    const output = kind.outputShape(layer, input);
    if (!output.ok) return { ok: false, issue: { layer: index, message: `layer ${index + 1}: ${output.message}` } };
    layers.push({ spec: layer, kind, place: { index, role: index === all.length - 1 ? 'output' : 'hidden', input, output: output.shape } });
    input = output.shape;
  }
  return { ok: true, layers };
}

/** The layers of a valid spec, placed; throws a RangeError naming the layer a shape cannot flow through. */
export function networkLayers(spec: ModelSpec, dataset: DatasetDescription = MNIST): NetworkLayer[] {
  const flow = flowShapes(spec, dataset);
  if (!flow.ok) throw new RangeError(flow.issue.message);
  return flow.layers;
}

/** Where a shape cannot flow through the spec's layers (at most one issue: the shapes after it are unknown). */
export function shapeIssues(spec: ModelSpec, dataset: DatasetDescription = MNIST): SpecIssue[] {
  const flow = flowShapes(spec, dataset);
  return flow.ok ? [] : [flow.issue];
}

/** Floats per sample the network reads, and the classes it scores. */
export function networkSizes(network: readonly NetworkLayer[]): { inputFloats: number; classes: number } {
  return { inputFloats: shapeSize(network[0]!.place.input), classes: shapeSize(network.at(-1)!.place.output) };
}
