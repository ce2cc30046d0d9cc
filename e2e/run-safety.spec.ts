// e2e: controls that never corrupt a run — accounting across a mid-run batch change, a collapsing run caught and
// explained (down to the layer whose norm grew first), a divergence at step 1 that leaves readable charts, and Reset
// (button or R) that can be undone.
import { expect, test, type Page } from '@playwright/test';
import { expectReady, linePoints, shownStep } from './page-helpers';

const status = (page: Page) => page.getByTestId('training-status');
const progressText = (page: Page) => page.getByRole('status').filter({ has: status(page) });
const lossChart = (page: Page) => page.getByRole('figure', { name: /Train and test loss/ });

/** Types a value into a settings field and commits it with Enter, as a person does. */
async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByRole('spinbutton', { name: label, exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** Opens the page on 2,000 images, trains for `epochs` and waits until more than `steps` steps are shown. */
async function trainPast(page: Page, epochs: string, steps: number): Promise<void> {
  await page.goto('/?train=2000');
  await expectReady(page);
  await setField(page, 'Epochs', epochs);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => shownStep(page)).toBeGreaterThan(steps);
}

async function useSgdAt(page: Page, learningRate: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  await setField(page, 'Learning rate', learningRate);
}

test('a batch-size change mid-run keeps step, epoch, progress and the charts’ epochs right', async ({ page }) => {
  await trainPast(page, '3', 4);
  await setField(page, 'Batch size', '64');
  await expect(status(page)).toHaveText('Finished', { timeout: 120_000 });
  // 2,000 images: 15 steps of 128 an epoch, or 31 of 64. Whatever the split, the run ends at epoch 3 of 3 with its
  // step count as the total, and the bar full.
  const text = (await progressText(page).locator('p').first().textContent()) ?? '';
  const [, step, total] = text.match(/epoch 3 of 3, step ([\d,]+) of ([\d,]+)/) ?? [];
  expect(step, text).toBeDefined();
  expect(step).toBe(total);
  expect(Number(step)).toBeGreaterThan(45);
  expect(Number(step)).toBeLessThan(93);
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('value', '1');
  // The charts count epochs from samples seen: the last point is at 3 epochs, not past it.
  await expect(lossChart(page).locator('.chart-summary')).toContainText(/, epoch 3,/);
});

test('a collapsing run (SGD at learning rate 10) is paused, rolled back and explained, and the advice offers a fix', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await useSgdAt(page, '10');
  await setField(page, 'Epochs', '20');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveText('Diverging: paused', { timeout: 60_000 });
  const message = progressText(page).locator('.problem');
  await expect(message).toContainText('Training diverged.');
  await expect(message).toContainText('rolled back to step');
  await expect(message).toContainText('Try a lower learning rate (for example 1, a tenth of 10)');
  // What it drew before the collapse stays on the charts.
  await expect(lossChart(page).locator('.chart-summary')).toContainText('Latest: step');
  const advice = page.getByTestId('diverged-advice');
  await expect(advice).toContainText('These settings diverged at step');
  await page.screenshot({ path: testInfo.outputPath('diverged.png') });
  await advice.getByRole('button', { name: 'Use learning rate 1' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Learning rate', exact: true })).toHaveValue('1');
  await expect(advice).toBeHidden();
});

test('a run that diverges after training well says which layer’s norm grew first, and at which step', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await useSgdAt(page, '0.1');
  await setField(page, 'Epochs', '100');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Healthy windows first (the norms' usual sizes), then a learning rate no network survives.
  await expect.poll(() => shownStep(page)).toBeGreaterThan(80);
  await setField(page, 'Learning rate', '10');
  await expect(status(page)).toHaveText('Diverging: paused', { timeout: 60_000 });
  const message = progressText(page).locator('.problem');
  await expect(message).toContainText('Training diverged.');
  await expect(message).toContainText(/Layer \d's (gradient|weight) norm grew first: ([\d,]+× its usual size|to infinity) by step [\d,]+\./);
  const grewAt = Number((await message.textContent())!.match(/grew first: .* by step ([\d,]+)\./)![1]!.replaceAll(',', ''));
  expect(grewAt).toBeGreaterThan(80);
  await page.screenshot({ path: testInfo.outputPath('diverged-grew-first.png') });
});

test('with pausing on divergence turned off, a collapsing run trains on and says it is diverging', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByLabel(/Pause when training diverges/).uncheck();
  await useSgdAt(page, '10');
  await setField(page, 'Epochs', '8');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(progressText(page).locator('.problem')).toContainText('Diverging:', { timeout: 60_000 });
  await expect(status(page)).toHaveText(/Training|Finished/);
  // The choice is remembered.
  await page.reload();
  await expect(page.getByLabel(/Pause when training diverges/)).not.toBeChecked();
});

test('a divergence at step 1 leaves readable charts, and Train says why it would diverge again', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  for (const layer of [1, 2]) await page.getByLabel(`Activation of layer ${layer}`).selectOption('linear');
  await useSgdAt(page, '10');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveText('Diverging: paused', { timeout: 60_000 });
  // Either the finite points before the divergence are drawn, or the chart says why there are none — never
  // the "press Train" of a page that has not trained.
  const loss = lossChart(page);
  await expect(loss).not.toContainText('No data yet — press Train');
  await expect(loss.locator('.chart-summary, .chart-empty')).toContainText(/Latest: step|Diverged by step \d+ before any finite value/);
  await expect(page.getByTestId('diverged-advice')).toContainText('will likely diverge again');
});

test('Reset of a trained model — by button or by R — offers Undo, which brings back the run and its curves', async ({ page }) => {
  await trainPast(page, '20', 20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status(page)).toHaveText('Paused');
  const trainedTo = await shownStep(page);
  const line = lossChart(page).locator('.series-train .recharts-line-curve');
  // The charts redraw at most every 3 s: let the last windows reach the line before counting its points.
  await expect.poll(async () => {
    const before = await linePoints(line);
    await page.waitForTimeout(3500);
    return before === (await linePoints(line));
  }).toBe(true);
  const points = await linePoints(line);
  const accuracy = await page.getByTestId('test-accuracy').textContent();

  // A stray R with focus on a heading (not a control) resets — and says how to get the run back.
  await page.getByRole('heading', { name: 'Network' }).click();
  await page.keyboard.press('r');
  await expect(status(page)).toHaveText('Ready to train');
  expect(await shownStep(page)).toBe(0);
  const undo = page.getByTestId('reset-undo');
  await expect(undo).toContainText(`The run had trained ${trainedTo} steps`);
  await undo.getByRole('button', { name: 'Undo reset' }).click();
  await expect(status(page)).toHaveText('Paused');
  expect(await shownStep(page)).toBe(trainedTo);
  await expect.poll(() => linePoints(line)).toBe(points);
  await expect(page.getByTestId('test-accuracy')).toHaveText(accuracy!);
  await expect(undo).toBeHidden();

  // The button too; and training on after an undo continues from where the run was.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(undo).toBeVisible();
  await undo.getByRole('button', { name: 'Undo reset' }).click();
  await expect(status(page)).toHaveText('Paused');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => shownStep(page)).toBe(trainedTo + 1);
});
