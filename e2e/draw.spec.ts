// e2e: testing the model by hand — draw a digit with the mouse and read the prediction; paint in a sample digit.
import { expect, test, type Page } from '@playwright/test';
import { expectReady } from './page-helpers';

const PAD = 'Drawing pad: draw a digit from 0 to 9';

/** Collects uncaught page errors and console errors, to check that none happened. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Draws a stroke with the mouse through the given points, as fractions of the pad's width and height. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const pad = page.getByLabel(PAD);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 12 });
  await page.mouse.up();
}

/** How many of the model's 28×28 input pixels have ink. */
async function inkedInputPixels(page: Page): Promise<number> {
  return page.getByTestId('model-input').evaluate((canvas) => {
    const data = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
    return data.filter((value, i) => i % 4 === 0 && value < 200).length;
  });
}

test('an untrained model predicts something for a drawing, without errors', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?train=2000');
  const prediction = page.getByTestId('prediction');
  await expect(prediction).toHaveText(/The model is not ready yet|Draw a digit/);
  await expectReady(page);
  await expect(prediction).toHaveText('Draw a digit');

  await stroke(page, [
    [0.3, 0.25],
    [0.7, 0.25],
    [0.4, 0.8],
  ]); // a "7"
  // An untrained model's guess says so.
  await expect(prediction).toHaveText(/^Prediction: \d \(\d+%\) · untrained model: its guesses are random until it trains$/);
  console.log(`e2e draw, untrained: ${await prediction.textContent()}`);
  expect(await inkedInputPixels(page)).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(prediction).toHaveText('Draw a digit');
  expect(await inkedInputPixels(page)).toBe(0);
  expect(errors).toEqual([]);
});

test('after training, a drawn "1" is predicted as 1, and a sample digit gets a prediction', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByLabel('Epochs', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Finished', { timeout: 180_000 });

  // A vertical stroke through the middle of the pad.
  await stroke(page, [
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  const prediction = page.getByTestId('prediction');
  await expect(prediction).toContainText('Prediction: 1');
  await expect(prediction).not.toContainText('untrained');
  const bars = page.getByRole('list', { name: 'Probability of each digit' }).getByRole('listitem');
  await expect(bars).toHaveCount(10);
  console.log(`e2e draw, trained on 2,000 images for 2 epochs: "1" → ${await prediction.textContent()}`);
  await page.screenshot({ path: testInfo.outputPath('draw.png'), fullPage: true });
  await page.locator('.draw-panel').screenshot({ path: testInfo.outputPath('draw-panel.png') });

  // Keyboard users: a sample digit painted onto the pad, with its label shown.
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(prediction).toHaveText('Draw a digit');
  await page.getByRole('button', { name: 'Draw a sample digit' }).click();
  await expect(page.getByText(/^A training image labelled \d\.$/)).toBeVisible();
  await expect(prediction).toHaveText(/^Prediction: \d \(\d+%\)$/);
  expect(await inkedInputPixels(page)).toBeGreaterThan(10);
  console.log(`e2e draw, ${await page.getByText(/^A training image labelled/).textContent()} → ${await prediction.textContent()}`);
  expect(errors).toEqual([]);
});
