// e2e: in a browser without a usable GPU the page says what to do, and the builder and share links still work.
import { expect, test } from '@playwright/test';
import { findChromium } from '../scripts/chromium';

// No WebGPU flags and no GPU: navigator.gpu exists but finds no adapter.
test.use({ launchOptions: { executablePath: findChromium(), args: ['--disable-gpu'] } });

test('explains a missing GPU; the builder and share links keep working', async ({ page }) => {
  await page.goto('/?train=2000');
  await expect(page.getByRole('alert').filter({ hasText: /GPU/ })).toContainText(/driver|browser|WebGPU/);
  await expect(page.getByTestId('training-status')).toHaveText('No GPU: training is off');
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();

  await page.getByRole('button', { name: 'Delete layer 2' }).click();
  await expect(page.getByTestId('layer-card')).toHaveCount(1);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByLabel('Share link')).toHaveValue(/#v1\./);
});
