// jax-js on its webgpu backend: value-and-grad of the model in jax-model.ts plus a written-out Adam update under one jit,
// the batch gather outside it; the test set in jitted chunks.
import { jit, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import { CLASS_COUNT, PIXELS_PER_IMAGE, type MnistSplit } from '../../src/engine/data/mnist';
import { LossReads, type SyncCadence } from '../cadence';
import { describeAdapter } from '../contender';
import { startJaxWebGpu } from '../contenders/jax';
import type { BenchModel, BenchTrainer } from '../trainer';
import { scaledPixels, type BenchLayer, type WorkloadData } from '../training-data';
import { EVAL_CHUNK } from '../training-protocol';
import type { Workload } from '../workloads';
import { jaxLogits, jaxParams, type JaxParams } from './jax-model';

type AdamState = { params: JaxParams; m: JaxParams; v: JaxParams; t: np.Array };

interface SplitArrays {
  images: np.Array; // float32 [count, 784] in [0, 1]
  labels: np.Array; // int32 [count]
}

const onGpu = { device: 'webgpu' } as const;

function uploadSplit(split: MnistSplit): SplitArrays {
  return {
    images: np.array(scaledPixels(split.images), { shape: [split.count, PIXELS_PER_IMAGE], ...onGpu }),
    labels: np.array(Int32Array.from(split.labels), { shape: [split.count], dtype: np.int32, ...onGpu }),
  };
}

/**
 * One step of `workload`: the batch's mean softmax cross-entropy (from log-softmax, never log(softmax)) and its gradients,
 * then Adam with bias correction, p ← p − lr·m̂ / (√v̂ + ε), m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ). Consumes its
 * arguments; returns the new state and the loss.
 */
function adamStep({ adam, batch }: Workload, layers: readonly BenchLayer[]) {
  const { learningRate, beta1, beta2, epsilon } = adam;
  const lossOf = (params: JaxParams, x: np.Array, labels: np.Array) => nn.logSoftmax(jaxLogits(layers, params, x)).mul(nn.oneHot(labels, CLASS_COUNT)).sum().mul(-1 / batch);
  return (state: AdamState, x: np.Array, labels: np.Array): [AdamState, np.Array] => {
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
  };
}

function initialState(layers: readonly BenchLayer[]): AdamState {
  const params = jaxParams(layers, 'webgpu');
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

function createModel({ device, train, test, permutation }: GpuData, { workload, layers }: WorkloadData, cadence: SyncCadence): BenchModel {
  const trainStep = jit(adamStep(workload, layers));
  const correctIn = jit((params: JaxParams, x: np.Array, labels: np.Array) => np.equal(np.argmax(jaxLogits(layers, params, x), 1), labels).astype(np.float32).sum());
  let state = initialState(layers);
  // Requesting a loss submits the steps' kernels it depends on (jax-js is lazy); awaiting old ones bounds the queue.
  const reads = new LossReads(cadence);
  const { batch } = workload;

  return {
    async runSteps(first, count) {
      for (let step = first; step < first + count; step++) {
        const indices = permutation.ref.slice([step * batch, (step + 1) * batch]);
        const x = np.take(train.images.ref, indices.ref, 0);
        const labels = np.take(train.labels.ref, indices, 0);
        const [next, loss] = trainStep(state, x, labels);
        state = next;
        await reads.afterStep(step, { read: () => loss.blockUntilReady(), dispose: () => loss.dispose() });
      }
    },
    async finish() {
      await reads.drain();
      await Promise.all(state.params.map((p) => p.blockUntilReady()));
      await device.queue.onSubmittedWorkDone();
    },
    async evaluate() {
      const counts: np.Array[] = [];
      for (let start = 0; start < test.labels.size; start += EVAL_CHUNK) {
        const end = Math.min(start + EVAL_CHUNK, test.labels.size);
        counts.push(correctIn(tree.ref(state.params), test.images.ref.slice([start, end]), test.labels.ref.slice([start, end])));
      }
      const correct = await Promise.all(counts.map(async (count) => (await count.data())[0]!));
      return correct.reduce((sum, count) => sum + count, 0) / test.labels.size;
    },
    dispose() {
      reads.dispose();
      tree.dispose(state);
      trainStep.dispose();
      correctIn.dispose();
    },
  };
}

export async function startJax(data: WorkloadData, cadence: SyncCadence): Promise<BenchTrainer> {
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
    createModel: async () => createModel(gpuData, data, cadence),
    dispose: () => [...dataset, permutation].forEach((array) => array.dispose()),
  };
}
