// e2e: train a small network on a subset of MNIST in the page: the chart fills, test accuracy beats chance, controls work.
import { expect, test } from '@playwright/test';

test('trains Tiny on 2,000 images to well above chance, with pause, step, resume and reset', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expect(page.getByText('On 2,000 training images')).toBeVisible();
  const status = page.getByTestId('training-status');
  await expect(status).toHaveText('Ready to train');
  await page.getByLabel('Network').selectOption('tiny');
  await expect(status).toHaveText('Ready to train');

  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('Paused');
  const progress = page.getByRole('status').filter({ hasText: 'Paused' });
  const stepOf = async () => Number((await progress.textContent())!.match(/step (\d+)/)![1]);
  const pausedAt = await stepOf();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(stepOf).toBe(pausedAt + 1);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toHaveText('Finished', { timeout: 120_000 });
  const accuracy = Number((await page.getByTestId('test-accuracy').textContent())!.match(/([\d.]+)%/)![1]);
  console.log(`e2e: Tiny on 2,000 images, test accuracy ${accuracy}%`);
  expect(accuracy).toBeGreaterThan(60);
  await expect(page.locator('.chart .recharts-line-curve')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('trained.png'), fullPage: true });

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toHaveText('Ready to train');
  await expect(page.locator('.chart')).toHaveCount(0);
});
