// unit: each finding fires on a series built to show it, and stays quiet on a steady healthy one.
import { describe, expect, it } from 'vitest';
import recordedClassic from '../../../tests/fixtures/healthy-classic-health.json';
import { DEAD_FOR_STEPS, healthFindings } from './findings';
import { describeFirstGrowth, firstGrowth } from './first-growth';
import type { HealthWindow, LayerHealth } from './types';

const STEPS_PER_WINDOW = 8;

/** A healthy layer: updates 0.1% of the weights, gradients near 0.05, a tenth of the units dead. */
const healthy = (layer: number): LayerHealth => ({
  layer,
  name: `Dense 64 relu`,
  gradientNorm: 0.05,
  weightNorm: 8,
  updateRatio: 1e-3,
  activationMean: 0.4,
  activationStd: 0.6,
  deadFraction: 0.1,
});

/** `count` windows of two layers; `change` edits a layer's figures at a window. */
function series(count: number, change: (health: LayerHealth, window: number) => Partial<LayerHealth> = () => ({})): HealthWindow[] {
  return Array.from({ length: count }, (_, window) => ({
    step: (window + 1) * STEPS_PER_WINDOW,
    steps: STEPS_PER_WINDOW,
    learningRate: 1e-3,
    layers: [0, 1].map((layer) => {
      const health = healthy(layer);
      return { ...health, ...change(health, window) };
    }),
  }));
}

const kinds = (windows: HealthWindow[]) => healthFindings(windows).map(({ kind, layer }) => `${kind} ${layer}`);

/** Classic (784-128-64-10, ReLU, He, Adam 1e-3, batch 128) on all of MNIST for 2 epochs: 118 windows recorded on the GPU. */
const recorded = recordedClassic as HealthWindow[];

describe('health findings', () => {
  it('say nothing about a recorded healthy Classic run, nor does any norm grow', () => {
    expect(recorded).toHaveLength(118);
    expect(healthFindings(recorded)).toEqual([]);
    expect(firstGrowth(recorded)).toBeUndefined();
  });

  it('fire on the recorded run once a layer is made to die in it', () => {
    const dying = recorded.map((window) => ({ ...window, layers: window.layers.map((health) => (health.layer === 1 && window.step > 300 ? { ...health, deadFraction: 0.8 } : health)) }));
    expect(healthFindings(dying).map(({ kind, layer }) => `${kind} ${layer}`)).toEqual(['dead-units 1']);
  });

  it('say nothing about a steady healthy run, nor before any window', () => {
    expect(healthFindings([])).toEqual([]);
    expect(healthFindings(series(300))).toEqual([]);
  });

  it('name a layer whose ReLU units have been dead for 500 steps, with the fraction and what to try', () => {
    const windows = series(100, (health, window) => (health.layer === 1 && window >= 30 ? { deadFraction: 0.71 } : {}));
    const [finding] = healthFindings(windows);
    expect(finding?.kind).toBe('dead-units');
    expect(finding?.message).toBe('Layer 2: 71% of its ReLU units have been dead for 560 steps — lower the learning rate, use He init or leaky ReLU.');
  });

  it("count a conv layer's dead filters as filters", () => {
    const windows = series(100, (health, window) => (health.layer === 0 && window >= 30 ? { deadFraction: 0.5, deadOf: 'filters' } : {}));
    expect(healthFindings(windows).map(({ message }) => message)).toEqual(['Layer 1: 50% of its ReLU filters have been dead for 560 steps — lower the learning rate, use He init or leaky ReLU.']);
  });

  it('wait until the units have been dead for the whole span', () => {
    const windowsDead = Math.floor(DEAD_FOR_STEPS / STEPS_PER_WINDOW) - 1;
    const windows = series(100, (health, window) => (health.layer === 0 && window >= 100 - windowsDead ? { deadFraction: 0.9 } : {}));
    expect(kinds(windows)).toEqual([]);
  });

  it('call updates of 10% of the weights too large, and of 0.0001% too small', () => {
    const large = healthFindings(series(40, (health) => (health.layer === 0 ? { updateRatio: 0.1 } : {})));
    expect(large).toEqual([{ kind: 'updates-too-large', layer: 0, message: 'Layer 1 updates are 10% of its weights per step — the learning rate is probably too high.' }]);
    expect(kinds(series(40, (health) => (health.layer === 1 ? { updateRatio: 1e-6 } : {})))).toEqual(['updates-too-small 1']);
  });

  it('ignore one odd window of large updates', () => {
    expect(kinds(series(40, (health, window) => (window === 38 ? { updateRatio: 0.5 } : {})))).toEqual([]);
  });

  it('see gradients vanish below 1e-7 and explode a thousandfold', () => {
    const vanishing = healthFindings(series(40, (health) => (health.layer === 0 ? { gradientNorm: 3e-8 } : {})));
    expect(vanishing.map(({ message }) => message)).toEqual(['Gradients reaching layer 1 are below 1e-7 — vanishing; try ReLU or fewer sigmoid layers.']);
    const exploding = series(60, (health, window) => (health.layer === 1 && window > 45 ? { gradientNorm: 500 } : {}));
    expect(kinds(exploding)).toEqual(['exploding-gradients 1']);
  });
});

describe('which norm grew first', () => {
  it('names the earliest layer and figure to reach ten times its usual size', () => {
    const windows = series(30, (health, window) => {
      if (health.layer === 1 && window >= 20) return { gradientNorm: 0.05 * 2 ** (window - 18) };
      if (health.layer === 0 && window >= 24) return { weightNorm: Infinity };
      return {};
    });
    const growth = firstGrowth(windows);
    expect(growth).toEqual({ layer: 1, figure: 'gradient', step: 8 * 23, growth: 16 });
    expect(describeFirstGrowth(growth!)).toBe("Layer 2's gradient norm grew first: 16× its usual size by step 184.");
  });

  it('finds nothing in a steady run or one too short to know the usual size', () => {
    expect(firstGrowth(series(100))).toBeUndefined();
    expect(firstGrowth(series(5, () => ({ gradientNorm: 1e9 })))).toBeUndefined();
  });
});
