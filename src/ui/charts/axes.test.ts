// Unit tests of the y axis width: wide enough for the widest tick label, no wider.
import { describe, expect, it } from 'vitest';
import { tickLabelWidth, yAxisWidth } from './axes';

describe('yAxisWidth', () => {
  it('grows with the widest tick label', () => {
    expect(yAxisWidth(['0', '0.5', '1'])).toBeLessThan(yAxisWidth(['0', '2.5M', '5M']));
    expect(yAxisWidth(['1', '2.5e-4'])).toBe(yAxisWidth(['2.5e-4']));
    expect(yAxisWidth([])).toBe(yAxisWidth(['']));
  });
  it('leaves room for the tick line beside the label, at about 7 px a digit', () => {
    expect(tickLabelWidth('100')).toBeCloseTo(3 * 0.64 * 11, 9);
    expect(yAxisWidth(['100'])).toBe(Math.ceil(tickLabelWidth('100')) + 12);
    expect(tickLabelWidth('4M')).toBeGreaterThan(tickLabelWidth('44'));
  });
});
