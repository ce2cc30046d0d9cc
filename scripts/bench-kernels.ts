// Matmul benchmark runner: builds bench/kernels.html with Vite, drives it in headless Chromium with WebGPU, prints and saves GFLOP/s.
// Usage: npm run bench:kernels [-- --quick]   (--quick: shorter batches, no 1024³)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { benchShapes, CONTENDERS, type ContenderName, type ContenderStart, type ShapeResult, type TimingSettings } from '../bench/protocol';
import { formatShapeLine, formatWarmups, problemsOf, withRatios } from './bench-kernels-report';
import { findChromium, WEBGPU_FLAGS } from './chromium';

const BENCH_DIR = join(import.meta.dirname, '..', 'bench');
const RESULTS_PATH = join(BENCH_DIR, 'kernels-results.json');

const FULL: TimingSettings = { batchSeconds: 0.3, batches: 3 };
const QUICK: TimingSettings = { batchSeconds: 0.1, batches: 3 };

/** Builds the page into a temporary folder and serves it on localhost while `use` runs. */
async function withServedPage<T>(use: (url: string) => Promise<T>): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-kernels-'));
  const shared = { root: BENCH_DIR, configFile: false as const, publicDir: false as const, logLevel: 'warn' as const };
  try {
    await build({
      ...shared,
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        chunkSizeWarningLimit: 10_000,
        rolldownOptions: { input: join(BENCH_DIR, 'kernels.html') },
      },
    });
    const server = await preview({ ...shared, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
    try {
      const url = server.resolvedUrls?.local[0];
      if (!url) throw new Error('vite preview reported no local URL');
      return await use(new URL('kernels.html', url).href);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Opens `url` in headless Chromium with WebGPU, page errors echoed here, while `use` runs. */
async function withBenchPage<T>(url: string, use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: WEBGPU_FLAGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error(`[page ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(url);
    await page.waitForFunction(() => window.kernelBench !== undefined);
    return await use(page);
  } finally {
    await browser.close();
  }
}

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

async function runBenchmark(page: Page, settings: TimingSettings, quick: boolean): Promise<{ starts: Record<ContenderName, ContenderStart>; shapes: ShapeResult[] }> {
  const starts = await page.evaluate(() => window.kernelBench!.start());
  printStarts(starts);
  const shapes: ShapeResult[] = [];
  for (const shape of benchShapes(quick)) {
    const result = await page.evaluate(([s, t]) => window.kernelBench!.measure(s, t), [shape, settings] as const);
    console.log(formatShapeLine(result));
    shapes.push(result);
  }
  return { starts, shapes };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const settings = quick ? QUICK : FULL;
  const started = performance.now();
  const { starts, shapes } = await withServedPage((url) => withBenchPage(url, (page) => runBenchmark(page, settings, quick)));
  console.log(formatWarmups(shapes));
  const problems = problemsOf(shapes);
  for (const problem of problems) console.error(problem);
  const report = { date: new Date().toISOString(), quick, settings, contenders: starts, shapes: shapes.map(withRatios) };
  writeFileSync(RESULTS_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${RESULTS_PATH} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
  if (problems.length > 0) process.exitCode = 1;
}

await main();
