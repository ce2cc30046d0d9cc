// Unit tests of the pure series helpers: timeline, finite filter, EMA, thinning, merge by step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finiteBy, latestTimeline, mergeSorted, smoothEma, thinIndices, unionSorted } from './series';

describe('latestTimeline', () => {
  it('keeps points in step order and lets replayed steps replace abandoned ones', () => {
    const points = [1, 2, 3, 4, 2, 3, 5].map((step, id) => ({ step, id }));
    expect(latestTimeline(points).map((p) => [p.step, p.id])).toEqual([[1, 0], [2, 4], [3, 5], [5, 6]]);
  });
  it('drops points with a non-finite step', () => {
    expect(latestTimeline([{ step: 1 }, { step: NaN }, { step: Infinity }, { step: 2 }])).toEqual([{ step: 1 }, { step: 2 }]);
  });
});

describe('finiteBy', () => {
  it('drops NaN and ±Infinity', () => {
    const points = [1, NaN, Infinity, -Infinity, -2, 0].map((v) => ({ v }));
    expect(finiteBy(points, (p) => p.v).map((p) => p.v)).toEqual([1, -2, 0]);
  });
});

describe('smoothEma', () => {
  it('returns the values unchanged at weight 0', () => {
    expect(smoothEma([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5]);
  });
  it('is debiased: the first point is the first value, a constant series stays constant', () => {
    expect(smoothEma([2, 2, 2, 2], 0.9)).toEqual([2, 2, 2, 2].map(() => expect.closeTo(2, 12)));
    expect(smoothEma([5, 0], 0.6)[0]).toBe(5);
  });
  it('matches the TensorBoard formula', () => {
    const w = 0.6;
    const values = [1, 3, 2, 8];
    let last = 0;
    const expected = values.map((v, i) => {
      last = last * w + (1 - w) * v;
      return last / (1 - w ** (i + 1));
    });
    smoothEma(values, w).forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 12));
  });
  it('stays within the range of the values, and clamps the weight', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.double({ min: -2, max: 2, noNaN: true }), (values, weight) => {
        const smoothed = smoothEma(values, weight);
        const [lo, hi] = [Math.min(...values), Math.max(...values)];
        const slack = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
        return smoothed.every((s) => Number.isFinite(s) && s >= lo - slack && s <= hi + slack);
      }),
    );
    expect(smoothEma([1, 2], NaN)).toEqual([1, 2]);
  });
});

describe('thinIndices', () => {
  it('keeps every point when there are few', () => {
    expect(thinIndices([5, 4, 3], 300, 100)).toEqual([0, 1, 2]);
  });
  it('keeps at most maxPoints, the first and last, all recent points, and every old extreme', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { maxLength: 3000 }), fc.integer({ min: 5, max: 400 }), fc.integer({ min: 1, max: 200 }), (values, max, recent) => {
        const kept = thinIndices(values, max, recent);
        if (values.length === 0) return kept.length === 0;
        const keptSet = new Set(kept);
        const increasing = kept.every((index, i) => i === 0 || index > kept[i - 1]!);
        const recentKept = values.length <= max || kept.slice(-Math.min(recent, max - 3)).every((index, i, tail) => index === values.length - tail.length + i);
        const older = values.slice(0, values.length - Math.min(recent, max - 3));
        const extremesKept = values.length <= max || (keptSet.has(older.indexOf(Math.min(...older))) && keptSet.has(older.indexOf(Math.max(...older))));
        return kept.length <= Math.max(max, 5) && kept[0] === 0 && kept.at(-1) === values.length - 1 && increasing && recentKept && extremesKept;
      }),
    );
  });
  it('keeps old points in place as new points arrive (until the bucket size doubles)', () => {
    const values = Array.from({ length: 2000 }, (_, i) => Math.sin(i * 0.37) + Math.cos(i * 0.011));
    const before = thinIndices(values.slice(0, 1500), 300, 100);
    const after = thinIndices(values.slice(0, 1508), 300, 100);
    const stable = before.filter((index) => index < 1024);
    expect(after.filter((index) => index < 1024)).toEqual(stable);
  });
});

describe('mergeSorted', () => {
  it('merges two sorted series, joining rows at the same step', () => {
    const train = [{ step: 8, raw: 1 }, { step: 16, raw: 2 }, { step: 24, raw: 3 }];
    const test = [{ step: 16, test: 9 }, { step: 20, test: 8 }, { step: 40, test: 7 }];
    expect(mergeSorted(train, test, 'step')).toEqual([
      { step: 8, raw: 1 },
      { step: 16, raw: 2, test: 9 },
      { step: 20, test: 8 },
      { step: 24, raw: 3 },
      { step: 40, test: 7 },
    ]);
  });
  it('handles empty sides', () => {
    expect(mergeSorted([], [{ step: 1 }], 'step')).toEqual([{ step: 1 }]);
    expect(mergeSorted([{ step: 1 }], [], 'step')).toEqual([{ step: 1 }]);
  });
});

describe('unionSorted', () => {
  it('merges ascending index lists without repeats', () => {
    expect(unionSorted([0, 2, 5, 9], [2, 3, 9, 12])).toEqual([0, 2, 3, 5, 9, 12]);
    expect(unionSorted([], [1])).toEqual([1]);
    expect(unionSorted([1, 4], [])).toEqual([1, 4]);
  });
});
