// Unit tests of the chart number formats.
import { describe, expect, it } from 'vitest';
import { formatRate } from '../format';
import { formatCompact, formatLoss, formatLossTick, formatPercent, formatStepLabel } from './chart-format';

describe('chart formats', () => {
  it('formats tooltip values exactly', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatPercent(97.256)).toBe('97.26%');
    expect(formatRate(12345.6)).toBe('12,346 samples/s');
  });
  it('formats axis ticks compactly', () => {
    expect(formatCompact(1200)).toBe('1.2K');
    expect(formatCompact(40)).toBe('40');
    expect(formatLossTick(0.30000000000000004)).toBe('0.3');
  });
  it('labels a step with its epochs when known', () => {
    expect(formatStepLabel(1234, undefined)).toBe('Step 1,234');
    expect(formatStepLabel(1234, 2.6317)).toBe('Step 1,234 · 2.63 epochs');
    expect(formatStepLabel(16, 1)).toBe('Step 16 · 1 epoch');
    expect(formatStepLabel(16, NaN)).toBe('Step 16');
  });
});
