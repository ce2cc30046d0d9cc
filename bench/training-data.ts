// What every W1 trainer starts from: MNIST as the app fetches it, epoch 0's shuffle and the seeded initial weights.
import { epochPermutation } from '../src/engine/data/permutation';
import type { MnistDataset } from '../src/engine/data/mnist';
import { initialParameters, parameterLayout } from '../src/engine/model/parameters';
import { W1, W1_SPEC } from './training-protocol';

/** One Dense layer's initial values. */
export interface InitialDense {
  inputs: number;
  outputs: number;
  weights: Float32Array<ArrayBuffer>; // W: [inputs, outputs] row-major
  bias: Float32Array<ArrayBuffer>; // b: [outputs]
}

export interface W1Data {
  mnist: MnistDataset;
  /** Epoch 0's shuffle of the training indices: the order the app's trainer draws batches in. */
  permutation: Uint32Array;
  /** The app's Glorot-uniform initial weights for W1, layer by layer, so every trainer starts from the same point. */
  layers: InitialDense[];
}

export function w1Data(mnist: MnistDataset): W1Data {
  const layout = parameterLayout(W1_SPEC);
  const values = initialParameters(layout, W1.seed);
  const layers = layout.dense.map(({ inputs, outputs, weightOffset, biasOffset }) => ({
    inputs,
    outputs,
    weights: values.slice(weightOffset, weightOffset + inputs * outputs),
    bias: values.slice(biasOffset, biasOffset + outputs),
  }));
  return { mnist, permutation: epochPermutation(W1.seed, 0, W1.trainImages), layers };
}

/** Pixels as float32 in [0, 1], as the peers hold them. */
export function scaledPixels(images: Uint8Array): Float32Array<ArrayBuffer> {
  return Float32Array.from(images, (pixel) => pixel / 255);
}
