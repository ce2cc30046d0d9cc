// The project's own matmul kernel (src/engine/gpu/kernels/matmul.ts) as a benchmark contender.
import { browserGpu } from '../../src/engine/gpu/browser-gpu';
import { acquireGpu, type GpuContext } from '../../src/engine/gpu/device';
import { createMatmul } from '../../src/engine/gpu/kernels/matmul';
import { PipelineCache } from '../../src/engine/gpu/pipelines';
import { readBuffer } from '../../src/engine/gpu/readback';
import { describeAdapter, type Contender, type TimedMatmul } from '../contender';
import type { MatmulInputs } from '../matrices';
import { benchShapes } from '../protocol';

/** The largest operand of any benchmark shape, in bytes. */
const LARGEST_OPERAND_BYTES = Math.max(...benchShapes(false).flatMap(({ m, k, n }) => [m * k, k * n, m * n])) * 4;

async function prepareMatmul(ctx: GpuContext, cache: PipelineCache, { shape, a, b }: MatmulInputs): Promise<TimedMatmul> {
  const { m, k, n, layout } = shape;
  const { buffers, device } = ctx;
  const aBuffer = buffers.createWithData(`bench A ${m}x${k}x${n} ${layout}`, a, GPUBufferUsage.STORAGE);
  const bBuffer = buffers.createWithData(`bench B ${m}x${k}x${n} ${layout}`, b, GPUBufferUsage.STORAGE);
  const cBuffer = buffers.create({
    label: `bench C ${m}x${k}x${n} ${layout}`,
    size: m * n * 4,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const op = await createMatmul(ctx, cache, { layout, m, k, n, a: aBuffer, b: bBuffer, c: cBuffer });

  /** Records `reps` dispatches into one pass, submits once, waits for the queue. */
  const run = async (reps: number) => {
    const encoder = device.createCommandEncoder({ label: 'bench matmul' });
    const pass = encoder.beginComputePass({ label: 'bench matmul' });
    for (let r = 0; r < reps; r++) op.encode(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  return {
    variant: op.path,
    warmUp: () => run(1),
    run,
    async output() {
      await run(1);
      return new Float32Array(await readBuffer(ctx, cBuffer, m * n * 4));
    },
    dispose() {
      op.dispose();
      for (const buffer of [aBuffer, bBuffer, cBuffer]) buffers.destroy(buffer);
    },
  };
}

export async function startOurs(): Promise<Contender> {
  const ctx = await acquireGpu(browserGpu(), { minStorageBindingBytes: LARGEST_OPERAND_BYTES });
  const cache = new PipelineCache(ctx.device);
  return {
    adapter: describeAdapter(ctx.adapter),
    prepare: (inputs) => prepareMatmul(ctx, cache, inputs),
  };
}
