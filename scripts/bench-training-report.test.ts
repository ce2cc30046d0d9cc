// Unit tier: the training benchmark's ratios — ours against the faster other library, and the insight panels' cost to ours.
import { describe, expect, it } from 'vitest';
import type { TrainerName, TrainingMeasurement } from '../bench/training-protocol';
import { formatInsightCost, formatRatio, insightRatio, resultsRecord, speedRatio } from './bench-training-report';

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

  it('give the insight panels’ cost as ours + insight over ours, with what was answered', () => {
    const results = [measured('ours', 3000), measured('ours + insight', 2910, answers)];
    expect(insightRatio(results)).toBeCloseTo(0.97, 12);
    expect(formatInsightCost(results)).toBe('ours + insight: 2910 samples/s, 0.97 × ours (answered: 40 weight images, 20 inspections, 2 gallery pages)');
    expect(resultsRecord({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, results)).toMatchObject({ insightRatio: insightRatio(results), results: [{ name: 'ours' }, { name: 'ours + insight', insight: answers }] });
    expect(formatInsightCost([measured('ours', 3000)])).toBe('ours + insight / ours: - (not both measured)');
  });
});
