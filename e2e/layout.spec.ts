// e2e: the page fits a phone-width screen, and the theme toggle switches light and dark (and is remembered).
import { expect, test } from '@playwright/test';
import { expectReady } from './page-helpers';

test('fits a 360 px wide screen without sideways scrolling', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/?train=2000');
  await expectReady(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('phone.png'), fullPage: true });
});

test('switches between light and dark themes and remembers the choice', async ({ page }, testInfo) => {
  await page.goto('/?train=2000');
  await expectReady(page);
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.getByLabel('Theme').selectOption('light');
  const light = await background();
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.screenshot({ path: testInfo.outputPath('dark.png'), fullPage: true });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);
});
