// Unit tests of the axis scales: linear 1-2-2.5-5 ticks, log 1-2-5 or decade ticks, the auto-log decision, accuracy floor, extent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracyFloor, extent, linearScale, logScale, spansLogRange } from './scales';

describe('linearScale', () => {
  it('extends a value axis to whole steps', () => {
    expect(linearScale(0, 2.31, { count: 5 })).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(linearScale(80, 100, { count: 4 })).toEqual({ domain: [80, 100], ticks: [80, 85, 90, 95, 100] });
    expect(linearScale(0, 11_234, { count: 4 })).toEqual({ domain: [0, 15_000], ticks: [0, 5000, 10_000, 15_000] });
  });
  it('keeps the step axis exact, with integer ticks inside', () => {
    expect(linearScale(0, 4816, { extend: false, integer: true })).toEqual({ domain: [0, 4816], ticks: [0, 1000, 2000, 3000, 4000] });
    expect(linearScale(0, 8, { extend: false, integer: true })).toEqual({ domain: [0, 8], ticks: [0, 2, 4, 6, 8] });
    expect(linearScale(0, 3, { extend: false, integer: true }).ticks).toEqual([0, 1, 2, 3]);
  });
  it('steps by 2.5 only down to 0.0025, where its ticks stay 3 digits long', () => {
    expect(linearScale(0, 0.012).ticks).toEqual([0, 0.0025, 0.005, 0.0075, 0.01, 0.0125]);
    expect(linearScale(0, 0.0012).ticks).toEqual([0, 0.0005, 0.001, 0.0015]);
  });
  it('survives a flat or broken range', () => {
    expect(linearScale(0, 0)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(linearScale(NaN, 1)).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
  it('always covers the values with a few evenly spaced ticks', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 8 }), (min, span, count) => {
        const { domain, ticks } = linearScale(min, min + span, { count });
        const step = ticks[1]! - ticks[0]!;
        const even = ticks.every((tick, i) => i === 0 || Math.abs(tick - ticks[i - 1]! - step) <= 1e-6 * Math.max(1, Math.abs(tick)));
        return domain[0] <= min && domain[1] >= min + span && ticks.length >= 2 && ticks.length <= 2 * count + 2 && even;
      }),
    );
  });
});

describe('logScale', () => {
  it('brackets the values with 1-2-5 bounds and ticks', () => {
    expect(logScale(0.06, 2.4)).toEqual({ domain: [0.05, 5], ticks: [0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
    expect(logScale(0.1, 1).domain).toEqual([0.1, 1]);
    expect(logScale(0.2, 0.2).domain).toEqual([0.2, 1]);
  });
  it('ticks only decades, or every few, when 1-2-5 ticks would crowd the axis', () => {
    expect(logScale(0.05, 4e6)).toEqual({ domain: [0.05, 5e6], ticks: [0.1, 1, 10, 100, 1000, 1e4, 1e5, 1e6] });
    expect(logScale(1e-6, 1e15).ticks).toEqual([1e-6, 1e-3, 1, 1e3, 1e6, 1e9, 1e12, 1e15]);
  });
  it('always contains the values, with 2 to 10 ticks inside', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e4, noNaN: true }), fc.double({ min: 1, max: 1e12, noNaN: true }), (min, factor) => {
        const { domain, ticks } = logScale(min, min * factor);
        const inside = ticks.every((tick) => tick >= domain[0] && tick <= domain[1]);
        return domain[0] <= min && domain[1] >= min * factor && domain[1] > domain[0] && ticks.length >= 2 && ticks.length <= 10 && inside;
      }),
    );
  });
});

describe('spansLogRange', () => {
  it('says whether the positive values span more than 100×', () => {
    expect(spansLogRange([2.3, 0.5, 4e6])).toBe(true);
    expect(spansLogRange([2.3, 0.0231])).toBe(false);
    expect(spansLogRange([2.3, 0.0229])).toBe(true);
    expect(spansLogRange([2.3, 0, -5, undefined, NaN, Infinity, 0.1])).toBe(false);
    expect(spansLogRange([])).toBe(false);
  });
});

describe('accuracyFloor', () => {
  it('leaves some room below the lowest value, in tens, from 0 to 90', () => {
    expect(accuracyFloor([93.2, 97])).toBe(80);
    expect(accuracyFloor([8.5, 50])).toBe(0);
    expect(accuracyFloor([99.9, NaN])).toBe(80);
    expect(accuracyFloor([NaN])).toBe(0);
    expect(accuracyFloor([])).toBe(0);
  });
});

describe('extent', () => {
  it('ignores undefined and non-finite values', () => {
    expect(extent([3, undefined, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([])).toEqual([Infinity, -Infinity]);
  });
});
