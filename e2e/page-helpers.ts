// Helpers the e2e tests share: keyboard focus by tabbing, animation-frame timing, numbers read from the page, served data, boxes in view.
import { gunzipSync } from 'node:zlib';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { parseMnistFile } from '../src/engine/data/mnist';
import type { MnistManifest } from '../src/engine/data/mnist-manifest';

/** Presses Tab until the element named `name` has focus, as a keyboard user would. */
export async function tabTo(page: Page, name: string, maxPresses = 120): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    if (focused === name) return;
  }
  throw new Error(`"${name}" never got focus after ${maxPresses} presses of Tab`);
}

/** Starts recording the time between animation frames. */
export async function startFrameTiming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const record = { gaps: [] as number[], running: true };
    (window as unknown as { frameTiming: typeof record }).frameTiming = record;
    let last = performance.now();
    const tick = (now: number) => {
      record.gaps.push(now - last);
      last = now;
      if (record.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops recording; returns the number of frames and the share of them that took under `limitMs`. */
export async function stopFrameTiming(page: Page, limitMs = 50): Promise<{ frames: number; underLimit: number; worstMs: number }> {
  const gaps = await page.evaluate(() => {
    const record = (window as unknown as { frameTiming: { gaps: number[]; running: boolean } }).frameTiming;
    record.running = false;
    return record.gaps.slice(1); // the first gap is from the start call, not a frame
  });
  return { frames: gaps.length, underLimit: gaps.filter((gap) => gap < limitMs).length / Math.max(gaps.length, 1), worstMs: Math.max(0, ...gaps) };
}

/** The step number shown in the training status ("… step 12 of 45"). */
export async function shownStep(page: Page): Promise<number> {
  const text = (await page.getByRole('status').filter({ has: page.getByTestId('training-status') }).textContent()) ?? '';
  return Number(text.match(/step ([\d,]+)/)?.[1]?.replaceAll(',', '') ?? Number.NaN);
}

/** The test accuracy figure in percent. */
export async function testAccuracy(page: Page): Promise<number> {
  const text = await page.getByTestId('test-accuracy').textContent();
  return Number(text!.match(/([\d.]+)%/)![1]);
}

/** Drags `source` with the mouse onto `target` in small moves (drag-and-drop libraries need several pointer moves). */
export async function dragTo(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
  await page.mouse.up();
}

export async function expectReady(page: Page): Promise<void> {
  await expect(page.getByTestId('training-status')).toHaveText('Ready to train');
}

/** The number of points on a recharts line (its path's drawing commands). */
export async function linePoints(line: Locator): Promise<number> {
  const path = (await line.getAttribute('d')) ?? '';
  return (path.match(/[MLC]/g) ?? []).length;
}

/** Presses Tab until the focused element matches `selector` (e.g. a cell of a roving-tabindex grid). */
export async function tabUntilFocusIn(page: Page, selector: string, maxPresses = 300): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`nothing matching ${selector} got focus after ${maxPresses} presses of Tab`);
}

/** The aria-label of the focused element. */
export const focusedLabel = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

/** The test split's labels from the IDX file the app serves (not from anything the page shows). */
export async function servedTestLabels(request: APIRequestContext): Promise<Uint8Array> {
  const manifest = (await (await request.get('/mnist/manifest.json')).json()) as MnistManifest;
  const body = new Uint8Array(await (await request.get(`/mnist/${manifest.files.testLabels.path}`)).body());
  // Served as gzip bytes, or inflated on the way when the server adds Content-Encoding.
  const bytes = body[0] === 0x1f && body[1] === 0x8b ? new Uint8Array(gunzipSync(body)) : body;
  return parseMnistFile('testLabels', bytes);
}

type Box = { x: number; y: number; width: number; height: number };

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return box;
}

/** The box lies wholly inside the window (the page unscrolled). */
export async function expectInView(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await boxOf(locator);
  const { width, height } = page.viewportSize()!;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(height);
}
