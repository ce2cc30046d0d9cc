// W2 and W1 as jax-js computes them: our initial weights in its layouts (conv kernels OIHW on NCHW images, our own layout),
// and the logits, with lax.conv and lax.reduceWindow max pooling as the jax-js demo does.
import { lax, nn, numpy as np, type Device } from '@jax-js/jax';
import type { BenchLayer } from '../training-data';
import { convWeightsOihw } from '../weight-layouts';

/** Each conv and Dense layer's [W, b], in network order: conv W [F, C, k, k], b [F, 1, 1]; Dense W [inputs, outputs], b [outputs]. */
export type JaxParams = np.Array[];

/** Our initial values as jax-js arrays on `device`. */
export function jaxParams(layers: readonly BenchLayer[], device: Device): JaxParams {
  return layers.flatMap((layer) => {
    if (layer.kind === 'maxpool') return [];
    if (layer.kind === 'dense') return [np.array(layer.weights, { shape: [layer.inputs, layer.outputs], device }), np.array(layer.bias, { shape: [layer.outputs], device })];
    const { input, kernelSize, filters } = layer;
    return [
      np.array(convWeightsOihw(layer.weights, input.channels, kernelSize, filters), { shape: [filters, input.channels, kernelSize, kernelSize], device }),
      np.array(layer.bias, { shape: [filters, 1, 1], device }),
    ];
  });
}

/** logits: [rows, 10] from x: [rows, 784]. Consumes params and x. */
export function jaxLogits(layers: readonly BenchLayer[], params: JaxParams, x: np.Array): np.Array {
  let h = x;
  let next = 0;
  for (const layer of layers) {
    if (layer.kind === 'maxpool') {
      h = lax.reduceWindow(h, np.max, [layer.size, layer.size], [layer.size, layer.size]);
      continue;
    }
    const [w, b] = [params[next++]!, params[next++]!];
    if (layer.kind === 'conv2d') {
      const { channels, height, width } = layer.input;
      h = nn.relu(lax.conv(h.reshape([-1, channels, height, width]), w, [1, 1], 'VALID').add(b));
    } else {
      const z = np.matmul(h.reshape([-1, layer.inputs]), w).add(b);
      h = layer.relu ? nn.relu(z) : z;
    }
  }
  return h;
}

