// Shared by the benchmark runners: builds a page under bench/ with Vite, serves it on localhost and drives it in headless Chromium with WebGPU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { findChromium, WEBGPU_FLAGS } from './chromium';

export const BENCH_DIR = join(import.meta.dirname, '..', 'bench');

export interface BenchPage {
  /** The page's HTML file under bench/, e.g. 'kernels.html'. */
  html: string;
  /** The global the page's module sets once it is ready to be driven, e.g. 'kernelBench'. */
  readyGlobal: keyof Window;
  /** A folder served at the site root beside the page (e.g. the app's public/), or none. */
  publicDir?: string;
}

/** Builds the page into a temporary folder and serves it on localhost while `use` runs. */
async function withServedPage<T>({ html, publicDir }: BenchPage, use: (url: string) => Promise<T>): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-page-'));
  const shared = { root: BENCH_DIR, configFile: false as const, publicDir: publicDir ?? (false as const), logLevel: 'warn' as const };
  try {
    await build({
      ...shared,
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        chunkSizeWarningLimit: 10_000,
        rolldownOptions: { input: join(BENCH_DIR, html) },
      },
    });
    const server = await preview({ ...shared, build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
    try {
      const url = server.resolvedUrls?.local[0];
      if (!url) throw new Error('vite preview reported no local URL');
      return await use(new URL(html, url).href);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Opens `url` in headless Chromium with WebGPU, page errors echoed here, while `use` runs. */
async function withChromiumPage<T>(url: string, readyGlobal: keyof Window, use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: WEBGPU_FLAGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.error(`[page ${message.type()}] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(url);
    await page.waitForFunction((name) => (window as unknown as Record<string, unknown>)[name] !== undefined, readyGlobal);
    return await use(page);
  } finally {
    await browser.close();
  }
}

/** Builds and serves the benchmark page, opens it in headless Chromium once it is ready, and runs `use` on it. */
export function withBenchPage<T>(bench: BenchPage, use: (page: Page) => Promise<T>): Promise<T> {
  return withServedPage(bench, (url) => withChromiumPage(url, bench.readyGlobal, use));
}

/** Three significant digits, no trailing zeros: 3.1, 0.64, 1.07, 1230. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}
