// Our weight layouts re-ordered for the peers: conv weights as jax-js's OIHW and tfjs's HWIO, Dense rows after an NHWC flatten.
import type { ImageShape } from '../src/engine/layers/shapes';

/**
 * `values` of row-major `shape` with its axes re-ordered: output axis i is input axis `order[i]`
 * (numpy's transpose(order)).
 */
export function permuteAxes(values: Float32Array, shape: readonly number[], order: readonly number[]): Float32Array<ArrayBuffer> {
  if (order.length !== shape.length || [...order].sort().some((axis, i) => axis !== i)) throw new RangeError(`axes ${order.join(',')} do not permute a ${shape.length}-d shape`);
  const outShape = order.map((axis) => shape[axis]!);
  const inStrides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, size) => product * size, 1));
  const out = new Float32Array(values.length);
  const index = new Array<number>(shape.length).fill(0); // position in the output, axis by axis
  for (let i = 0; i < out.length; i++) {
    out[i] = values[index.reduce((offset, at, axis) => offset + at * inStrides[order[axis]!]!, 0)]!;
    for (let axis = shape.length - 1; axis >= 0 && ++index[axis]! === outShape[axis]; axis--) index[axis] = 0;
  }
  return out;
}

/** Our conv weight W [C, k, k, F] as jax-js's lax.conv kernel [F, C, k, k] (OIHW). */
export const convWeightsOihw = (weights: Float32Array, channels: number, kernelSize: number, filters: number) => permuteAxes(weights, [channels, kernelSize, kernelSize, filters], [3, 0, 1, 2]);

/** Our conv weight W [C, k, k, F] as tfjs's conv2d filter [k, k, C, F] (HWIO). */
export const convWeightsHwio = (weights: Float32Array, channels: number, kernelSize: number, filters: number) => permuteAxes(weights, [channels, kernelSize, kernelSize, filters], [1, 2, 0, 3]);

/**
 * A Dense weight [H·W·C, outputs] whose rows follow our channel-major flatten (c, h, w), re-ordered for a flatten of an
 * NHWC image (h, w, c), so the layer computes the same function on tfjs's layout.
 */
export const denseRowsChannelLast = (weights: Float32Array, { height, width, channels }: ImageShape, outputs: number) => permuteAxes(weights, [channels, height, width, outputs], [1, 2, 0, 3]);
