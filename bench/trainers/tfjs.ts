// tfjs-webgpu on W1: a custom loop of tf.variables, fused matMul + bias + ReLU, softmax cross-entropy and optimizer.minimize with Adam.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { CLASS_COUNT, PIXELS_PER_IMAGE, type MnistSplit } from '../../src/engine/data/mnist';
import { describeAdapter } from '../contender';
import { startBackend } from '../contenders/tfjs';
import type { BenchModel, BenchTrainer } from '../trainer';
import { scaledPixels, type InitialDense, type W1Data } from '../training-data';
import { W1 } from '../training-protocol';

interface SplitTensors {
  images: tf.Tensor2D; // float32 [count, 784] in [0, 1]
  labels: tf.Tensor1D; // int32 [count]
}

/** What every model trains and evaluates on, held on the GPU. */
interface GpuData {
  backend: WebGPUBackend;
  train: SplitTensors;
  test: SplitTensors;
  permutation: tf.Tensor1D; // int32 [60000]: epoch 0's shuffle
}

interface DenseVariables {
  weights: tf.Variable; // [inputs, outputs]
  bias: tf.Variable; // [outputs]
}

/** Float32 images and int32 labels, uploaded now so the first step does not pay for it. */
function uploadSplit(backend: WebGPUBackend, split: MnistSplit): SplitTensors {
  const tensors = {
    images: tf.tensor2d(scaledPixels(split.images), [split.count, PIXELS_PER_IMAGE]),
    labels: tf.tensor1d(Int32Array.from(split.labels), 'int32'),
  };
  backend.uploadToGPU(tensors.images.dataId);
  backend.uploadToGPU(tensors.labels.dataId);
  return tensors;
}

/** tidy frees the initial-value tensors; the variables hold their own references. */
function createVariables(layers: InitialDense[]): DenseVariables[] {
  return tf.tidy(() =>
    layers.map(({ inputs, outputs, weights, bias }) => ({
      weights: tf.variable(tf.tensor2d(weights, [inputs, outputs])),
      bias: tf.variable(tf.tensor1d(bias)),
    })),
  );
}

/** logits: [rows, 10]; ReLU after every layer but the last. */
function logitsOf(layers: DenseVariables[], x: tf.Tensor2D): tf.Tensor {
  return layers.reduce<tf.Tensor>(
    (h, { weights, bias }, i) => tf.fused.matMul({ a: h, b: weights, bias, activation: i < layers.length - 1 ? 'relu' : 'linear' }),
    x,
  );
}

function createModel({ backend, train, test, permutation }: GpuData, initial: InitialDense[]): BenchModel {
  const layers = createVariables(initial);
  const { learningRate, beta1, beta2, epsilon } = W1.adam;
  const optimizer = tf.train.adam(learningRate, beta1, beta2, epsilon);
  let lastLoss: tf.Scalar | undefined;

  /** Gathers step `step`'s shuffled batch on the GPU and applies one Adam update; returns the batch's mean loss. */
  const trainStep = (step: number): tf.Scalar =>
    tf.tidy(() => {
      const indices = permutation.slice(step * W1.batch, W1.batch);
      const x = tf.gather(train.images, indices);
      const y = tf.oneHot(tf.gather(train.labels, indices), CLASS_COUNT);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logitsOf(layers, x)), true)!;
    });

  return {
    async runSteps(first, count) {
      for (let step = first; step < first + count; step++) {
        lastLoss?.dispose();
        lastLoss = trainStep(step);
      }
    },
    async finish() {
      // Reading the last loss flushes tfjs's queued dispatches and lands after all of them.
      await lastLoss?.data();
      await backend.device.queue.onSubmittedWorkDone();
    },
    async evaluate() {
      const correct = tf.tidy(() => tf.equal(tf.argMax(logitsOf(layers, test.images), 1), test.labels).sum());
      const [count] = await correct.data();
      correct.dispose();
      return count! / test.labels.size;
    },
    dispose() {
      lastLoss?.dispose();
      optimizer.dispose();
      tf.dispose(layers.flatMap(({ weights, bias }) => [weights, bias]));
    },
  };
}

export async function startTfjs(data: W1Data): Promise<BenchTrainer> {
  const backend = await startBackend();
  const gpuData: GpuData = {
    backend,
    train: uploadSplit(backend, data.mnist.train),
    test: uploadSplit(backend, data.mnist.test),
    permutation: tf.tensor1d(Int32Array.from(data.permutation), 'int32'),
  };
  backend.uploadToGPU(gpuData.permutation.dataId);
  await backend.device.queue.onSubmittedWorkDone();
  const { train, test, permutation } = gpuData;
  const dataset = [train.images, train.labels, test.images, test.labels];
  return {
    adapter: describeAdapter(backend.device.adapterInfo),
    gpuDatasetBytes: dataset.reduce((sum, tensor) => sum + tensor.size * 4, 0), // float32 and int32: 4 bytes a value
    createModel: async () => createModel(gpuData, data.layers),
    dispose: () => tf.dispose([...dataset, permutation]),
  };
}
