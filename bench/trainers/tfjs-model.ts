// W1 and W2 as tfjs computes them: our initial weights in its layouts (conv filters HWIO on NHWC images, the Dense rows after
// a flatten re-ordered to match), and the logits with fused conv2d + bias + ReLU, maxPool and fused matMul + bias + ReLU.
import * as tf from '@tensorflow/tfjs';
import type { BenchLayer } from '../training-data';
import { convWeightsHwio, denseRowsChannelLast } from '../weight-layouts';

/** A layer with its variables: conv filter [k, k, C, F] (HWIO), Dense W [inputs, outputs] (rows in NHWC flatten order), bias. */
export type TfjsLayer = { layer: BenchLayer; weights?: tf.Variable; bias?: tf.Variable };

/** A variable holding `values`; tidy frees the initial-value tensor, the variable holds its own reference. */
const variable = (values: Float32Array, shape: number[]) => tf.tidy(() => tf.variable(tf.tensor(values, shape)));

/** Our initial values in tfjs's layouts. */
export function tfjsVariables(layers: readonly BenchLayer[]): TfjsLayer[] {
  return layers.map((layer) => {
    if (layer.kind === 'maxpool') return { layer };
    if (layer.kind === 'conv2d') {
      const { input, kernelSize, filters } = layer;
      const filter = convWeightsHwio(layer.weights, input.channels, kernelSize, filters);
      return { layer, weights: variable(filter, [kernelSize, kernelSize, input.channels, filters]), bias: variable(layer.bias, [filters]) };
    }
    const rows = layer.inputImage ? denseRowsChannelLast(layer.weights, layer.inputImage, layer.outputs) : layer.weights;
    return { layer, weights: variable(rows, [layer.inputs, layer.outputs]), bias: variable(layer.bias, [layer.outputs]) };
  });
}

/** logits: [rows, 10] from x: [rows, 784]. */
export function tfjsLogits(layers: readonly TfjsLayer[], x: tf.Tensor2D): tf.Tensor {
  return layers.reduce<tf.Tensor>((h, { layer, weights, bias }) => {
    if (layer.kind === 'maxpool') return tf.maxPool(h as tf.Tensor4D, layer.size, layer.size, 'valid');
    if (layer.kind === 'conv2d') {
      const { height, width, channels } = layer.input;
      return tf.fused.conv2d({ x: h.reshape([-1, height, width, channels]), filter: weights as tf.Tensor4D, strides: 1, pad: 'valid', bias, activation: 'relu' });
    }
    return tf.fused.matMul({ a: h.reshape([-1, layer.inputs]), b: weights as tf.Tensor2D, bias, activation: layer.relu ? 'relu' : 'linear' });
  }, x);
}

