// W1 training benchmark runner: builds bench/training.html with Vite, trains in headless Chromium with WebGPU (ours, ours with the
// insight panels asking, tfjs-webgpu, jax-js), prints and saves the results.
// Usage: npm run bench [-- --quick]   (--quick: 60 steps instead of an epoch; accuracy not comparable, bench/results.json not written)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { AdapterSummary } from '../src/engine/gpu/device';
import { EPOCH_STEPS, QUICK_STEPS, TRAINERS, W1, type TrainingMeasurement, type TrainingOutcome } from '../bench/training-protocol';
import { BENCH_DIR, withBenchPage, type BenchPage } from './bench-page';
import { adapterWarnings, formatPanelCosts, formatOutcome, formatRatio, formatTable, resultsRecord } from './bench-training-report';

/** The page fetches MNIST from the app's prepared public/mnist/ files (`npm run prepare-data`). */
const TRAINING_PAGE: BenchPage = { html: 'training.html', readyGlobal: 'trainingBench', publicDir: join(BENCH_DIR, '..', 'public') };
const RESULTS_PATH = join(BENCH_DIR, 'results.json');
/** Steps of the untimed warm-up run. */
const WARM_UP_STEPS = 40;

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

async function trainAll(page: Page, steps: number): Promise<{ adapter: AdapterSummary; outcomes: TrainingOutcome[] }> {
  const adapter = await page.evaluate(() => window.trainingBench!.load());
  console.log(`adapter: ${adapter.vendor}/${adapter.architecture} ${adapter.description}`.trim());
  // The first run in a fresh page is slower whatever it runs (the browser warms up): an untimed short one goes first,
  // so the rows compared with each other all start warm.
  await page.evaluate((count) => window.trainingBench!.run('ours', count), WARM_UP_STEPS);
  const outcomes: TrainingOutcome[] = [];
  for (const name of TRAINERS) {
    const outcome = await page.evaluate(([trainer, count]) => window.trainingBench!.run(trainer, count), [name, steps] as const);
    console.log(formatOutcome(outcome));
    outcomes.push(outcome);
  }
  return { adapter, outcomes };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const steps = quick ? QUICK_STEPS : EPOCH_STEPS;
  const started = performance.now();
  console.log(`W1: MLP 784-128-64-10, Adam, batch ${W1.batch}, ${steps} steps (${steps * W1.batch} samples)${quick ? ' [--quick]' : ''}`);
  const busy = await cpuBusyFraction(1000);
  if (busy !== undefined && busy > 0.1) console.log(`warning: ${(100 * busy).toFixed(0)}% of the CPUs were busy before the run; other work slows SwiftShader, so these figures may be low`);
  const { adapter, outcomes } = await withBenchPage(TRAINING_PAGE, (page) => trainAll(page, steps));
  const results = outcomes.filter((outcome): outcome is TrainingMeasurement => !('error' in outcome));
  console.log(`\n${formatTable(results)}\n${formatRatio(results)}\n${formatPanelCosts(results)}`);
  console.log('samples/s: steps × batch over model creation + all steps to GPU completion; steady: steps 2..N only; first step: model creation + step 1 to GPU completion');
  for (const warning of adapterWarnings(results)) console.log(warning);
  if (quick) console.log(`--quick: ${steps} steps, so test accuracy is not comparable to an epoch; ${RESULTS_PATH} not written`);
  else writeFileSync(RESULTS_PATH, `${JSON.stringify(resultsRecord(adapter, results), null, 2)}\n`);
  console.log(`${quick ? 'done' : `wrote ${RESULTS_PATH}`} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  if (results.length < outcomes.length) process.exitCode = 1;
}

await main();
