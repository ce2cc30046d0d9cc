// The benchmark page: starts each matmul contender once, then measures the shapes scripts/bench-kernels.ts asks for.
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

window.kernelBench = api;
