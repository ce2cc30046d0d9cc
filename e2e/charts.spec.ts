// e2e: the charts read well after a loss spike — the loss axis turns logarithmic by itself, tick labels stay short and clear
// of each other and of the axis titles, the x axis counts steps or epochs, and a screen reader hears the latest figures.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectReady } from './page-helpers';

type Box = { x: number; y: number; width: number; height: number };
type Text = { text: string; box: Box };
/** One chart's text as drawn: tick labels per axis, and the titles (axis labels and the card's header). */
type ChartText = { chart: string; axes: Text[][]; titles: Text[] };

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every chart's tick labels and titles with their boxes, read in one go so a chart update cannot fall in between. */
function chartTexts(page: Page): Promise<ChartText[]> {
  return page.evaluate(() => {
    const read = (element: Element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { text: element.textContent ?? '', box: { x, y, width, height } };
    };
    return [...document.querySelectorAll('.training-charts figure')].map((figure) => ({
      chart: figure.getAttribute('aria-label') ?? '',
      axes: [...figure.querySelectorAll('.recharts-xAxis-tick-labels, .recharts-yAxis-tick-labels')].map((axis) => [...axis.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(read)),
      titles: [...figure.querySelectorAll('.recharts-label, .chart-head')].map(read),
    }));
  });
}

/** No tick label is longer than 6 characters or touches another label of its axis or any title. */
async function expectTicksReadable(page: Page): Promise<void> {
  const charts = await chartTexts(page);
  expect(charts).toHaveLength(3);
  for (const { chart, axes, titles } of charts) {
    expect(axes.flat().length, `${chart}: ticks drawn`).toBeGreaterThan(4);
    for (const ticks of axes) {
      for (const [i, tick] of ticks.entries()) {
        expect(tick.text.length, `${chart}: tick "${tick.text}" is short`).toBeLessThanOrEqual(6);
        for (const title of titles) expect(overlap(tick.box, title.box), `${chart}: tick "${tick.text}" clear of "${title.text}"`).toBe(false);
        for (const other of ticks.slice(i + 1)) expect(overlap(tick.box, other.box), `${chart}: ticks "${tick.text}" and "${other.text}" apart`).toBe(false);
      }
    }
  }
}

const yTicks = (chart: Locator) => chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();

test('after a loss spike the loss axis turns log by itself, ticks stay short and apart, x counts steps or epochs, and the latest figures are in words', async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/?train=2000');
  await expectReady(page);

  // Plain SGD at a learning rate of 10 blows the loss up within a few steps.
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  const rate = page.getByRole('spinbutton', { name: 'Learning rate', exact: true });
  await rate.fill('10');
  await rate.press('Enter');
  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.fill('2');
  await epochs.press('Enter');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const loss = page.getByRole('figure', { name: /Train and test loss/ });
  await expect(loss.getByRole('checkbox', { name: 'Log scale (auto)' })).toBeChecked();
  // Whether training finished or was paused as diverged, what it drew stays put from here.
  await expect(page.getByRole('button', { name: /^Paus/ })).toHaveCount(0);
  await expect(loss.locator('.series-train .recharts-line-curve')).toBeVisible();
  const logTicks = await yTicks(loss);
  expect(logTicks.length).toBeGreaterThan(2);
  expect(logTicks).not.toContain('0'); // a linear loss axis starts at 0; a log axis cannot
  await expectTicksReadable(page);

  // The latest figures in words, for screen readers, agree with the chart's last point (its tooltip at the right edge).
  const summary = await loss.locator('.chart-summary').textContent();
  expect(summary).toMatch(/^Latest: step [\d,]+, epoch [\d.]+, train loss [\d.,]+ \(smoothed [\d.,]+\)/);
  const plot = (await loss.locator('.recharts-surface').boundingBox())!;
  await page.mouse.move(plot.x + plot.width - 16, plot.y + plot.height / 2);
  const lastStep = (await loss.locator('.chart-tooltip-label').textContent())!.match(/^Step ([\d,]+)/)![1];
  expect(summary).toContain(`step ${lastStep},`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: testInfo.outputPath('charts.png') });

  // Epochs on the x axis of every chart.
  await page.getByRole('radio', { name: 'Epoch' }).check();
  await expect(page.locator('.training-charts .recharts-label')).toHaveText(['Epoch', 'Epoch', 'Epoch']);
  await expect(page.getByRole('figure', { name: 'Train and test loss by epoch' })).toBeVisible();
  await expectTicksReadable(page);
  await page.screenshot({ path: testInfo.outputPath('charts-by-epoch.png') });

  // Once touched, the person's choice wins over the automatic one.
  await loss.getByRole('checkbox', { name: 'Log scale (auto)' }).uncheck();
  await expect(loss.getByRole('checkbox', { name: 'Log scale', exact: true })).not.toBeChecked();
  await expect.poll(() => yTicks(loss)).toContain('0');
  await expectTicksReadable(page);
});
