// e2e: runs kept in IndexedDB — two runs survive a reload with their changes against a baseline, overlay as two lines on the main charts,
// export as CSV with a row per logged point; a full disk is said while training goes on; phone layout and keyboard path;
// a run's kept final weights reopen after a reload as a model that tests as the run did.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectReady, testAccuracy } from './page-helpers';

const status = (page: Page) => page.getByTestId('training-status');
const runsPanel = (page: Page) => page.getByRole('region', { name: 'Runs' });
const rows = (page: Page) => page.getByTestId('run-row');

async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByRole('spinbutton', { name: label, exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** Trains one epoch of the current experiment to the end. */
async function trainToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveText('Finished', { timeout: 120_000 });
}

async function downloaded(page: Page, button: string): Promise<string> {
  const download = page.waitForEvent('download');
  await runsPanel(page).getByRole('button', { name: button }).click();
  return readFile((await (await download).path())!, 'utf8');
}

test('two runs survive a reload with their changes against a baseline, overlay as two lines, and export a CSV row per logged point', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?train=2000');
  await expectReady(page);
  await expect(runsPanel(page).getByText('No runs yet')).toBeVisible();
  await runsPanel(page).screenshot({ path: testInfo.outputPath('runs-empty.png') });

  await setField(page, 'Epochs', '1');
  await trainToEnd(page);
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Reset' }).click();
  await setField(page, 'Learning rate', '0.01');
  await trainToEnd(page);
  await expect(rows(page)).toHaveCount(2);
  await expect(runsPanel(page).getByTestId('runs-storage')).toContainText('Saved in this browser');

  page.on('dialog', (dialog) => void dialog.accept()); // leaving with a trained model asks first
  await page.reload();
  await expectReady(page);
  await expect(rows(page)).toHaveCount(2);
  await expect(runsPanel(page).getByTestId('runs-storage')).toContainText(/B used of [\d.]+ [MG]B available/);
  // Newest first: the first run (learning rate 0.001) is the second row. Name it, make it the baseline.
  const firstRun = rows(page).nth(1);
  await expect(firstRun).toContainText('lr 0.001');
  const name = firstRun.getByRole('textbox');
  await name.fill('Adam at 0.001');
  await name.press('Enter');
  await runsPanel(page).getByRole('combobox', { name: 'Baseline for changes' }).selectOption({ label: 'Adam at 0.001' });
  await expect(rows(page).nth(0).getByTestId('run-changes')).toHaveText('learning rate 0.001 → 0.01');
  await expect(rows(page).nth(1).getByTestId('run-changes')).toHaveText('baseline');

  // Keyboard: from the exports, Tab reaches the sort buttons, then the first row's pick box; Space picks it.
  await runsPanel(page).getByRole('button', { name: 'Export JSON' }).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Compare /);
  await page.keyboard.press('Space');
  await rows(page).nth(1).getByRole('checkbox').check();
  // Ticked runs are drawn over the main charts, each in its colour and named in the legend; Clear comparison unticks them.
  const lossChart = page.getByRole('figure', { name: /Train and test loss/ });
  await expect(lossChart.locator('.run-line path.recharts-line-curve')).toHaveCount(2);
  await expect(lossChart.locator('.chart-legend li').filter({ has: page.locator('[class*="swatch-run-"]') })).toHaveText([/^Run of /, 'Adam at 0.001']);
  await expect(page.getByRole('figure', { name: /Train and test accuracy/ }).locator('.run-line path.recharts-line-curve')).toHaveCount(2);
  await page.getByRole('radio', { name: 'Epoch' }).check();
  await expect(page.getByRole('figure', { name: 'Train and test loss by epoch' }).locator('.run-line path.recharts-line-curve')).toHaveCount(2);
  await page.getByRole('region', { name: 'Training charts' }).screenshot({ path: testInfo.outputPath('runs-overlaid-1280.png') });
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save loss chart as SVG' }).click();
  expect(await readFile((await (await svgDownload).path())!, 'utf8')).toContain('Adam at 0.001'); // the saved legend names the overlaid runs
  await page.getByRole('button', { name: 'Clear comparison' }).click();
  await expect(lossChart.locator('.run-line')).toHaveCount(0);
  await expect(rows(page).getByRole('checkbox', { checked: true })).toHaveCount(0);

  // The CSV has a row per logged point of each run (as the JSON records hold them), tagged with the run's id.
  const json = JSON.parse(await downloaded(page, 'Export JSON')) as { runs: Array<{ id: string; trainMetrics: unknown[]; evaluations: unknown[] }> };
  const csv = (await downloaded(page, 'Export CSV')).trimEnd().split('\n');
  expect(csv[0]).toBe('run_id,run_name,kind,step,epoch,loss,accuracy,samples_per_second');
  expect(json.runs).toHaveLength(2);
  for (const run of json.runs) {
    expect(run.trainMetrics.length).toBeGreaterThan(0);
    expect(run.evaluations.length).toBeGreaterThan(0);
    expect(csv.filter((line) => line.startsWith(`${run.id},`))).toHaveLength(run.trainMetrics.length + run.evaluations.length);
  }
  expect(csv).toHaveLength(1 + json.runs.reduce((sum, run) => sum + run.trainMetrics.length + run.evaluations.length, 0));

  // Delete with Undo.
  await rows(page).nth(0).getByRole('button', { name: /^Delete / }).click();
  await expect(rows(page)).toHaveCount(1);
  await runsPanel(page).getByRole('button', { name: 'Undo' }).click();
  await expect(rows(page)).toHaveCount(2);

  // A phone: each run a card, every control at least 44 px tall.
  await page.setViewportSize({ width: 390, height: 844 });
  await runsPanel(page).scrollIntoViewIfNeeded();
  for (const control of await runsPanel(page).locator('button, select, input[type="text"], .runs-pick-target').all()) {
    if (!(await control.isVisible())) continue;
    expect((await control.boundingBox())!.height, await control.evaluate((element) => element.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
  }
  await runsPanel(page).screenshot({ path: testInfo.outputPath('runs-phone-390.png') });
});

test('a full disk is said in the panel, and training goes on with the run kept in memory', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/?train=2000');
  await expectReady(page);
  await setField(page, 'Epochs', '1');
  await trainToEnd(page);
  await expect(runsPanel(page).getByTestId('runs-problem')).toContainText('Storage is full: could not save');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('lr 0.001');
});

test('a run keeps its weights when asked: after a reload it opens with its final weights, testing as it did', async ({ page }) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  await runsPanel(page).getByRole('checkbox', { name: /^Keep weights of new runs/ }).check();
  await setField(page, 'Epochs', '1');
  await trainToEnd(page);
  const runAccuracy = Number((await rows(page).first().locator('td[data-label="Test accuracy"]').textContent())!.replace('%', ''));
  await expect(rows(page).first().getByTestId('run-weights')).toHaveText(/^final [\d.]+ MB, best [\d.]+ MB$/);
  await expect(runsPanel(page).getByTestId('runs-storage')).toContainText(/MB of weights/);

  page.on('dialog', (dialog) => void dialog.accept()); // leaving with a trained model asks first
  await page.reload();
  await expectReady(page);
  await expect(runsPanel(page).getByRole('checkbox', { name: /^Keep weights of new runs/ })).toBeChecked();
  await rows(page).first().getByText('Open…').click();
  await runsPanel(page).getByRole('button', { name: 'Open with final weights' }).click();
  await expect(page.getByTestId('opened-notice')).toContainText('Opened from the kept final weights of “Run of');
  await expect(page.getByTestId('imported-line')).toContainText('tested here');
  expect(Math.abs((await testAccuracy(page)) - runAccuracy)).toBeLessThanOrEqual(0.3);
});
