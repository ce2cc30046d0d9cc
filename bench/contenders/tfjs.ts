// tfjs-webgpu's tf.matMul as a benchmark contender, with transpose flags for the backward layouts.
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { describeAdapter, type Contender, type TimedMatmul } from '../contender';
import { storedDims, type MatmulInputs } from '../matrices';

/** tfjs on its webgpu backend, ready to run. */
export async function startBackend(): Promise<WebGPUBackend> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its webgpu backend');
  await tf.ready();
  const backend = tf.backend();
  if (!(backend instanceof WebGPUBackend)) throw new Error('tfjs backend is not WebGPUBackend');
  return backend;
}

function prepareMatmul(backend: WebGPUBackend, { shape, a, b }: MatmulInputs): TimedMatmul {
  const dims = storedDims(shape);
  const aTensor = tf.tensor2d(a, dims.a);
  const bTensor = tf.tensor2d(b, dims.b);
  const transposeA = shape.layout === 'tn';
  const transposeB = shape.layout === 'nt';
  const multiply = () => tf.matMul(aTensor, bTensor, transposeA, transposeB);
  const readOutput = async () => {
    const c = multiply();
    try {
      return new Float32Array(await c.data());
    } finally {
      c.dispose();
    }
  };

  /**
   * tfjs batches dispatches and submits them when it chooses; reading the last output is its public way to
   * flush them, and the readback lands after every earlier dispatch. Then wait for the whole queue as well.
   */
  const run = async (reps: number) => {
    for (let r = 1; r < reps; r++) multiply().dispose();
    await readOutput();
    await backend.device.queue.onSubmittedWorkDone();
  };
  return {
    warmUp: () => run(1),
    run,
    output: readOutput,
    dispose() {
      aTensor.dispose();
      bTensor.dispose();
    },
  };
}

export async function startTfjs(): Promise<Contender> {
  const backend = await startBackend();
  return {
    adapter: describeAdapter(backend.device.adapterInfo),
    prepare: async (inputs) => prepareMatmul(backend, inputs),
  };
}
