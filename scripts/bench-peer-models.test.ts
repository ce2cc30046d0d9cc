// The peers compute our function: tfjs and jax-js (on their CPU and wasm backends) given our initial weights in their layouts
// give the float64 reference's logits for W1 and W2 on real test images.
import * as tf from '@tensorflow/tfjs';
import { init, numpy as np } from '@jax-js/jax';
import { beforeAll, describe, expect, it } from 'vitest';
import { jaxLogits, jaxParams } from '../bench/trainers/jax-model';
import { tfjsLogits, tfjsVariables } from '../bench/trainers/tfjs-model';
import { scaledPixels, workloadData } from '../bench/training-data';
import { WORKLOAD_NAMES, WORKLOADS } from '../bench/workloads';
import { PIXELS_PER_IMAGE } from '../src/engine/data/mnist';
import { initialParameters, parameterLayout } from '../src/engine/model/parameters';
import { mlpForward } from '../src/engine/reference/mlp';
import { mnistFromPackage } from '../tests/gpu/mnist';

const IMAGES = 5;

/** The reference's logits [IMAGES, 10] for the workload's seeded initial weights. */
function referenceLogits(workload: (typeof WORKLOADS)[keyof typeof WORKLOADS], x: Float32Array): Float64Array {
  const layout = parameterLayout(workload.spec);
  const params = initialParameters(layout, workload.seed);
  return mlpForward(workload.spec, layout, params, { x: Float64Array.from(x), labels: new Array<number>(IMAGES).fill(0), batch: IMAGES }).logits;
}

describe.each(WORKLOAD_NAMES)('the peers on %s', (name) => {
  const workload = WORKLOADS[name];
  const { layers, mnist } = workloadData(workload, mnistFromPackage());
  const x = scaledPixels(mnist.test.images.subarray(0, IMAGES * PIXELS_PER_IMAGE));
  const expected = referenceLogits(workload, x);
  /** Indices of the logits off the reference by more than atol 1e-4 + rtol 1e-4. */
  const offenders = (actual: ArrayLike<number>) => [...expected.keys()].filter((i) => !(Math.abs(actual[i]! - expected[i]!) <= 1e-4 + 1e-4 * Math.abs(expected[i]!)));

  beforeAll(async () => {
    await tf.setBackend('cpu');
    await init('wasm');
  });

  it('tfjs computes the reference logits (atol 1e-4, rtol 1e-4)', async () => {
    const variables = tfjsVariables(layers);
    const logits = tfjsLogits(variables, tf.tensor2d(x, [IMAGES, PIXELS_PER_IMAGE]));
    expect(offenders(await logits.data())).toEqual([]);
    tf.dispose([logits, ...variables.flatMap(({ weights, bias }) => (weights && bias ? [weights, bias] : []))]);
  });

  it('jax-js computes the reference logits (atol 1e-4, rtol 1e-4)', async () => {
    const logits = jaxLogits(layers, jaxParams(layers, 'wasm'), np.array(x, { shape: [IMAGES, PIXELS_PER_IMAGE], device: 'wasm' }));
    expect(offenders(await logits.data())).toEqual([]);
  });
});
