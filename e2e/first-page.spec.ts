// e2e: the first page loads MNIST onto the GPU and shows the adapter, the counts and the first digits.
import { expect, test } from '@playwright/test';
import { readMnistFiles } from '../scripts/mnist-package';
import { parseMnist } from '../src/engine/data/mnist';

test('shows the adapter, the dataset on the GPU and the first 32 training digits', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByText('60,000 training images on the GPU')).toBeVisible();
  await expect(page.getByText('10,000 test images on the GPU')).toBeVisible();
  await expect(page.getByText(/55\.0 MB of GPU memory/)).toBeVisible();

  const adapter = page.getByTestId('adapter');
  await expect(adapter).toContainText(/GPU: \S+/);
  console.log(`e2e WebGPU adapter: ${await adapter.textContent()}`);

  const expectedLabels = Array.from(parseMnist(readMnistFiles()).train.labels.subarray(0, 32), String);
  const grid = page.getByTestId('digit-grid');
  await expect(grid.locator('figcaption')).toHaveText(expectedLabels);

  // Every digit has ink: some pixels far darker than the paper.
  const inkedDigits = await grid.locator('canvas').evaluateAll((canvases) =>
    canvases.filter((canvas) => {
      const data = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
      return data.some((value, i) => i % 4 === 0 && value < 64);
    }).length,
  );
  expect(inkedDigits).toBe(32);

  await page.screenshot({ path: testInfo.outputPath('first-page.png'), fullPage: true });
});
