// e2e: edits apply as whole values — typing into a field mid-run never sends the numbers on the way, an invalid value
// stays at its field with its reason (no training, no link) until fixed or Escape, the slider commits on release.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectReady, shownStep } from './page-helpers';

interface SentSettings {
  batchSize: number;
  epochs: number;
  hyperparameters: { learningRate: number };
}

/** Records the training settings of every command the page sends to the training worker (the settings in use). */
async function recordSentSettings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sent: unknown[] = [];
    Object.assign(window, { sentSettings: sent });
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: { settings?: unknown; config?: { settings?: unknown } }, ...rest: [StructuredSerializeOptions?]) {
      const settings = message.settings ?? message.config?.settings;
      if (settings) sent.push(JSON.parse(JSON.stringify(settings)));
      return post.call(this, message, ...rest);
    } as typeof post;
  });
}

const sentSettings = (page: Page): Promise<SentSettings[]> => page.evaluate(() => (window as unknown as { sentSettings: SentSettings[] }).sentSettings);

/** Where training stands: status, epoch, step and the latest figures. */
const progressOf = (page: Page) => page.getByRole('status').filter({ has: page.getByTestId('training-status') });

/** The train accuracy of the latest metrics window, in percent. */
async function trainAccuracy(page: Page): Promise<number> {
  const text = (await page.getByTestId('train-figures').textContent()) ?? '';
  return Number(text.match(/accuracy ([\d.]+)%/)?.[1] ?? Number.NaN);
}

/** Selects the field's text and types over it a key at a time, as a person does. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.selectText();
  await page.keyboard.type(text, { delay: 150 });
}

/** The field's frame: its input, help and problem. */
const frameOf = (page: Page, field: Locator) => page.locator('.field, .builder-field').filter({ has: field });

/** Opens the page on 2,000 images, recording the settings sent, and returns the learning rate's number field and slider. */
async function openRecorded(page: Page): Promise<{ rate: Locator; slider: Locator }> {
  await recordSentSettings(page);
  await page.goto('/?train=2000');
  await expectReady(page);
  return { rate: page.getByLabel('Learning rate', { exact: true }), slider: page.getByLabel('Learning rate (log scale)') };
}

async function startLongRun(page: Page): Promise<void> {
  await openRecorded(page);
  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.fill('50');
  await epochs.press('Enter');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Training');
}

test('typing 10 into Epochs mid-run applies 10 after the pause, never the 1 on the way', async ({ page }) => {
  await startLongRun(page);
  await expect.poll(() => shownStep(page)).toBeGreaterThan(15); // into epoch 2 (15 steps an epoch): 1 epoch would end the run
  await typeInto(page, page.getByLabel('Epochs', { exact: true }), '10'); // no Enter, no blur: the pause commits it
  await expect.poll(async () => (await sentSettings(page)).at(-1)?.epochs).toBe(10);
  expect((await sentSettings(page)).map((settings) => settings.epochs)).not.toContain(1);
  // The run goes on to its tenth epoch (had 1 been applied on the way, it would have stopped in the second).
  await expect(page.getByTestId('training-status')).toHaveText('Finished', { timeout: 180_000 });
  await expect(progressOf(page)).toContainText('epoch 10 of 10, step 150 of');
});

test('typing 256 into Batch size mid-run trains no step at batch 2 or 25, and commits on Enter', async ({ page }) => {
  await startLongRun(page);
  await expect.poll(() => shownStep(page)).toBeGreaterThan(30);
  const batch = page.getByLabel('Batch size');
  await typeInto(page, batch, '256');
  await batch.press('Enter');
  await expect.poll(async () => (await sentSettings(page)).at(-1)?.batchSize).toBe(256);
  expect(new Set((await sentSettings(page)).map((settings) => settings.batchSize))).toEqual(new Set([128, 256]));
  // No tiny batches on the way: the loss did not spike, the latest window's train accuracy stays high.
  const stepAfterEdit = await shownStep(page);
  await expect.poll(() => shownStep(page)).toBeGreaterThan(stepAfterEdit + 3);
  expect(await trainAccuracy(page)).toBeGreaterThan(50);
});

test('an invalid learning rate stays at its field with the reason: no training, no link, the slider keeps the rate; Escape puts it back', async ({ page }) => {
  const { rate, slider } = await openRecorded(page);
  await typeInto(page, rate, '100');
  const problem = frameOf(page, rate).getByRole('alert');
  await expect(problem).toHaveText('Must be at most 10.');
  await expect(rate).toHaveAttribute('aria-invalid', 'true');
  await expect(rate).toHaveAccessibleDescription(/Must be at most 10\./);
  await expect(slider).toHaveAttribute('aria-valuetext', '0.001');
  await expect(slider).toHaveValue('-3');

  // Train and Step stay off while the problem stands, saying why near them (TrainingControls reads the pending problems).
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Step' })).toBeDisabled();
  await expect(page.getByText('Fix the learning rate field to train.')).toBeVisible();

  await page.getByRole('button', { name: 'Copy link' }).click(); // blurs the field: an invalid value still does not commit
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the Learning rate field first: Must be at most 10.' })).toBeVisible();
  await expect(problem).toHaveText('Must be at most 10.');

  await rate.focus();
  await rate.press('Escape');
  await expect(rate).toHaveValue('0.001');
  await expect(problem).toBeHidden();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  const ratesSent = (await sentSettings(page)).map((settings) => settings.hyperparameters.learningRate);
  expect(new Set(ratesSent)).toEqual(new Set([0.001]));
});

test('the learning-rate slider shows where it is dragged and commits when let go, by pointer or by key', async ({ page }) => {
  const { rate, slider } = await openRecorded(page);
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 8 });
  const held = await slider.getAttribute('aria-valuetext');
  expect(Number(held)).toBeGreaterThan(0.01);
  await expect(rate).toHaveValue('0.001'); // the rate in use until the slider is let go
  expect((await sentSettings(page)).map((settings) => settings.hyperparameters.learningRate)).not.toContain(Number(held));
  await page.mouse.up();
  await expect(rate).toHaveValue(held!);
  await expect.poll(async () => (await sentSettings(page)).at(-1)?.hyperparameters.learningRate).toBe(Number(held));

  await slider.focus();
  await page.keyboard.down('ArrowLeft');
  const stepped = await slider.getAttribute('aria-valuetext');
  expect(Number(stepped)).toBeLessThan(Number(held));
  await expect(rate).toHaveValue(held!);
  await page.keyboard.up('ArrowLeft');
  await expect(rate).toHaveValue(stepped!);
});

test('a layer field keeps an invalid value to itself, naming the layer; the network keeps its last valid value until Enter', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  const units = page.getByLabel('Units of layer 2');
  const parameters = page.getByTestId('network-parameters');
  const before = await parameters.textContent();
  await typeInto(page, units, '0');
  await expect(frameOf(page, units).getByText('layer 2: units must be at least 1')).toBeVisible();
  await expect(units).toHaveAttribute('aria-invalid', 'true');
  await expect(parameters).toHaveText(before!);
  await expect(page.getByRole('button', { name: 'Drag layer 2 (Dense 64 relu)' })).toBeVisible();
  await units.press('Escape');
  await expect(units).toHaveValue('64');
  await expect(frameOf(page, units).getByRole('alert')).toHaveCount(0);

  await typeInto(page, units, '32');
  await units.press('Enter');
  await expect(page.getByRole('button', { name: 'Drag layer 2 (Dense 32 relu)' })).toBeVisible();
  await expect(parameters).toHaveText('104,938'); // 784·128 + 128 + 128·32 + 32 + 32·10 + 10
});

test('every setting says what it does in one line, and on a phone each field is a 44 px tap target', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?train=2000');
  await expectReady(page);
  const settings = page.getByRole('form', { name: 'Training settings' });
  const controls = settings.locator('input:not([type="range"]), select');
  for (const control of await controls.all()) {
    const help = settings.locator(`[id="${(await control.getAttribute('aria-describedby'))!}"]`);
    await expect(help).toHaveClass('field-help');
    const lines = await help.evaluate((element) => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight));
    expect(lines, (await help.textContent())!).toBeLessThan(1.5);
  }

  await page.setViewportSize({ width: 400, height: 800 });
  const fields = page.locator(':is(.field, .builder-field) > :is(input:not([type="range"]), select)');
  expect(await fields.count()).toBeGreaterThan(10);
  const heights = await fields.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
});
