// e2e: a real GPU loss (Chromium's GPU process crashed through the DevTools protocol) while training:
// the worker reconnects once and training resumes from the last checkpoint.
import { expect, test } from '@playwright/test';
import { expectReady, shownStep } from './page-helpers';

test('recovers from a crashed GPU process: resumes from the last checkpoint and trains on', async ({ page, browser }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByLabel('Epochs', { exact: true }).fill('200'); // 15 steps an epoch, a checkpoint at each epoch end
  await expectReady(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => shownStep(page)).toBeGreaterThan(40);

  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.crashGpuProcess');
  const crashedAt = await shownStep(page);
  const status = page.getByTestId('training-status');
  await expect(page.getByText(/The GPU was reset; training continues from step \d+, the last checkpoint/)).toBeVisible();
  await expect(status).toHaveText('Paused');
  const resumedAt = await shownStep(page);
  console.log(`e2e GPU loss: GPU process crashed at about step ${crashedAt}, training resumed from step ${resumedAt}`);
  expect(resumedAt).toBeGreaterThanOrEqual(30);
  expect(resumedAt % 15).toBe(0); // an epoch end

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => shownStep(page)).toBeGreaterThan(resumedAt + 30);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('Paused');
  await expect(page.getByTestId('test-accuracy')).toBeVisible();
});
