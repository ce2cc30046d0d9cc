// e2e: a trained chart saves as a standalone SVG (curves, title, no CSS variables) and as a PNG, from labelled buttons.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectReady } from './page-helpers';

const lossChart = (page: Page) => page.getByRole('figure', { name: /Train and test loss/ });

/** Clicks the button and returns the downloaded file's name and bytes. */
async function download(page: Page, button: string, path: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

test('the loss chart saves as SVG and PNG once it has data', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await expect(page.getByRole('button', { name: 'Save loss chart as SVG' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(lossChart(page).locator('.chart .recharts-line-curve').first()).toBeVisible();
  await expect(page.getByTestId('training-status')).toHaveText('Finished', { timeout: 120_000 });

  const svg = await download(page, 'Save loss chart as SVG', testInfo.outputPath('loss.svg'));
  expect(svg.name).toBe('backprop-studio-loss-by-step.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).not.toContain('var(--');
  const parsed = await page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? '',
      namespace: root.namespaceURI,
      size: [root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')],
      curves: [...doc.querySelectorAll('path[d]')].filter((path) => (path.getAttribute('d') ?? '').length > 20 && path.getAttribute('stroke')?.startsWith('rgb')).length,
      texts: [...doc.querySelectorAll('text')].map((node) => node.textContent),
    };
  }, text);
  expect(parsed.error).toBe('');
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  expect(parsed.size.every((value) => value !== null && value !== '')).toBe(true);
  expect(parsed.curves).toBeGreaterThanOrEqual(3);
  expect(parsed.texts).toEqual(expect.arrayContaining(['Loss', 'Train (smoothed)', 'Train (raw)', 'Test', 'Step']));

  const png = await download(page, 'Save loss chart as PNG', testInfo.outputPath('loss.png'));
  expect(png.name).toBe('backprop-studio-loss-by-step.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(10_000);
  // 2x scale: the PNG is twice the SVG's width (IHDR width at byte 16).
  expect(png.bytes.readUInt32BE(16)).toBe(2 * Number(parsed.size[0]));
});
