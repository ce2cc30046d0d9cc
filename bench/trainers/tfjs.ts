// tfjs-webgpu: a custom loop of the tf.variables in tfjs-model.ts, softmax cross-entropy and optimizer.minimize with Adam;
// the test set in chunks.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { CLASS_COUNT, PIXELS_PER_IMAGE, type MnistSplit } from '../../src/engine/data/mnist';
import { LossReads, type SyncCadence } from '../cadence';
import { describeAdapter } from '../contender';
import { startBackend } from '../contenders/tfjs';
import type { BenchModel, BenchTrainer } from '../trainer';
import { scaledPixels, type WorkloadData } from '../training-data';
import { EVAL_CHUNK } from '../training-protocol';
import { tfjsLogits, tfjsVariables } from './tfjs-model';

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

function createModel({ backend, train, test, permutation }: GpuData, { workload, layers }: WorkloadData, cadence: SyncCadence): BenchModel {
  const variables = tfjsVariables(layers);
  const { learningRate, beta1, beta2, epsilon } = workload.adam;
  const { batch } = workload;
  const optimizer = tf.train.adam(learningRate, beta1, beta2, epsilon);
  // Reading a loss flushes tfjs's queued dispatches and lands after all of them.
  const reads = new LossReads(cadence);
  const all = variables.flatMap(({ weights, bias }) => (weights && bias ? [weights, bias] : []));

  /** Gathers step `step`'s shuffled batch on the GPU and applies one Adam update; returns the batch's mean loss. */
  const trainStep = (step: number): tf.Scalar =>
    tf.tidy(() => {
      const indices = permutation.slice(step * batch, batch);
      const x = tf.gather(train.images, indices);
      const y = tf.oneHot(tf.gather(train.labels, indices), CLASS_COUNT);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, tfjsLogits(variables, x)), true)!;
    });

  return {
    async runSteps(first, count) {
      for (let step = first; step < first + count; step++) {
        const loss = trainStep(step);
        await reads.afterStep(step, { read: () => loss.data(), dispose: () => loss.dispose() });
      }
    },
    async finish() {
      await reads.drain();
      // Reading the smallest variable flushes whatever is queued and lands after the last update.
      await all.at(-1)!.data();
      await backend.device.queue.onSubmittedWorkDone();
    },
    async evaluate() {
      // A running sum: tf.addN of every chunk's count would bind more storage buffers than a stage may have.
      const correct = tf.tidy(() => {
        let total: tf.Tensor = tf.scalar(0, 'int32');
        for (let start = 0; start < test.labels.size; start += EVAL_CHUNK) {
          const size = Math.min(EVAL_CHUNK, test.labels.size - start);
          const logits = tfjsLogits(variables, test.images.slice(start, size));
          total = total.add(tf.equal(tf.argMax(logits, 1), test.labels.slice(start, size)).sum());
        }
        return total;
      });
      const [count] = await correct.data();
      correct.dispose();
      return count! / test.labels.size;
    },
    dispose() {
      reads.dispose();
      optimizer.dispose();
      tf.dispose(all);
    },
  };
}

export async function startTfjs(data: WorkloadData, cadence: SyncCadence): Promise<BenchTrainer> {
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
    createModel: async () => createModel(gpuData, data, cadence),
    dispose: () => tf.dispose([...dataset, permutation]),
  };
}
