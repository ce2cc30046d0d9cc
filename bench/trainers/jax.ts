// jax-js on its webgpu backend on W1: value-and-grad plus a written-out Adam update under one jit; the batch gather outside it.
import { jit, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import { CLASS_COUNT, PIXELS_PER_IMAGE, type MnistSplit } from '../../src/engine/data/mnist';
import { describeAdapter } from '../contender';
import { startJaxWebGpu } from '../contenders/jax';
import type { BenchModel, BenchTrainer } from '../trainer';
import { scaledPixels, type InitialDense, type W1Data } from '../training-data';
import { W1 } from '../training-protocol';

/** [W1, b1, W2, b2, W3, b3]: W [inputs, outputs], b [outputs]. */
type Params = np.Array[];
type AdamState = { params: Params; m: Params; v: Params; t: np.Array };

interface SplitArrays {
  images: np.Array; // float32 [count, 784] in [0, 1]
  labels: np.Array; // int32 [count]
}

/**
 * Steps whose work may still be running: each step's loss is awaited this many steps later. Without any wait
 * jax-js keeps every step's kernels pending and its graph grows all epoch (about 575 samples/s instead of 1,300 here).
 */
const STEPS_IN_FLIGHT = 4;

const onGpu = { device: 'webgpu' } as const;

function uploadSplit(split: MnistSplit): SplitArrays {
  return {
    images: np.array(scaledPixels(split.images), { shape: [split.count, PIXELS_PER_IMAGE], ...onGpu }),
    labels: np.array(Int32Array.from(split.labels), { shape: [split.count], dtype: np.int32, ...onGpu }),
  };
}

/** logits: [rows, 10]; ReLU after every layer but the last. Consumes params and x. */
function logitsOf(params: Params, x: np.Array): np.Array {
  let h = x;
  for (let layer = 0; layer < params.length / 2; layer++) {
    const z = np.matmul(h, params[2 * layer]!).add(params[2 * layer + 1]!);
    h = layer < params.length / 2 - 1 ? nn.relu(z) : z;
  }
  return h;
}

/** Mean softmax cross-entropy of the batch, from log-softmax (log-sum-exp), never log(softmax). */
function lossOf(params: Params, x: np.Array, labels: np.Array): np.Array {
  return nn.logSoftmax(logitsOf(params, x)).mul(nn.oneHot(labels, CLASS_COUNT)).sum().mul(-1 / W1.batch);
}

/**
 * One step: loss and gradients, then Adam with bias correction, p ← p − lr·m̂ / (√v̂ + ε),
 * m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ). Consumes its arguments; returns the new state and the loss.
 */
function adamStep(state: AdamState, x: np.Array, labels: np.Array): [AdamState, np.Array] {
  const { learningRate, beta1, beta2, epsilon } = W1.adam;
  const [loss, grads] = valueAndGrad(lossOf)(tree.ref(state.params), x, labels);
  const t = state.t.add(1);
  const correction1 = np.subtract(1, np.power(beta1, t.ref));
  const correction2 = np.subtract(1, np.power(beta2, t.ref));
  const m = state.m.map((m, i) => m.mul(beta1).add(grads[i]!.ref.mul(1 - beta1)));
  const v = state.v.map((v, i) => v.mul(beta2).add(np.square(grads[i]!).mul(1 - beta2)));
  const params = state.params.map((p, i) => {
    const mHat = m[i]!.ref.div(correction1.ref);
    const vHat = v[i]!.ref.div(correction2.ref);
    return p.sub(mHat.mul(learningRate).div(np.sqrt(vHat).add(epsilon)));
  });
  correction1.dispose();
  correction2.dispose();
  return [{ params, m, v, t }, loss];
}

function initialState(layers: InitialDense[]): AdamState {
  const params = layers.flatMap(({ inputs, outputs, weights, bias }) => [
    np.array(weights, { shape: [inputs, outputs], ...onGpu }),
    np.array(bias, { shape: [outputs], ...onGpu }),
  ]);
  const zeros = () => params.map((p) => np.zeros(p.shape, onGpu));
  return { params, m: zeros(), v: zeros(), t: np.zeros([], onGpu) };
}

/** What every model trains and evaluates on, held on the GPU. */
interface GpuData {
  device: GPUDevice;
  train: SplitArrays;
  test: SplitArrays;
  permutation: np.Array; // int32 [60000]: epoch 0's shuffle
}

function createModel({ device, train, test, permutation }: GpuData, initial: InitialDense[]): BenchModel {
  const trainStep = jit(adamStep);
  let state = initialState(initial);
  /** Losses of the steps not yet known to be finished, oldest first. */
  const inFlight: { loss: np.Array; done: Promise<unknown> }[] = [];
  const settleOldest = async () => {
    const oldest = inFlight.shift()!;
    await oldest.done;
    oldest.loss.dispose();
  };

  return {
    async runSteps(first, count) {
      for (let step = first; step < first + count; step++) {
        const indices = permutation.ref.slice([step * W1.batch, (step + 1) * W1.batch]);
        const x = np.take(train.images.ref, indices.ref, 0);
        const labels = np.take(train.labels.ref, indices, 0);
        const [next, loss] = trainStep(state, x, labels);
        state = next;
        // Waiting on the loss submits the step's kernels (jax-js is lazy); waiting on old ones bounds the queue.
        inFlight.push({ loss, done: loss.blockUntilReady() });
        if (inFlight.length > STEPS_IN_FLIGHT) await settleOldest();
      }
    },
    async finish() {
      while (inFlight.length > 0) await settleOldest();
      await Promise.all(state.params.map((p) => p.blockUntilReady()));
      await device.queue.onSubmittedWorkDone();
    },
    async evaluate() {
      const logits = logitsOf(tree.ref(state.params), test.images.ref);
      const correct = np.equal(np.argmax(logits, 1), test.labels.ref).astype(np.float32).sum();
      const [count] = await correct.data();
      return count! / test.labels.size;
    },
    dispose() {
      inFlight.splice(0).forEach(({ loss }) => loss.dispose());
      tree.dispose(state);
      trainStep.dispose();
    },
  };
}

export async function startJax(data: W1Data): Promise<BenchTrainer> {
  const device = await startJaxWebGpu();
  const gpuData: GpuData = {
    device,
    train: uploadSplit(data.mnist.train),
    test: uploadSplit(data.mnist.test),
    permutation: np.array(Int32Array.from(data.permutation), { dtype: np.int32, ...onGpu }),
  };
  const { train, test, permutation } = gpuData;
  const dataset = [train.images, train.labels, test.images, test.labels];
  await Promise.all([...dataset, permutation].map((array) => array.blockUntilReady()));
  return {
    adapter: describeAdapter(device.adapterInfo),
    gpuDatasetBytes: dataset.reduce((sum, array) => sum + array.size * 4, 0), // float32 and int32: 4 bytes a value
    createModel: async () => createModel(gpuData, data.layers),
    dispose: () => [...dataset, permutation].forEach((array) => array.dispose()),
  };
}
