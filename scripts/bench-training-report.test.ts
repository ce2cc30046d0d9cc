// Unit tier: the training benchmark's ratios — ours against the faster other library, and each panel's cost as a ratio of two rows.
import { describe, expect, it } from 'vitest';
import type { TrainerName, TrainingMeasurement } from '../bench/training-protocol';
import { formatPanelCosts, formatRatio, panelCosts, resultsRecord, speedRatio } from './bench-training-report';

const measured = (name: TrainerName, samplesPerSec: number, insight?: TrainingMeasurement['insight']): TrainingMeasurement => ({
  name,
  adapter: 'google/swiftshader',
  steps: 468,
  samples: 59_904,
  firstStepMs: 500,
  totalMs: 20_000,
  samplesPerSec,
  steadySamplesPerSec: samplesPerSec,
  testAcc: 0.95,
  gpuDatasetBytes: 1,
  ...(insight ? { insight } : {}),
});

const answers = { weightImages: 40, inspections: 20, galleryPages: 2 };

describe('training benchmark ratios', () => {
  it('compare ours with the faster other library, never with ours + insight', () => {
    const results = [measured('ours', 3000), measured('ours + insight', 5000, answers), measured('jax-webgpu', 2000), measured('tfjs-webgpu', 400)];
    expect(speedRatio(results)).toBe(1.5);
    expect(formatRatio(results)).toBe('ratio ours / faster peer (jax-webgpu) in samples/s: 1.5');
  });

  it('give each panel’s cost as its row over its base row, flag one over its bound, and list what the insight views answered', () => {
    const results = [measured('ours, health off', 3100), measured('ours', 3000), measured('ours + insight', 2910, answers), measured('ours + step timing', 2400)];
    expect(panelCosts(results).map(({ panel, ratio }) => `${panel} ${ratio.toFixed(3)}`)).toEqual(['health statistics 0.968', 'insight views 0.970', 'step timing 0.800']);
    expect(formatPanelCosts(results).split('\n')).toEqual([
      'health statistics: ours 3000 samples/s = 0.968 × ours, health off (bound ≥ 0.95)',
      'insight views: ours + insight 2910 samples/s = 0.97 × ours (bound ≥ 0.9)',
      'step timing: ours + step timing 2400 samples/s = 0.8 × ours (bound ≥ 0.9) — OVER BUDGET',
      'insight views answered: 40 weight images, 20 inspections, 2 gallery pages',
    ]);
    const record = resultsRecord({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, results);
    expect(record.panelCosts.map(({ panel }) => panel)).toEqual(['health statistics', 'insight views', 'step timing']);
    expect(formatPanelCosts([measured('ours', 3000)])).toBe('panel costs: - (no pair of rows measured)');
  });
});
