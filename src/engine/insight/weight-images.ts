// The first layer with parameters' weights as one image per output unit: read back from the flat parameters, tiled on the CPU.
import type { GpuContext } from '../gpu/device';
import { readBuffer } from '../gpu/readback';
import type { WeightImageLayout } from '../layers/kind';
import { imageOf } from '../layers/shapes';
import { networkLayers } from '../model/network';
import type { ParameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { MAX_WEIGHT_IMAGES, type WeightImages } from './types';

/** [count, height × width]: unit u's tile row-major, for the first `count` units. */
export function weightTiles(layout: WeightImageLayout, weights: ArrayLike<number>, count: number): Float32Array {
  const { height, width } = layout;
  const tiles = new Float32Array(count * height * width);
  for (let unit = 0; unit < count; unit++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) tiles[(unit * height + y) * width + x] = weights[layout.indexOf(unit, y, x)]!;
    }
  }
  return tiles;
}

/** The layer whose weights are shown, its tensor and how that reads as images; throws when it does not. */
function shownLayer(spec: ModelSpec, parameters: ParameterLayout) {
  const first = parameters.layers[0]!; // the output layer at least has parameters
  const { spec: layer, kind, place } = networkLayers(spec)[first.layerIndex]!;
  const name = kind.name(layer, place.role);
  const images = kind.weightImages?.(layer, place);
  if (!images) throw new Error(`The first layer with weights, ${name}, has no weights that read as images.`);
  // A layer that gives an image gives one channel per unit: its units are filters.
  return { index: place.index, name, unitName: imageOf(place.output) ? ('filter' as const) : ('unit' as const), images, weights: first.tensors[0]! };
}

/**
 * Reads only the first layer's weight tensor (a byte range of the flat parameters), after the work submitted so far,
 * and tiles up to MAX_WEIGHT_IMAGES units. `step`: the step those weights come from.
 */
export async function readWeightImages(ctx: GpuContext, spec: ModelSpec, model: { layout: ParameterLayout; params: GPUBuffer }, step: number): Promise<WeightImages> {
  const { index, name, unitName, images, weights } = shownLayer(spec, model.layout);
  const values = new Float32Array(await readBuffer(ctx, model.params, weights.size * 4, weights.offset * 4));
  const count = Math.min(images.units, MAX_WEIGHT_IMAGES);
  return { layer: index, name, units: images.units, unitName, count, height: images.height, width: images.width, values: weightTiles(images, values, count), step };
}
