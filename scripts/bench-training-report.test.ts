// The training benchmark's report: speed ratios against the faster peer, accuracies at equal steps, the panels' costs and the saved record.
import { describe, expect, it } from 'vitest';
import { QUICK_STEPS, rowPlan, W2_PEER_STEPS, type InsightAnswers, type TrainerName, type TrainingMeasurement } from '../bench/training-protocol';
import type { WorkloadName } from '../bench/workloads';
import { accuracyComparisons, formatAccuracy, formatPanelCosts, formatRatio, formatTable, panelCosts, resultsRecord, speedComparison } from './bench-training-report';

interface Row {
  workload?: WorkloadName;
  samplesPerSec: number;
  steady?: number;
  steps?: number;
  accuracies?: [number, number][];
  insight?: InsightAnswers;
  cadence?: string;
}

const measured = (name: TrainerName, { workload = 'W1', samplesPerSec, steady = samplesPerSec, steps = 468, accuracies = [[steps, 0.95]], insight, cadence }: Row): TrainingMeasurement => ({
  workload,
  name,
  adapter: 'google/swiftshader',
  steps,
  samples: steps * 128,
  firstStepMs: 500,
  totalMs: 20_000,
  samplesPerSec,
  steadySamplesPerSec: steady,
  accuracies: accuracies.map(([at, accuracy]) => ({ steps: at, accuracy })),
  gpuDatasetBytes: 1,
  ...(cadence ? { cadence } : {}),
  ...(insight ? { insight } : {}),
});

const answers = { weightImages: 40, inspections: 20, galleryPages: 2 };

describe('training benchmark ratios', () => {
  it('compare ours with the faster peer in samples/s when all ran as many steps, never with ours + insight', () => {
    const results = [measured('ours', { samplesPerSec: 3000 }), measured('ours + insight', { samplesPerSec: 5000, insight: answers }), measured('jax-webgpu', { samplesPerSec: 2000 }), measured('tfjs-webgpu', { samplesPerSec: 400 })];
    expect(speedComparison(results)).toEqual({ ratio: 1.5, peer: 'jax-webgpu', measure: 'samples/s' });
    expect(formatRatio(results)).toBe('ratio ours / faster peer (jax-webgpu) in samples/s: 1.5 (BELOW the bar of 2×)');
  });

  it('compare steady samples/s when the peers ran fewer steps than ours', () => {
    const results = [
      measured('ours', { workload: 'W2', samplesPerSec: 100, steady: 120, steps: 240 }),
      measured('jax-webgpu', { workload: 'W2', samplesPerSec: 30, steady: 50, steps: 16 }),
      measured('tfjs-webgpu', { workload: 'W2', samplesPerSec: 8, steady: 60, steps: 4 }),
    ];
    expect(speedComparison(results)).toEqual({ ratio: 2, peer: 'tfjs-webgpu', measure: 'steady samples/s' });
    expect(formatRatio(results)).toBe('ratio ours / faster peer (tfjs-webgpu) in steady samples/s: 2 (meets the bar of 2×)');
  });

  it('compare accuracies with each peer after the steps it trained, ours tested there too', () => {
    const results = [
      measured('ours', { workload: 'W2', samplesPerSec: 100, steps: 240, accuracies: [[4, 0.7], [16, 0.9], [240, 0.98]] }),
      measured('jax-webgpu', { workload: 'W2', samplesPerSec: 30, steps: 16, accuracies: [[16, 0.902]] }),
      measured('tfjs-webgpu', { workload: 'W2', samplesPerSec: 8, steps: 4, accuracies: [[4, 0.705]] }),
    ];
    expect(accuracyComparisons(results)).toEqual([
      { peer: 'jax-webgpu', steps: 16, ours: 0.9, peerAccuracy: 0.902 },
      { peer: 'tfjs-webgpu', steps: 4, ours: 0.7, peerAccuracy: 0.705 },
    ]);
    expect(formatAccuracy(results).split('\n')).toEqual([
      'test accuracy after 16 steps: ours 90.00%, jax-webgpu 90.20%: -0.20 points (meets the bar of −0.3)',
      'test accuracy after 4 steps: ours 70.00%, tfjs-webgpu 70.50%: -0.50 points (BELOW the bar of −0.3)',
    ]);
    expect(formatTable(results).split('\n')[1]).toMatch(/^ours +240 +100 +100 +500 +70\.00% @4, 90\.00% @16, 98\.00% @240 +1 +as the app does$/);
  });

  it('give each panel’s cost as its row over its base row, flag one over its bound, and list what the insight views answered', () => {
    const results = [measured('ours, health off', { samplesPerSec: 3100 }), measured('ours', { samplesPerSec: 3000 }), measured('ours + insight', { samplesPerSec: 2910, insight: answers }), measured('ours + step timing', { samplesPerSec: 2400 })];
    expect(panelCosts(results).map(({ panel, ratio }) => `${panel} ${ratio.toFixed(3)}`)).toEqual(['health statistics 0.968', 'insight views 0.970', 'step timing 0.800']);
    expect(formatPanelCosts(results).split('\n')).toEqual([
      'health statistics: ours 3000 samples/s = 0.968 × ours, health off (bound ≥ 0.95)',
      'insight views: ours + insight 2910 samples/s = 0.97 × ours (bound ≥ 0.9)',
      'step timing: ours + step timing 2400 samples/s = 0.8 × ours (bound ≥ 0.9) — OVER BUDGET',
      'insight views answered: 40 weight images, 20 inspections, 2 gallery pages',
    ]);
    expect(formatPanelCosts([measured('ours', { samplesPerSec: 3000 })])).toBe('panel costs: - (no pair of rows measured)');
  });

  it('save each workload’s rows and comparisons apart', () => {
    const results = [measured('ours', { samplesPerSec: 3000 }), measured('ours, health off', { samplesPerSec: 3100 }), measured('ours', { workload: 'W2', samplesPerSec: 100 }), measured('jax-webgpu', { workload: 'W2', samplesPerSec: 40, cadence: 'every step, 4 in flight' })];
    const record = resultsRecord({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, results);
    expect(record.workloads.map(({ workload, results: rows, panelCosts: costs }) => [workload, rows.map(({ name }) => name), costs.map(({ panel }) => panel)])).toEqual([
      ['W1', ['ours', 'ours, health off'], ['health statistics']],
      ['W2', ['ours', 'jax-webgpu'], []],
    ]);
    expect(record.workloads[1]!.speed).toEqual({ ratio: 2.5, peer: 'jax-webgpu', measure: 'samples/s' });
    expect(record.workloads[1]!.results[1]!.cadence).toBe('every step, 4 in flight');
  });
});

describe('the main benchmark’s plan', () => {
  it('trains W1 an epoch a row, W2’s peers a fixed count, and tests ours on W2 at each peer’s count too', () => {
    expect(rowPlan('W1', 'tfjs-webgpu', false)).toEqual({ steps: 468, evaluateAfter: [468] });
    const { 'jax-webgpu': jaxSteps, 'tfjs-webgpu': tfjsSteps } = W2_PEER_STEPS;
    expect(rowPlan('W2', 'jax-webgpu', false)).toEqual({ steps: jaxSteps, evaluateAfter: [jaxSteps] });
    expect(rowPlan('W2', 'ours', false)).toEqual({ steps: 240, evaluateAfter: [...new Set([jaxSteps, tfjsSteps])].sort((a, b) => a - b).concat(240) });
    expect(rowPlan('W2', 'ours', true)).toEqual({ steps: QUICK_STEPS.W2, evaluateAfter: [QUICK_STEPS.W2] });
  });
});
