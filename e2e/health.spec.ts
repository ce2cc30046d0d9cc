// Training health in the page: per-layer series while training, a finding on a network built to show one, and the time bars.
import { expect, test, type Page } from '@playwright/test';
import { expectReady } from './page-helpers';

/** Sets a settings field to `value` and commits it with Enter. */
async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

test('the health panel shows each layer while training, stays quiet on Classic, and times a step', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // All 60,000 images: no epoch's end (and its test, which stalls training) falls inside the seconds compared.
  await page.goto('/?train=60000');
  await expectReady(page);
  const panel = page.getByRole('region', { name: 'Training health' });
  await expect(panel.getByTestId('health-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Classic: two hidden layers and the output, each with its small multiples.
  await expect(panel.getByTestId('layer-health')).toHaveCount(3);
  await expect(panel.getByRole('article', { name: 'Layer 1: Dense 128 relu' }).getByRole('img', { name: /^Gradient norm: .* at step \d+/ })).toBeVisible();
  await expect(panel.getByTestId('health-quiet')).toBeVisible();

  await panel.getByText('Where a step’s time goes').click();
  const total = panel.getByTestId('step-time-total');
  await expect(total).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('list', { name: 'GPU time per kernel' }).getByRole('listitem').first()).toContainText('gather the batch');
  await expect(panel.getByRole('listitem').filter({ hasText: 'Layer 1 forward · matmul' })).toBeVisible();
  // Three readings a second apart (a timed step every 2 s, samples/s over about a second), compared by their medians.
  const readings: number[][] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await page.waitForTimeout(1000);
    readings.push(await Promise.all([total.getAttribute('data-total-ms'), total.getAttribute('data-measured-ms')]).then((values) => values.map(Number)));
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[1]!;
  const [gpuMs, measuredMs] = [middle(readings.map(([gpu]) => gpu!)), middle(readings.map(([, measured]) => measured!))];
  console.log(`health e2e: timed step ${gpuMs.toFixed(2)} ms of GPU time, ${measuredMs.toFixed(2)} ms per step measured from samples/s (medians of 3)`);
  expect(Math.abs(gpuMs - measuredMs) / measuredMs).toBeLessThan(0.2);
  await panel.screenshot({ path: testInfo.outputPath('health-classic.png') });
});

test('a network whose ReLU units die says so, naming the layer and what to try', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?train=10000');
  await expectReady(page);
  // Adam at 0.02 on batches of 32 silences over half of Classic's first layer within a hundred steps, yet it learns.
  await setField(page, 'Learning rate', '0.02');
  await setField(page, 'Batch size', '32');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const findings = page.getByRole('list', { name: 'Findings' });
  await expect(findings.getByRole('listitem').filter({ hasText: /^Layer 1: \d+% of its ReLU units have been dead for \d+ steps — lower the learning rate, use He init or leaky ReLU\.$/ })).toBeVisible({
    timeout: 90_000,
  });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('region', { name: 'Training health' }).screenshot({ path: testInfo.outputPath('health-dead-relu.png') });
  for (const [width, height] of [[1280, 800], [1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole('region', { name: 'Training health' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`health-${width}x${height}.png`) });
  }
});
