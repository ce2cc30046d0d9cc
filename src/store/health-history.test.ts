// unit: the health history stays bounded, keeps its newest windows whole and its whole span, thinner at the old end.
import { describe, expect, it } from 'vitest';
import type { HealthWindow } from '../engine/health/types';
import { appendHealthWindow } from './health-history';

const window = (step: number): HealthWindow => ({ step, steps: 8, learningRate: 1e-3, layers: [] });

describe('appendHealthWindow', () => {
  it('appends until the cap, then thins the older half and never exceeds the cap', () => {
    let windows: HealthWindow[] = [];
    for (let step = 8; step <= 8 * 100; step += 8) windows = appendHealthWindow(windows, window(step), 10);
    expect(windows.length).toBeLessThanOrEqual(10);
    expect(windows.at(-1)!.step).toBe(800);
    expect(windows.map(({ step }) => step)).toEqual([...windows.map(({ step }) => step)].sort((a, b) => a - b));
    expect(windows[0]!.step).toBe(8);
  });
});
