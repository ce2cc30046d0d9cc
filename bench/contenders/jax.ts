// jax-js's jitted np.matmul on its webgpu device as a benchmark contender, every lazy output realized so no work is skipped.
import { blockUntilReady, getWebGPUDevice, init, jit, numpy as np } from '@jax-js/jax';
import { describeAdapter, type Contender, type TimedMatmul } from '../contender';
import { storedDims, type MatmulInputs } from '../matrices';
import type { MatmulLayout } from '../protocol';

function prepareMatmul(device: GPUDevice, layout: MatmulLayout, [aArray, bArray]: [np.Array, np.Array]): TimedMatmul {
  // op(A)·op(B) with the transposes as views, as a jax-js user writes it; consumes `a` and `b`.
  const multiply = jit((a: np.Array, b: np.Array) =>
    np.matmul(layout === 'tn' ? a.transpose() : a, layout === 'nt' ? b.transpose() : b),
  );

  /**
   * jax-js arrays are lazy: an output disposed unread is never computed. So every output is realized
   * (which submits its kernel and waits for it), then the whole queue is awaited as well.
   */
  const run = async (reps: number) => {
    const outputs = Array.from({ length: reps }, () => multiply(aArray.ref, bArray.ref));
    try {
      await blockUntilReady(outputs);
      await device.queue.onSubmittedWorkDone();
    } finally {
      for (const output of outputs) output.dispose();
    }
  };
  return {
    warmUp: () => run(1),
    run,
    output: async () => new Float32Array(await multiply(aArray.ref, bArray.ref).data()),
    dispose() {
      multiply.dispose();
      aArray.dispose();
      bArray.dispose();
    },
  };
}

async function upload({ shape, a, b }: MatmulInputs): Promise<[np.Array, np.Array]> {
  const dims = storedDims(shape);
  const arrays: [np.Array, np.Array] = [
    np.array(a, { shape: dims.a, device: 'webgpu' }),
    np.array(b, { shape: dims.b, device: 'webgpu' }),
  ];
  await Promise.all(arrays.map((array) => array.blockUntilReady()));
  return arrays;
}

/** Starts jax-js's webgpu backend and returns its device. */
export async function startJaxWebGpu(): Promise<GPUDevice> {
  if (!(await init('webgpu')).includes('webgpu')) throw new Error('jax-js found no webgpu device');
  return getWebGPUDevice();
}

export async function startJax(): Promise<Contender> {
  const device = await startJaxWebGpu();
  return {
    adapter: describeAdapter(device.adapterInfo),
    prepare: async (inputs) => prepareMatmul(device, inputs.shape.layout, await upload(inputs)),
  };
}
