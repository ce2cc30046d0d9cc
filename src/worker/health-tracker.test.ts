// unit: the tracker turns a submit's statistics into a window with the applied learning rate, and names the norm that grew first.
import { describe, expect, it } from 'vitest';
import { adamExperiment } from '../../tests/fixtures/experiment';
import type { LayerHealth } from '../engine/health/types';
import type { SubmitMetrics } from '../engine/train/metrics-ring';
import { rolledBackMessage } from './divergence';
import { HealthTracker } from './health-tracker';

const { settings } = adamExperiment({ layers: [] }, { seed: 1, trainImages: 800, batchSize: 100, learningRate: 0.01, epochs: 4 });
const cosine = { ...settings, schedule: { kind: 'cosine' as const, minFactor: 0 } };

const layer = (gradientNorm: number): LayerHealth => ({ layer: 0, name: 'Output 10 softmax', gradientNorm, weightNorm: 3, updateRatio: 1e-3, activationMean: 0, activationStd: 1 });
const metrics = (window: number, gradientNorm: number, health = true): SubmitMetrics => ({
  firstStep: 8 * window,
  steps: 8,
  samples: 800,
  epochsDone: window + 1,
  lossSum: 1,
  correct: 1,
  nonfiniteRows: 0,
  ...(health ? { health: [layer(gradientNorm)] } : {}),
});

describe('HealthTracker', () => {
  it('makes a window of each submit with statistics, at the learning rate the schedule applied', () => {
    const tracker = new HealthTracker();
    expect(tracker.window(metrics(0, 1, false), cosine)).toBeUndefined();
    const window = tracker.window(metrics(1, 0.5), cosine)!;
    expect(window).toMatchObject({ step: 16, steps: 8, layers: [layer(0.5)] });
    expect(window.learningRate).toBeCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI * 0.5)), 12); // 2 of 4 epochs done
  });

  it('says which layer’s norm grew first before a divergence, in the rollback message', () => {
    const tracker = new HealthTracker();
    for (let window = 0; window < 12; window++) tracker.window(metrics(window, window < 8 ? 0.1 : 0.1 * 10 ** (window - 7)), settings);
    const growth = tracker.explainGrowth();
    expect(growth).toBe("Layer 1's gradient norm grew first: 10× its usual size by step 72.");
    expect(rolledBackMessage({ kind: 'non-finite', step: 96 }, settings, 0, growth)).toContain(`by step 96. ${growth} The weights were rolled back`);
    tracker.clear();
    expect(tracker.explainGrowth()).toBe('');
  });
});
