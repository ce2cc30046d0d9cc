// e2e: share a trained model by link and by file, open both in fresh pages; malformed links and files are refused.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectReady, testAccuracy } from './page-helpers';

/** The accuracies in the "opened from …" notice: the one the link or file claims, and the one measured here. */
async function openedFigures(page: Page): Promise<{ claimed: number; measured: number }> {
  const notice = page.getByTestId('opened-notice');
  await expect(notice).toContainText('Tested here');
  const [claimed, measured] = [...(await notice.textContent())!.matchAll(/([\d.]+)% test accuracy/g)].map((match) => Number(match[1]));
  return { claimed: claimed!, measured: measured! };
}

async function expectSameExperiment(page: Page): Promise<void> {
  await expect(page.getByText('On 2,000 training images')).toBeVisible();
  await expect(page.getByTestId('layer-card')).toHaveCount(2);
  await expect(page.getByLabel('Units of layer 1')).toHaveValue('128');
  await expect(page.getByLabel('Units of layer 2')).toHaveValue('48');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.002');
  await expect(page.getByLabel('Seed')).toHaveValue('5');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('1');
}

test('a trained model travels by link and by file to fresh pages with the same network, settings and accuracy', async ({ page, context }, testInfo) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByLabel('Units of layer 2').fill('48');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.002');
  await page.getByLabel('Seed').fill('5');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await expectReady(page);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Finished');
  const trainedAccuracy = await testAccuracy(page);

  await page.getByLabel(/Include the weights/).check();
  await expect(page.getByText(`trained model, 1 epoch, ${trainedAccuracy.toFixed(1)}% test accuracy`)).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  console.log(`e2e share link: ${link.length} characters`);

  const linked = await context.newPage();
  await linked.goto(link);
  await expectSameExperiment(linked);
  const fromLink = await openedFigures(linked);
  expect(fromLink.claimed).toBe(trainedAccuracy);
  expect(Math.abs(fromLink.measured - trainedAccuracy)).toBeLessThanOrEqual(0.3);
  // One coherent state: imported, how it was trained and what it scored there and here, its test point on the
  // charts, ready to train further.
  await expect(linked.getByTestId('training-status')).toHaveText('Ready to train further');
  await expect(linked.getByTestId('imported-line')).toHaveText(
    `Imported: trained model, 1 epoch, ${trainedAccuracy.toFixed(1)}% test accuracy there; ${fromLink.measured.toFixed(1)}% tested here.`,
  );
  await expect(linked.getByRole('status').filter({ has: linked.getByTestId('training-status') })).not.toContainText('epoch 1 of 1, step 0');
  await expect(linked.getByRole('figure', { name: /Train and test loss/ }).locator('.test-markers circle')).toHaveCount(1);
  await expect(linked.getByTestId('test-accuracy')).toContainText(`${fromLink.measured.toFixed(1)}%`);
  // The insight views work on the opened model at once: its test on arrival fills the confusion matrix and the gallery.
  await expect(linked.getByRole('grid', { name: /Confusion matrix/ })).toBeVisible();
  await linked.getByRole('button', { name: 'Most confident mistakes' }).click();
  await expect(linked.getByTestId('gallery').locator('[data-test-index]').first()).toBeVisible();
  await linked.getByTestId('weight-images').scrollIntoViewIfNeeded();
  await expect(linked.getByTestId('weight-images').locator('.weight-grid canvas')).toBeVisible();
  await linked.screenshot({ path: testInfo.outputPath('opened-link.png'), fullPage: true });
  await linked.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(linked.getByTestId('training-status')).toHaveText('Finished');
  await expect(linked.getByTestId('imported-line')).toBeHidden();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model file' }).click()]);
  expect(download.suggestedFilename()).toBe('backprop-studio-784-128-48-10.safetensors');
  const file = testInfo.outputPath('model.safetensors');
  await download.saveAs(file);
  const imported = await context.newPage();
  await imported.goto('/');
  await expectReady(imported);
  await imported.getByLabel('Model file to open').setInputFiles(file);
  await expectSameExperiment(imported);
  const fromFile = await openedFigures(imported);
  // Float32 weights, bit for bit: the same predictions, so exactly the same accuracy.
  expect(fromFile.measured).toBe(trainedAccuracy);
});

test('a malformed link and a malformed file each say what is wrong, and the page keeps working', async ({ page }) => {
  await page.goto('/?train=2000#v1.bm90LWEtbW9kZWw');
  await expect(page.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toBeVisible();
  await expectReady(page);
  await expect(page.getByTestId('layer-card')).toHaveCount(2); // the default network

  await page.getByLabel('Model file to open').setInputFiles({ name: 'broken.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model file') });
  await expect(page.getByRole('alert').filter({ hasText: 'The file broken.safetensors could not be opened' })).toBeVisible();
  await expect(page.getByTestId('layer-card')).toHaveCount(2);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('training-status')).toHaveText('Paused');
});

test('Export as PyTorch script saves one standalone .py of the edited experiment', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await page.getByLabel('Units of layer 2').fill('48');
  await page.getByLabel('Units of layer 2').press('Enter');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as PyTorch script' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.py$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const source = readFileSync(file, 'utf8');
  expect(source).toContain('nn.Linear(784, 128)');
  expect(source).toContain('nn.Linear(128, 48)');
  expect(source).toContain('DistributedDataParallel');
  expect(source).toContain('"trainImages": 2000');
});
