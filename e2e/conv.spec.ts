// e2e: convolutional networks in the page — the ConvNet preset's shapes, a pool that cannot fit, LeNet-5 in view while it
// trains, and a small conv net trained a little: filters as k×k tiles, a drawing's feature maps, a prediction, its health.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PRESETS } from '../src/store/presets';
import { expectInView, expectReady } from './page-helpers';

const cards = (page: Page) => page.getByTestId('layer-card');
/** Every card's output shape, input to output, once they read `shapes`. */
const expectShapes = (page: Page, shapes: string[]) => expect.poll(() => page.getByTestId('layer-output-shape').allTextContents()).toEqual(shapes);

/** Sets a field to `value` and commits it with Enter. */
async function setField(page: Page, label: string, value: number): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Enter');
}

/** A canvas's size in pixels (its own, not as CSS shows it) and how many colours it uses. */
const canvasOf = (canvas: Locator) =>
  canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return { width: element.width, height: element.height, colours: colours.size };
  });

test('the ConvNet preset shows every output shape, and a pool too big for its input says why at its layer', async ({ page }) => {
  await page.goto('/?train=300');
  await expectReady(page);
  await page.getByLabel('Preset').selectOption({ label: PRESETS.convnet.label });
  // The address follows the network: a reload opens ConvNet again, and the picker still names it.
  await expect.poll(() => new URL(page.url()).hash).not.toBe('');
  await page.reload();
  await expect(page.getByLabel('Preset')).toHaveValue('convnet');
  await expectReady(page);
  await expect(cards(page)).toHaveCount(6);
  await expectShapes(page, ['28×28×1', '24×24×24', '12×12×24', '10×10×32', '5×5×32', '800', '128', '10']);
  // 24 filters of 5×5 and their biases; then 32 of 3×3×24, Dense 800 → 128 and the output 128 → 10.
  await expect(cards(page).first().locator('.builder-figures')).toHaveText(/Parameters\s*624\s*FLOPs\/sample\s*691,200/);
  await expect(page.getByTestId('network-parameters')).toHaveText('111,386');

  // Two pools after layer 4 (the selected layer: Add puts each after the one before): 5×5 → 2×2, then a 3×3 one.
  await page.getByLabel('Pool size of layer 4').focus();
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Add MaxPool layer' }).click();
  await setField(page, 'Pool size of layer 6', 3);
  const message = 'layer 6: a 3×3 pool needs at least 3×3 input; it gets 2×2';
  await expect(cards(page).nth(5).locator('.builder-issue')).toHaveText(message);
  await expectShapes(page, ['28×28×1', '24×24×24', '12×12×24', '10×10×32', '5×5×32', '2×2×32', '—', '—', '128', '10']);
  await expect(page.getByTestId('network-invalid')).toContainText('1 problem keeps this network from training');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

  await expect(page.getByLabel('Preset')).toHaveValue('custom');
  await page.getByRole('button', { name: 'Delete layer 6' }).click();
  await expect(page.getByText(message)).toHaveCount(0);
  await expect(page.getByTestId('network-invalid')).toHaveCount(0);
  await expectShapes(page, ['28×28×1', '24×24×24', '12×12×24', '10×10×32', '5×5×32', '2×2×32', '128', '128', '10']);
});

test('a small conv net trains a little: filters as k×k tiles, feature maps of a drawing, a prediction, conv layers in health', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?train=300');
  await expectReady(page);
  await page.getByLabel('Preset').selectOption({ label: PRESETS.convnet.label });
  // ConvNet made small for SwiftShader: 4 and 8 filters, 32 units; one epoch of 300 images in batches of 32.
  await setField(page, 'Filters of layer 1', 4);
  await setField(page, 'Filters of layer 3', 8);
  await setField(page, 'Units of layer 6', 32);
  await expectShapes(page, ['28×28×1', '24×24×4', '12×12×4', '10×10×8', '5×5×8', '200', '32', '10']);
  await setField(page, 'Batch size', 32);
  await setField(page, 'Epochs', 1);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Finished', { timeout: 120_000 });

  // The first layer's filters: four 5×5 tiles side by side, one pixel apart.
  const weights = page.getByTestId('weight-images');
  await weights.scrollIntoViewIfNeeded();
  await expect(weights).toContainText('Conv2D 4 5×5 valid relu: what each filter looks for in each 5×5 window of the input, 4 filters');
  expect(await canvasOf(weights.locator('.weight-grid canvas'))).toMatchObject({ width: 4 * 6 - 1, height: 5 });
  await weights.getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(weights.getByRole('img', { name: /^Weights of filter 2, from -?[\d.]+ to -?[\d.]+$/ })).toBeVisible();

  // A drawn "1" gets a prediction, and inspecting it shows each layer that computes something, maps per channel.
  const pad = page.getByLabel('Drawing pad: draw a digit from 0 to 9');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 0.15 * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 0.85 * box.height, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('prediction')).toHaveText(/^Prediction: \d \(\d+%\)/);
  await page.getByRole('button', { name: 'Inspect this drawing' }).click();
  const inspect = page.getByTestId('inspect');
  await expect(inspect.getByTestId('inspection-summary')).toContainText('Predicted');
  const layers = inspect.getByTestId('network-view').getByRole('listitem');
  await expect(layers).toHaveText([/^Conv2D 4 5×5 valid relu · /, /^MaxPool 2×2 · /, /^Conv2D 8 3×3 valid relu · /, /^MaxPool 2×2 · /, /^Dense 32 relu · /]);
  // One map per channel, a pixel apart: the first layer's four 24×24 maps, the pooled 12×12 ones, eight 5×5 after the second pool.
  const firstMaps = await canvasOf(layers.nth(0).locator('.tile-picker canvas'));
  expect(firstMaps).toMatchObject({ width: 4 * 25 - 1, height: 24 });
  expect(firstMaps.colours, 'the maps show the drawing, not one flat colour').toBeGreaterThan(10);
  expect(await canvasOf(layers.nth(1).getByRole('img', { name: /^MaxPool 2×2, 12×12×4: / }))).toMatchObject({ width: 4 * 13 - 1, height: 12 });
  expect(await canvasOf(layers.nth(3).getByRole('img', { name: /^MaxPool 2×2, 5×5×8: / }))).toMatchObject({ width: 8 * 6 - 1, height: 5 });
  // A channel of the first layer picked with the keyboard shows the filter that made it.
  await layers.nth(0).getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(layers.nth(0).getByRole('slider')).toHaveAttribute('aria-valuetext', 'channel 2 of 4');
  await expect(layers.nth(0).getByRole('img', { name: /^Weights of filter 2,/ })).toBeVisible();
  await page.locator('.insight').screenshot({ path: testInfo.outputPath('insight-conv-1280x800.png') });

  // Training health lists the layers with parameters, the conv ones first, each with figures (none of them NaN).
  const health = page.getByRole('region', { name: 'Training health' });
  await health.scrollIntoViewIfNeeded();
  await expect(health.getByTestId('layer-health')).toHaveCount(4);
  for (const name of ['Layer 1: Conv2D 4 5×5 valid relu', 'Layer 3: Conv2D 8 3×3 valid relu', 'Layer 6: Dense 32 relu', 'Layer 7: Output 10 softmax']) {
    await expect(health.getByRole('article', { name }).getByRole('img', { name: /^Gradient norm: .* at step \d+/ })).toBeVisible();
  }
  await expect(health.getByRole('article', { name: 'Layer 1: Conv2D 4 5×5 valid relu' })).toContainText('Dead filters');
  await expect(health).not.toContainText('NaN');
  await health.screenshot({ path: testInfo.outputPath('health-conv-1280x800.png') });
});

test('while LeNet-5 trains at 1280×800, each of its layers is one line with its shape, all in view with the charts', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByLabel('Preset').selectOption({ label: PRESETS.lenet5.label });
  await setField(page, 'Epochs', 50);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  // Each card's one line: its number, its name (with "Layer n:" for screen readers) and its output shape.
  await expect(cards(page).locator('.builder-card-head')).toHaveText([
    '1Layer 1: Conv2D 6 5×5 same reluoutput 28×28×6',
    '2Layer 2: MaxPool 2×2output 14×14×6',
    '3Layer 3: Conv2D 16 5×5 valid reluoutput 10×10×16',
    '4Layer 4: MaxPool 2×2output 5×5×16',
    '5Layer 5: Flattenoutput 400',
    '6Layer 6: Dense 120 reluoutput 120',
    '7Layer 7: Dense 84 reluoutput 84',
  ]);
  for (const card of [page.getByTestId('input-card'), ...(await cards(page).all()), page.getByTestId('output-card')]) await expectInView(page, card, 'a layer');
  await expectInView(page, page.getByRole('figure', { name: /Train and test loss/ }), 'loss chart');
  await page.getByRole('button', { name: 'Pause' }).click();
});
