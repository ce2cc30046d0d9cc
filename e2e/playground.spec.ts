// e2e: what a new user does — build 784-64-10 with the mouse, train it on a subset, pause, step, resume, reset;
// edit the network and drive training with the keyboard alone.
import { expect, test } from '@playwright/test';
import { dragTo, expectReady, linePoints, shownStep, startFrameTiming, stopFrameTiming, tabTo, testAccuracy } from './page-helpers';

test('builds 784-64-10 by dragging a Dense layer in, trains it on 2,000 images, pauses, steps, resumes and resets', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expect(page.getByText('On 2,000 training images')).toBeVisible();
  await expectReady(page);

  // Start from an empty network, then drag a Dense layer from the palette into it and give it 64 units.
  await page.getByRole('button', { name: 'Delete layer 2' }).click();
  await page.getByRole('button', { name: 'Delete layer 1' }).click();
  await expect(page.getByTestId('layer-card')).toHaveCount(0);
  await dragTo(page, page.getByRole('button', { name: 'Drag a new Dense layer into the network' }), page.getByTestId('output-card'));
  await expect(page.getByTestId('layer-card')).toHaveCount(1);
  await page.getByLabel('Units of layer 1').fill('64');
  await expect(page.getByTestId('network-parameters')).toHaveText('50,890'); // 784·64 + 64 + 64·10 + 10
  await page.getByLabel('Epochs', { exact: true }).fill('8'); // 15 steps an epoch: long enough to pause mid-run
  await expectReady(page);
  await page.screenshot({ path: testInfo.outputPath('built.png'), fullPage: true });

  await startFrameTiming(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.locator('.chart .recharts-line-curve').first()).toBeVisible();
  await expect.poll(() => shownStep(page)).toBeGreaterThan(0); // the step shown moves while training
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Paused');
  const lossLine = page.getByRole('figure', { name: 'Train and test loss by step' }).locator('.series-train .recharts-line-curve');
  const pointsAtPause = await linePoints(lossLine);
  const pausedAt = await shownStep(page);
  expect(pausedAt).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => shownStep(page)).toBe(pausedAt + 1);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Finished', { timeout: 180_000 });
  const frames = await stopFrameTiming(page);
  await expect.poll(() => linePoints(lossLine)).toBeGreaterThan(pointsAtPause);
  console.log(
    `e2e frame timing while training: ${frames.frames} frames, ${(100 * frames.underLimit).toFixed(1)}% under 50 ms, worst ${frames.worstMs.toFixed(0)} ms`,
  );

  const accuracy = await testAccuracy(page);
  console.log(`e2e: 784-64-10 on 2,000 images, 8 epochs: test accuracy ${accuracy}%`);
  expect(accuracy).toBeGreaterThan(50); // chance is 10%
  await page.screenshot({ path: testInfo.outputPath('trained.png'), fullPage: true });

  await page.getByRole('button', { name: 'Reset' }).click();
  await expectReady(page);
  expect(await shownStep(page)).toBe(0);
});

test('reorders and deletes layers, then steps and resets training, with the keyboard only', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await expect(page.getByRole('button', { name: 'Drag layer 1 (Dense 128 relu)' })).toBeVisible();

  // Pick up layer 1, move it down one place, drop it.
  // Each key waits for the screen reader announcement, as a person waits to hear it.
  await tabTo(page, 'Drag layer 1 (Dense 128 relu)');
  await page.keyboard.press('Space');
  await expect(page.getByText('Layer 1 (Dense 128 relu) is at position 1 of 2.')).toBeAttached();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByText('Layer 1 (Dense 128 relu) is at position 2 of 2.')).toBeAttached();
  await page.keyboard.press('Space');
  await expect(page.getByText('Moved layer 1 (Dense 128 relu) to position 2 of 2.')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Drag layer 1 (Dense 64 relu)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Drag layer 2 (Dense 128 relu)' })).toBeVisible();

  await tabTo(page, 'Delete layer 2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layer-card')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Drag layer 1 (Dense 64 relu)' })).toBeVisible();
  await expectReady(page);

  // Shortcuts act when no control has focus: "." takes one step, R resets.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('.');
  await expect.poll(() => shownStep(page)).toBe(1);
  await page.keyboard.press('r');
  await expectReady(page);
  expect(await shownStep(page)).toBe(0);
});

test('asks before a network change discards training, and keeps Train off while the network is invalid', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => shownStep(page)).toBe(1);

  const units = page.getByLabel('Units of layer 2');
  await units.fill('32');
  await expect(page.getByText('You changed the network, optimizer or seed. The current model has trained for 1 step;')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeDisabled();
  await page.getByRole('button', { name: 'Undo my changes' }).click();
  await expect(units).toHaveValue('64');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();

  await units.fill('0');
  await expect(page.getByText('layer 2: units must be at least 1')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeDisabled();
  await units.fill('32');
  await page.getByRole('button', { name: 'Build the new network' }).click();
  await expectReady(page);
  expect(await shownStep(page)).toBe(0);
  await expect(page.getByTestId('network-parameters')).toHaveText('104,938'); // 784·128 + 128 + 128·32 + 32 + 32·10 + 10
});
