// e2e: the workspace as a person meets it — the run, its charts and the network in view while training at common
// window sizes; the phone's order; keyboard paths and help; the address following edits; leaving with unsaved training.
import { expect, test, type Page } from '@playwright/test';
import { boxOf, expectInView, expectReady, startFrameTiming, stopFrameTiming } from './page-helpers';

const lossChart = (page: Page) => page.getByRole('figure', { name: /Train and test loss/ });
const accuracyChart = (page: Page) => page.getByRole('figure', { name: /accuracy/i }).first();

async function startTraining(page: Page): Promise<void> {
  await page.getByLabel('Epochs', { exact: true }).fill('50');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.chart .recharts-line-curve').first()).toBeVisible();
}

for (const [width, height] of [
  [1280, 800],
  [1440, 900],
  [1920, 1080],
] as const) {
  test(`at ${width}×${height}, the charts, run controls and network are in view while training`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?train=2000');
    await expectReady(page);
    await startFrameTiming(page);
    await startTraining(page);
    // Editing Epochs scrolled the page down to the settings (below the network on narrower screens): the run column
    // is sticky, so the charts and controls are still in view there.
    await expectInView(page, lossChart(page), 'loss chart, page scrolled to the settings');
    await expectInView(page, page.getByRole('button', { name: 'Pause' }), 'Pause, page scrolled to the settings');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(1000);
    await expectInView(page, lossChart(page), 'loss chart');
    await expectInView(page, accuracyChart(page), 'accuracy chart');
    await expectInView(page, page.getByRole('button', { name: 'Pause' }), 'Pause');
    await expectInView(page, page.getByRole('button', { name: 'Step' }), 'Step');
    await expectInView(page, page.getByRole('button', { name: 'Reset' }), 'Reset');
    await expectInView(page, page.getByTestId('training-status'), 'status');
    await expectInView(page, page.getByRole('progressbar', { name: 'Training progress' }), 'progress');
    await expectInView(page, page.getByTestId('input-card'), 'network input');
    await expectInView(page, page.getByTestId('output-card'), 'network output');
    for (const card of await page.getByTestId('layer-card').all()) await expectInView(page, card, 'hidden layer');
    await page.screenshot({ path: testInfo.outputPath(`training-${width}x${height}.png`) });
    const frames = await stopFrameTiming(page);
    console.log(
      `e2e frames while training at ${width}×${height}: ${frames.frames} frames, ${(100 * frames.underLimit).toFixed(1)}% under 50 ms, worst ${frames.worstMs.toFixed(0)} ms`,
    );
    // The page uses the width: the workspace spans most of a wide window.
    expect((await boxOf(page.locator('.workspace'))).width).toBeGreaterThan(width * 0.9);
  });
}

test('on a phone, Train is on the first screen and the charts come right after the run controls', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?train=2000');
  await expectReady(page);
  await expectInView(page, page.getByRole('button', { name: 'Train', exact: true }), 'Train');
  const run = await boxOf(page.locator('.run-panel'));
  const charts = await boxOf(page.locator('.training-charts-panel'));
  const network = await boxOf(page.locator('.builder'));
  expect(charts.y).toBeGreaterThanOrEqual(run.y + run.height);
  expect(charts.y - (run.y + run.height)).toBeLessThan(30);
  expect(network.y).toBeGreaterThan(charts.y);
  await startTraining(page);
  await page.screenshot({ path: testInfo.outputPath('training-390x844.png') });
  await page.screenshot({ path: testInfo.outputPath('training-390x844-full.png'), fullPage: true });

  // Every control is a tap target of at least 44 px (a checkbox counts with its label); the cells of a data grid (the
  // confusion matrix: 10 × 10 cells in 390 px) at least WCAG 2.5.8's 24 × 24.
  const small = await page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input, a[href]')].filter((element) => element.offsetParent !== null);
    return controls
      .map((element) => {
        const target = element.matches('input[type="checkbox"], input[type="radio"]') ? (element.closest('label') ?? element) : element;
        const { width, height } = target.getBoundingClientRect();
        const inGrid = element.closest('[role="grid"]') !== null;
        return { name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName, width, height, inGrid };
      })
      .filter(({ width, height, inGrid }) => (inGrid ? height < 24 : height < 44) || width < 24)
      .map(({ name, width, height }) => ({ name, width, height }));
  });
  expect(small).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('keyboard: a skip link first, Train within 5 Tab presses, ? opens the help sheet and Esc closes it', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the training controls' })).toBeFocused();
  let presses = 1;
  while (!(await page.getByRole('button', { name: 'Train', exact: true }).evaluate((element) => element === document.activeElement))) {
    await page.keyboard.press('Tab');
    presses += 1;
    expect(presses).toBeLessThanOrEqual(5);
  }
  console.log(`e2e: Train is Tab stop ${presses}`);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Help' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('table', { name: 'Shortcuts' })).toContainText('Train, or pause a run');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await page.getByRole('button', { name: 'Help' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
});

test('Pause says "Pausing…" at once, then Paused', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await startTraining(page);
  // Read in the same task as the click, before any answer of the worker can arrive: the button changes at once
  // and cannot be pressed twice.
  const right = await page.getByRole('button', { name: 'Pause' }).evaluate((button: HTMLButtonElement) => {
    button.click();
    return new Promise<{ text: string; disabled: boolean }>((resolve) => queueMicrotask(() => resolve({ text: button.textContent ?? '', disabled: button.disabled })));
  });
  expect(right).toEqual({ text: 'Pausing…', disabled: true });
  await expect(page.getByTestId('training-status')).toHaveText('Paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
});

test('the address follows the edited experiment, and a reload restores the network and settings', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  const before = page.url();
  await page.getByRole('button', { name: 'Delete layer 2' }).click();
  await page.getByLabel('Epochs', { exact: true }).fill('7');
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  await expect.poll(() => page.url()).not.toBe(before);
  expect(page.url()).toContain('?train=2000#v1.');
  await page.reload();
  await expect(page.getByTestId('opened-notice')).toContainText('Opened the experiment in the address: its network and settings.');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('7');
  await expect(page.getByTestId('layer-card')).toHaveCount(1);
  await expect(page.getByText('On 2,000 training images')).toBeVisible();
});

test('reloading with a trained model that was not saved asks first', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  // An untrained model leaves without a question.
  await page.reload();
  await expectReady(page);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Paused');
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
  void page.reload().catch(() => {}); // dismissed: the page stays
  expect(await asked).toBe('beforeunload');
  await expect(page.getByTestId('training-status')).toHaveText('Paused');
});

for (const [width, height] of [
  [1280, 800],
  [1440, 900],
] as const) {
  test(`at ${width}×${height}, a palette item dropped between layers 1 and 2 lands there, and the page stays put`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?train=2000');
    await expectReady(page);
    const cards = page.getByTestId('layer-card');
    const second = cards.nth(1);
    // Aim at the top edge of layer 2: the gap under layer 1.
    const target = await boxOf(second);
    const source = await boxOf(page.getByRole('button', { name: 'Drag a new Dropout layer into the network' }));
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, { steps: 5 });
    await page.mouse.move(target.x + target.width / 2, target.y + 6, { steps: 20 });
    await page.waitForTimeout(700);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.mouse.up();
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(1)).toContainText('Dropout');
  });
}

test('Add puts a layer at the end unless a layer is selected, and says which', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  const cards = page.getByTestId('layer-card');
  const hint = page.locator('.builder-hint');
  await expect(hint).toContainText('at the end');
  await page.getByRole('button', { name: 'Add Dropout layer' }).click();
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(2)).toContainText('Dropout');
  // Selecting layer 1 (focus in its card) makes Add put the next one after it, as the hint says.
  await page.getByLabel('Units of layer 1').focus();
  await expect(hint).toContainText('after layer 1');
  await page.getByRole('button', { name: 'Add Dropout layer' }).click();
  await expect(cards).toHaveCount(4);
  await expect(cards.nth(1)).toContainText('Dropout');
  await expect(cards.nth(2)).toContainText('Dense');
  // Focus elsewhere on the page clears the selection.
  await page.getByRole('button', { name: 'Help' }).focus();
  await expect(hint).toContainText('at the end');
});
