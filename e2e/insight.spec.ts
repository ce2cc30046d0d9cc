// e2e: what the network learned — the confusion matrix and its gallery checked against the served IDX labels, an inspected
// digit's saliency and network view, first-layer weight tiles that change as training goes on, the keyboard path, and layouts.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectReady, focusedLabel, servedTestLabels, shownStep, tabUntilFocusIn } from './page-helpers';

const matrix = (page: Page) => page.getByRole('grid', { name: /Confusion matrix/ });
const gallery = (page: Page) => page.getByTestId('gallery');
const galleryImages = (page: Page) => gallery(page).locator('[data-test-index]');
const inspect = (page: Page) => page.getByTestId('inspect');
const weightCanvas = (page: Page) => page.getByTestId('weight-images').locator('.weight-grid canvas');

interface Cell {
  trueClass: number;
  predictedClass: number;
  count: number;
}

/** Every cell of the confusion matrix, read from what a screen reader hears ("True 4, predicted 9: 12 images"). */
async function cells(page: Page): Promise<Cell[]> {
  const labels = await matrix(page).getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
  return labels.map((label) => {
    const [, trueClass, predictedClass, count] = label.match(/^True (\d), predicted (\d): ([\d,]+) images?$/)!;
    return { trueClass: Number(trueClass), predictedClass: Number(predictedClass), count: Number(count!.replaceAll(',', '')) };
  });
}

/** The canvas's pixels as a data URL, to tell two drawings apart. */
const canvasPixels = (canvas: Locator): Promise<string> => canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL());

/** The test-split indices of the gallery's images, and what each says it was predicted as. */
async function shownImages(page: Page): Promise<{ index: number; predicted: number }[]> {
  return galleryImages(page).evaluateAll((buttons) =>
    buttons.map((button) => ({
      index: Number(button.getAttribute('data-test-index')),
      predicted: Number(button.getAttribute('aria-label')!.match(/predicted (\d)/)![1]),
    })),
  );
}

async function trainFor(page: Page, epochs: number): Promise<void> {
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Epochs', { exact: true }).press('Enter');
  // A finished run given more epochs can go on: its button then says Resume.
  await page.getByRole('button', { name: /^(Train|Resume)$/ }).click();
}

test('after training, a confusion cell opens its test images, one inspects, and the weight tiles change between epochs', async ({ page, request }, testInfo) => {
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const labels = await servedTestLabels(request);
  await page.goto('/?train=2000');
  await expectReady(page);
  await expect(page.getByText('Train an epoch or press Test now')).toBeVisible();
  const source = page.getByTestId('confusion-source');
  /** The tiles once training has finished and they show the weights of the last step. */
  const finishedTiles = async (epoch: number): Promise<string> => {
    // The weights are read only while their panel is on screen (editing Epochs scrolled the settings into view).
    await page.getByTestId('weight-images').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('training-status')).toHaveText('Finished', { timeout: 240_000 });
    await expect(source).toContainText(`(epoch ${epoch})`);
    await expect(page.getByTestId('weight-images')).toContainText(`weights of step ${await shownStep(page)}`);
    return canvasPixels(weightCanvas(page));
  };
  await trainFor(page, 1);
  const afterEpochOne = await finishedTiles(1);
  await trainFor(page, 2);
  expect(await finishedTiles(2), 'the weight tiles after epoch 2 differ from those after epoch 1').not.toBe(afterEpochOne);

  // The most frequent mistake: every image its gallery shows is of that true class (by the IDX labels), predicted as the cell says.
  const mistakes = (await cells(page)).filter((cell) => cell.trueClass !== cell.predictedClass && cell.count > 0);
  expect(mistakes.length).toBeGreaterThan(0);
  const cell = mistakes.reduce((most, next) => (next.count > most.count ? next : most));
  await matrix(page).getByRole('button', { name: `True ${cell.trueClass}, predicted ${cell.predictedClass}:` }).click();
  await expect(gallery(page).getByRole('heading')).toHaveText(`True ${cell.trueClass}, predicted ${cell.predictedClass}: ${cell.count} ${cell.count === 1 ? 'image' : 'images'}`);
  await expect(galleryImages(page)).toHaveCount(Math.min(cell.count, 24));
  const shown = await shownImages(page);
  expect(shown.map(({ index }) => labels[index])).toEqual(shown.map(() => cell.trueClass));
  expect(shown.map(({ predicted }) => predicted)).toEqual(shown.map(() => cell.predictedClass));
  console.log(`e2e insight: true ${cell.trueClass} predicted ${cell.predictedClass}, ${cell.count} images; shown test indices ${shown.map(({ index }) => index).join(', ')}`);

  // Inspecting the most confident of them: the model still predicts the cell's class, with a saliency map and the network view.
  await galleryImages(page).first().click();
  await expect(inspect(page).getByTestId('inspection-summary')).toContainText(`Predicted ${cell.predictedClass} (`);
  await expect(inspect(page).getByTestId('saliency')).toBeVisible();
  const saliencyColours = await inspect(page)
    .getByTestId('saliency')
    .evaluate((canvas) => new Set(Array.from((canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data)).size);
  expect(saliencyColours).toBeGreaterThan(10);
  const network = inspect(page).getByTestId('network-view');
  await expect(network.getByRole('listitem').first()).toContainText(/^Dense \d+ \w+ · \d+ of \d+ above zero/);
  // Pointing at a first-layer unit shows its weight tile.
  await network.getByRole('slider').hover();
  await expect(network.getByRole('img', { name: /^Weights into unit \d+/ })).toBeVisible();

  await page.locator('.insight').screenshot({ path: testInfo.outputPath('insight-1280x800.png') });
  await page.screenshot({ path: testInfo.outputPath('page-1280x800.png'), fullPage: true });

  // The most confident mistakes: none of them is labelled as predicted.
  await gallery(page).getByRole('button', { name: 'Most confident mistakes' }).click();
  await expect(gallery(page).getByRole('heading')).toHaveText(/^Most confident mistakes: [\d,]+ images?$/);
  await expect(galleryImages(page).first()).toBeVisible();
  const wrong = await shownImages(page);
  for (const { index, predicted } of wrong) expect(labels[index], `test image ${index}`).not.toBe(predicted);
  await expect(gallery(page).getByTestId('gallery-range')).toHaveText(/^1–\d+ of [\d,]+$/);
});

test('a keyboard reaches a confusion cell, moves with the arrows and opens it with Enter', async ({ page, request }) => {
  const labels = await servedTestLabels(request);
  await page.goto('/?train=2000');
  await expectReady(page);
  // An untrained model, tested: its matrix is as real as a trained one's.
  await page.getByRole('button', { name: 'Test now' }).first().click();
  await expect(matrix(page)).toBeVisible();
  await page.getByRole('heading', { name: 'Insight — what the model learned' }).scrollIntoViewIfNeeded();
  await page.getByRole('heading', { name: 'Insight — what the model learned' }).click();
  await tabUntilFocusIn(page, '.confusion-matrix button');
  expect(await focusedLabel(page)).toMatch(/^True 0, predicted 0: /);
  // One tab stop for the whole grid: the arrows move inside it.
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
  expect(await focusedLabel(page)).toMatch(/^True 2, predicted 3: /);
  await page.keyboard.press('End');
  expect(await focusedLabel(page)).toMatch(/^True 2, predicted 9: /);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const count = Number((await focusedLabel(page)).match(/: ([\d,]+) image/)![1]!.replaceAll(',', ''));
  await page.keyboard.press('Enter');
  await expect(gallery(page).getByRole('heading')).toHaveText(`True 2, predicted 1: ${count} ${count === 1 ? 'image' : 'images'}`);
  await expect(galleryImages(page)).toHaveCount(Math.min(count, 24));
  for (const { index, predicted } of await shownImages(page)) {
    expect(labels[index]).toBe(2);
    expect(predicted).toBe(1);
  }
  // Tab leaves the grid in one press: the next stop is after it.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).toMatch(/^True 2, predicted 1: /);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('.confusion-matrix') === null)).toBe(true);
});

for (const [width, height] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`at ${width}×${height}, the insight section fits, and a sample digit and a drawing can be inspected`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?train=2000');
    await expectReady(page);
    await page.getByRole('button', { name: 'Test now' }).first().click();
    await expect(matrix(page)).toBeVisible();
    const cell = (await cells(page)).find((candidate) => candidate.count > 0)!;
    await matrix(page).getByRole('button', { name: `True ${cell.trueClass}, predicted ${cell.predictedClass}:` }).click();
    await expect(galleryImages(page).first()).toBeVisible();

    await page.getByRole('button', { name: 'Inspect sample digit 1, labelled 5' }).click();
    await expect(inspect(page)).toContainText('Sample digit 1, labelled 5');
    await expect(inspect(page).getByTestId('inspection-summary')).toContainText('untrained model');
    await expect(inspect(page).getByTestId('network-view')).toBeVisible();
    await expect(weightCanvas(page)).toBeVisible();
    await page.getByTestId('weight-images').getByRole('slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('weight-images').getByRole('img', { name: /^Weights into unit 2,/ })).toBeVisible();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('.insight').screenshot({ path: testInfo.outputPath(`insight-${width}x${height}.png`) });

    await page.getByRole('button', { name: 'Draw a sample digit' }).click();
    await page.getByRole('button', { name: 'Inspect this drawing' }).click();
    await expect(inspect(page)).toContainText(/A training image labelled \d, as drawn on the pad/);
    await expect(inspect(page).getByTestId('inspection-summary')).toContainText('Predicted');
    await page.screenshot({ path: testInfo.outputPath(`page-${width}x${height}.png`), fullPage: true });
  });
}
