// Kernel benchmark runner: builds bench/kernels.html with Vite, drives it in headless Chromium with WebGPU, prints and saves GFLOP/s
// of the matmul contenders and of W2's convolutions beside our matmul.
// Usage: npm run bench:kernels [-- --quick]   (--quick: shorter batches, no 1024³)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ConvRow } from '../bench/conv-bench';
import { benchShapes, CONTENDERS, type ContenderName, type ContenderStart, type ShapeResult, type TimingSettings } from '../bench/protocol';
import { convProblems, formatConvLine, formatShapeLine, formatWarmups, problemsOf, withRatios } from './bench-kernels-report';
import { BENCH_DIR, withBenchPage, type BenchPage } from './bench-page';

const KERNELS_PAGE: BenchPage = { html: 'kernels.html', readyGlobal: 'kernelBench' };
const RESULTS_PATH = join(BENCH_DIR, 'kernels-results.json');

const FULL: TimingSettings = { batchSeconds: 0.3, batches: 3 };
const QUICK: TimingSettings = { batchSeconds: 0.1, batches: 3 };

/** One line per distinct adapter, naming the contenders on it, then one per contender that did not start. */
function printStarts(starts: Record<ContenderName, ContenderStart>): void {
  const adapters = new Map<string, ContenderName[]>();
  for (const name of CONTENDERS) {
    const start = starts[name];
    if ('error' in start) console.log(`${name} unavailable: ${start.error}`);
    else adapters.set(start.adapter, [...(adapters.get(start.adapter) ?? []), name]);
  }
  for (const [adapter, names] of adapters) console.log(`adapter ${adapter}: ${names.join(', ')}`);
  if (adapters.size > 1) console.log('warning: the contenders run on different adapters');
}

/** W2's convolutions, one line each as they come back (all at once: they run in one call). */
async function runConvs(page: Page, settings: TimingSettings): Promise<ConvRow[] | { error: string }> {
  console.log(`W2's convolutions (GFLOP/s), each beside our matmul at the GEMM shape it amounts to:`);
  const rows = await page.evaluate((t) => window.convBench!.measure(t), settings);
  if ('error' in rows) console.error(`conv benchmark failed: ${rows.error}`);
  else rows.forEach((row) => console.log(formatConvLine(row)));
  return rows;
}

async function runBenchmark(page: Page, settings: TimingSettings, quick: boolean): Promise<{ starts: Record<ContenderName, ContenderStart>; shapes: ShapeResult[]; convs: ConvRow[] | { error: string } }> {
  const starts = await page.evaluate(() => window.kernelBench!.start());
  printStarts(starts);
  const shapes: ShapeResult[] = [];
  for (const shape of benchShapes(quick)) {
    const result = await page.evaluate(([s, t]) => window.kernelBench!.measure(s, t), [shape, settings] as const);
    console.log(formatShapeLine(result));
    shapes.push(result);
  }
  return { starts, shapes, convs: await runConvs(page, settings) };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const settings = quick ? QUICK : FULL;
  const started = performance.now();
  const { starts, shapes, convs } = await withBenchPage(KERNELS_PAGE, (page) => runBenchmark(page, settings, quick));
  console.log(formatWarmups(shapes));
  const problems = [...problemsOf(shapes), ...('error' in convs ? [`conv benchmark failed: ${convs.error}`] : convProblems(convs))];
  for (const problem of problems) console.error(problem);
  const report = { date: new Date().toISOString(), quick, settings, contenders: starts, shapes: shapes.map(withRatios), convs };
  writeFileSync(RESULTS_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${RESULTS_PATH} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  if (problems.length > 0) process.exitCode = 1;
}

await main();
