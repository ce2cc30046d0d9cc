// What every trainer starts a workload from: MNIST as the app fetches it, epoch 0's shuffle and the seeded initial weights,
// layer by layer in our layouts (the peers convert them with bench/weight-layouts.ts).
import { epochPermutation } from '../src/engine/data/permutation';
import type { MnistDataset } from '../src/engine/data/mnist';
import { imageOf, type ImageShape } from '../src/engine/layers/shapes';
import { networkLayers, type NetworkLayer } from '../src/engine/model/network';
import { initialParameters, layerTensors, parameterLayout, type PlacedTensor } from '../src/engine/model/parameters';
import type { Workload } from './workloads';

/** A layer as the peers build it, with its initial values. */
export type BenchLayer =
  /** Stride 1, no padding, bias, then ReLU. weights: W [C, k, k, F]; bias: [F]. */
  | { kind: 'conv2d'; input: ImageShape; kernelSize: number; filters: number; weights: Float32Array<ArrayBuffer>; bias: Float32Array<ArrayBuffer> }
  /** size × size windows at stride size. */
  | { kind: 'maxpool'; size: number }
  /**
   * weights: W [inputs, outputs] row-major; bias: [outputs]; ReLU unless it is the output layer. `inputImage`: the image it
   * reads, its rows channel-major (c, h, w) as our flatten lays them out.
   */
  | { kind: 'dense'; inputs: number; outputs: number; relu: boolean; inputImage?: ImageShape; weights: Float32Array<ArrayBuffer>; bias: Float32Array<ArrayBuffer> };

export interface WorkloadData {
  workload: Workload;
  mnist: MnistDataset;
  /** Epoch 0's shuffle of the training indices: the order the app's trainer draws batches in. */
  permutation: Uint32Array;
  /** The app's seeded initial weights, so every trainer starts from the same point. */
  layers: BenchLayer[];
}

/**
 * One layer of the network, or none for a Flatten (Dense flattens what it reads); throws for what the peers do not build.
 * `image`: the image the layer reads, through a Flatten before it where there is one.
 */
function benchLayer({ spec, place }: NetworkLayer, image: ImageShape | undefined, tensors: readonly PlacedTensor[], values: Float32Array): BenchLayer[] {
  const [weights, bias] = tensors.map(({ offset, size }) => values.slice(offset, offset + size)) as [Float32Array<ArrayBuffer>, Float32Array<ArrayBuffer>];
  const unsupported = () => new RangeError(`layer ${place.index + 1} (${JSON.stringify(spec)}): the peers build valid stride-1 ReLU convolutions, pools at their size's stride and ReLU Dense layers only`);
  switch (spec.kind) {
    case 'conv2d':
      if (spec.stride !== 1 || spec.padding !== 'valid' || spec.activation !== 'relu') throw unsupported();
      return [{ kind: 'conv2d', input: image!, kernelSize: spec.kernelSize, filters: spec.filters, weights, bias }];
    case 'maxpool':
      if (spec.stride !== 'size') throw unsupported();
      return [{ kind: 'maxpool', size: spec.size }];
    case 'flatten':
      return [];
    case 'dense': {
      const relu = spec.activation === 'relu';
      if (!relu && place.role !== 'output') throw unsupported();
      return [{ kind: 'dense', inputs: weights.length / spec.units, outputs: spec.units, relu, ...(image ? { inputImage: image } : {}), weights, bias }];
    }
    default:
      throw unsupported();
  }
}

export function workloadData(workload: Workload, mnist: MnistDataset): WorkloadData {
  const layout = parameterLayout(workload.spec);
  const values = initialParameters(layout, workload.seed);
  const network = networkLayers(workload.spec);
  const layers = network.flatMap((layer, i) => {
    const before = network[i - 1];
    const image = imageOf(layer.place.input) ?? (before?.spec.kind === 'flatten' ? imageOf(before.place.input) : undefined);
    return benchLayer(layer, image, layerTensors(layout, layer.place.index), values);
  });
  return { workload, mnist, permutation: epochPermutation(workload.seed, 0, workload.trainImages), layers };
}

/** Pixels as float32 in [0, 1], as the peers hold them. */
export function scaledPixels(images: Uint8Array): Float32Array<ArrayBuffer> {
  return Float32Array.from(images, (pixel) => pixel / 255);
}
