// Drives the training benchmark page (bench/training.html): loads it warm and runs one request at a time, printing each.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AdapterSummary } from '../src/engine/gpu/device';
import type { RunRequest, TrainingOutcome } from '../bench/training-protocol';
import { BENCH_DIR, type BenchPage } from './bench-page';
import { formatOutcome } from './bench-training-report';

/** The page fetches MNIST from the app's prepared public/mnist/ files (`npm run prepare-data`). */
export const TRAINING_PAGE: BenchPage = { html: 'training.html', readyGlobal: 'trainingBench', publicDir: join(BENCH_DIR, '..', 'public') };
/** Steps of the untimed warm-up run. */
const WARM_UP_STEPS = 40;

/** Runs one request in the page, printing its line as it comes back. */
export async function runOnPage(page: Page, request: RunRequest, print = true): Promise<TrainingOutcome> {
  const outcome = await page.evaluate((r) => window.trainingBench!.run(r), request);
  if (print) console.log(formatOutcome(outcome));
  return outcome;
}

/**
 * Loads the page's data and describes the adapter; the first run in a fresh page is slower whatever it runs (the browser
 * warms up), so an untimed short one goes first and the rows compared with each other all start warm.
 */
export async function loadWarm(page: Page): Promise<AdapterSummary> {
  const adapter = await page.evaluate(() => window.trainingBench!.load());
  console.log(`adapter: ${adapter.vendor}/${adapter.architecture} ${adapter.description}`.trim());
  await runOnPage(page, { workload: 'W1', trainer: 'ours', steps: WARM_UP_STEPS, evaluateAfter: [] }, false);
  return adapter;
}

