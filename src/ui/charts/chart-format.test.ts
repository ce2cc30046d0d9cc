// Unit tests of the chart number formats: exact tooltips, short ticks at every scale, step and epoch labels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRate } from '../format';
import { formatEpochs, formatLoss, formatPercent, formatPercentTick, formatSignificant, formatStepLabel, formatTick } from './chart-format';
import { linearScale, logScale } from './scales';

/** The longest label among the ticks of a scale. */
const longestTick = (ticks: readonly number[]) => Math.max(...ticks.map((tick) => formatTick(tick).length));

describe('chart formats', () => {
  it('formats tooltip values exactly', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatPercent(97.256)).toBe('97.26%');
    expect(formatRate(12345.6)).toBe('12,346 samples/s');
  });
  it('formats figures read aloud to 3 significant digits', () => {
    expect(formatSignificant(0.21345)).toBe('0.213');
    expect(formatSignificant(4e6)).toBe('4,000,000');
  });
  it('formats axis ticks compactly, with exponents for small values', () => {
    expect(formatTick(4_000_000)).toBe('4M');
    expect(formatTick(1200)).toBe('1.2K');
    expect(formatTick(12_500)).toBe('12.5K');
    expect(formatTick(40)).toBe('40');
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(0.05)).toBe('0.05');
    expect(formatTick(0.001)).toBe('1e-3');
    expect(formatTick(0.00025)).toBe('2.5e-4');
    expect(formatTick(1e18)).toBe('1e18');
    expect(formatPercentTick(75)).toBe('75%');
  });
  it('keeps every tick label short, for linear ranges from 1e-4 to 1e7', () => {
    for (let decade = -4; decade <= 7; decade++) {
      for (const factor of [1, 1.2, 2.3, 4, 6.1, 9]) {
        const max = factor * 10 ** decade;
        for (const count of [4, 5]) expect(longestTick(linearScale(0, max, { count }).ticks), `0..${max}`).toBeLessThanOrEqual(6);
        expect(longestTick(linearScale(0, max, { extend: false, integer: true }).ticks), `steps 0..${max}`).toBeLessThanOrEqual(6);
        expect(longestTick(linearScale(0, max, { extend: false }).ticks), `epochs 0..${max}`).toBeLessThanOrEqual(6);
      }
    }
  });
  it('keeps every tick label short on linear and log axes over any range within 1e-4 to 1e7', () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 7, noNaN: true }), fc.double({ min: -4, max: 7, noNaN: true }), (a, b) => {
        const [low, high] = [10 ** Math.min(a, b), 10 ** Math.max(a, b)];
        return longestTick(linearScale(low, high).ticks) <= 6 && longestTick(linearScale(0, high).ticks) <= 6 && longestTick(logScale(low, high).ticks) <= 6;
      }),
    );
  });
  it('labels a step with its epochs when known', () => {
    expect(formatStepLabel(1234, undefined)).toBe('Step 1,234');
    expect(formatStepLabel(1234, 2.6317)).toBe('Step 1,234 · 2.63 epochs');
    expect(formatStepLabel(16, 1)).toBe('Step 16 · 1 epoch');
    expect(formatStepLabel(16, NaN)).toBe('Step 16');
    expect(formatEpochs(2.6)).toBe('2.6');
  });
});
