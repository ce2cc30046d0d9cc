// Training benchmark runner: builds bench/training.html with Vite and trains in headless Chromium with WebGPU — W1 (ours, ours
// with the panels asking, tfjs-webgpu, jax-js), then W2 (ours, tfjs-webgpu, jax-js) — and prints and saves the results; or,
// with --sweep, times each peer at each sync cadence instead.
// Usage: npm run bench [-- --quick] [-- --sweep] [-- --workload W1|W2]   (--quick: a few steps a row, accuracy not comparable;
// --workload: that one only; either way bench/results.json is not written)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { AdapterSummary } from '../src/engine/gpu/device';
import { QUICK_STEPS, rowPlan, W2_PEER_STEPS, WORKLOAD_ROWS, type TrainingMeasurement, type TrainingOutcome } from '../bench/training-protocol';
import { epochSteps, WORKLOAD_NAMES, WORKLOADS, type WorkloadName } from '../bench/workloads';
import { BENCH_DIR, withBenchPage } from './bench-page';
import { runSweep } from './bench-sweep';
import { loadWarm, runOnPage, TRAINING_PAGE } from './bench-training-runs';
import { adapterWarnings, formatWorkload, resultsRecord } from './bench-training-report';

const RESULTS_PATH = join(BENCH_DIR, 'results.json');

/** Fraction of all CPUs busy over `ms` (Linux /proc/stat); undefined where that cannot be read. */
async function cpuBusyFraction(ms: number): Promise<number | undefined> {
  const sample = () => {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { idle: ticks[3]! + ticks[4]!, total: ticks.reduce((sum, value) => sum + value, 0) };
  };
  try {
    const before = sample();
    await sleep(ms);
    const after = sample();
    return 1 - (after.idle - before.idle) / (after.total - before.total);
  } catch {
    return undefined;
  }
}

function workloadHeader(workload: WorkloadName, quick: boolean): string {
  const { title, batch } = WORKLOADS[workload];
  const epoch = epochSteps(WORKLOADS[workload]);
  const peerSteps = Object.entries(W2_PEER_STEPS).map(([peer, steps]) => `${peer} ${steps}`);
  const steps = quick
    ? `${QUICK_STEPS[workload]} steps a row [--quick]`
    : workload === 'W1'
      ? `one epoch (${epoch} steps) a row`
      : `ours one epoch (${epoch} steps, also tested at the peers' step counts); the peers a fixed count (${peerSteps.join(', ')} steps), as on SwiftShader an epoch takes each far over 3 minutes`;
  return `\n${workload}: ${title}, batch ${batch}; ${steps}`;
}

async function trainAll(page: Page, workloads: readonly WorkloadName[], quick: boolean): Promise<{ adapter: AdapterSummary; outcomes: TrainingOutcome[] }> {
  const adapter = await loadWarm(page);
  const outcomes: TrainingOutcome[] = [];
  for (const workload of workloads) {
    console.log(workloadHeader(workload, quick));
    for (const trainer of WORKLOAD_ROWS[workload]) outcomes.push(await runOnPage(page, { workload, trainer, ...rowPlan(workload, trainer, quick) }));
  }
  return { adapter, outcomes };
}

async function benchmark(workloads: readonly WorkloadName[], quick: boolean): Promise<void> {
  const { adapter, outcomes } = await withBenchPage(TRAINING_PAGE, (page) => trainAll(page, workloads, quick));
  const results = outcomes.filter((outcome): outcome is TrainingMeasurement => !('error' in outcome));
  for (const workload of workloads) console.log(`\n${workload}\n${formatWorkload(results.filter((result) => result.workload === workload))}`);
  console.log('\nsamples/s: steps × batch over model creation + all steps to GPU completion (tests off the clock); steady: steps 2..N only; first step: model creation + step 1 to GPU completion');
  for (const warning of adapterWarnings(results)) console.log(warning);
  if (quick || workloads.length < WORKLOAD_NAMES.length) console.log(`a partial run (--quick or --workload): ${RESULTS_PATH} not written`);
  else {
    writeFileSync(RESULTS_PATH, `${JSON.stringify(resultsRecord(adapter, results), null, 2)}\n`);
    console.log(`wrote ${RESULTS_PATH}`);
  }
  if (results.length < outcomes.length) process.exitCode = 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, sweep: { type: 'boolean' }, workload: { type: 'string' } } });
  const workloads = WORKLOAD_NAMES.filter((name) => values.workload === undefined || name === values.workload);
  if (workloads.length === 0) throw new RangeError(`--workload must be one of ${WORKLOAD_NAMES.join(', ')}`);
  const started = performance.now();
  const busy = await cpuBusyFraction(1000);
  if (busy !== undefined && busy > 0.1) console.log(`warning: ${(100 * busy).toFixed(0)}% of the CPUs were busy before the run; other work slows SwiftShader, so these figures may be low`);
  if (values.sweep) await withBenchPage(TRAINING_PAGE, (page) => runSweep(page, workloads));
  else await benchmark(workloads, values.quick ?? false);
  console.log(`done (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
}

await main();
