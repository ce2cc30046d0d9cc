// The benchmark page: starts each matmul contender once, then measures the shapes scripts/bench-kernels.ts asks for, and W2's convolutions.
import { browserGpu } from '../src/engine/gpu/browser-gpu';
import { acquireGpu } from '../src/engine/gpu/device';
import { PipelineCache } from '../src/engine/gpu/pipelines';
import { measureW2Convs, type ConvBenchApi } from './conv-bench';
import { messageOf, type Contender } from './contender';
import { startJax } from './contenders/jax';
import { startOurs } from './contenders/ours';
import { startTfjs } from './contenders/tfjs';
import { makeInputs } from './matrices';
import { measure } from './measure';
import {
  CONTENDERS,
  type ContenderName,
  type ContenderResult,
  type ContenderStart,
  type KernelBenchApi,
  type ShapeResult,
} from './protocol';

const STARTERS: Record<ContenderName, () => Promise<Contender>> = { ours: startOurs, tfjs: startTfjs, jax: startJax };

/** Each contender, or why it could not start. */
const started = new Map<ContenderName, Contender | string>();

async function startContender(name: ContenderName): Promise<ContenderStart> {
  try {
    const contender = await STARTERS[name]();
    started.set(name, contender);
    return { adapter: contender.adapter };
  } catch (error) {
    started.set(name, messageOf(error));
    return { error: messageOf(error) };
  }
}

async function measureOn(name: ContenderName, run: (contender: Contender) => Promise<ContenderResult>): Promise<ContenderResult> {
  const contender = started.get(name) ?? 'not started';
  if (typeof contender === 'string') return { error: contender };
  try {
    return await run(contender);
  } catch (error) {
    return { error: messageOf(error) };
  }
}

const api: KernelBenchApi = {
  async start() {
    const starts = {} as Record<ContenderName, ContenderStart>;
    for (const name of CONTENDERS) starts[name] = await startContender(name);
    return starts;
  },
  async measure(shape, settings) {
    const inputs = makeInputs(shape);
    const results = {} as ShapeResult['results'];
    for (const name of CONTENDERS) results[name] = await measureOn(name, (contender) => measure(contender, inputs, settings));
    return { shape, results };
  },
};

/** W2's largest operand: conv 2's dX as a GEMM reads 250·12·12 × 32·9 floats. */
const CONV_BENCH_BYTES = 64 * 2 ** 20;

const convApi: ConvBenchApi = {
  async measure(settings) {
    try {
      const ctx = await acquireGpu(browserGpu(), { minStorageBindingBytes: CONV_BENCH_BYTES });
      const rows = await measureW2Convs(ctx, new PipelineCache(ctx.device), settings);
      ctx.device.destroy();
      return rows;
    } catch (error) {
      return { error: messageOf(error) };
    }
  },
};

window.convBench = convApi;
window.kernelBench = api;
