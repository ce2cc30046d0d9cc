// unit: kernel timings become bars in step order, one per layer, phase and family, with their share of the step.
import { describe, expect, it } from 'vitest';
import type { DispatchTime } from '../../engine/gpu/timed-dispatches';
import { familyName, formatMs, timeBars } from './step-time';

describe('step time bars', () => {
  it('name kernel families as a person reads them', () => {
    expect(['matmul_vec4', 'column_sum_vec4', 'adam_step', 'activation_backward', 'tensor_norms', 'conv_backward_weights', 'pool_max_forward', 'channel_stats_accumulate', 'mystery'].map(familyName)).toEqual([
      'matmul',
      'bias gradient',
      'optimizer',
      'activation derivative',
      'health statistics',
      'convolution',
      'pooling',
      'health statistics',
      'mystery',
    ]);
  });

  it('group dispatches and order them as the step runs', () => {
    const times: DispatchTime[] = [
      { family: 'gather_rows', phase: 'data', ms: 1 },
      { family: 'matmul_vec4', phase: 'forward', layer: 0, ms: 4 },
      { family: 'matmul_vec4', phase: 'forward', layer: 1, ms: 2 },
      { family: 'softmax_ce_loss_and_grad', phase: 'loss', ms: 1 },
      { family: 'activation_backward', phase: 'backward', layer: 1, ms: 1 },
      { family: 'matmul_vec4', phase: 'backward', layer: 1, ms: 2 },
      { family: 'matmul_general', phase: 'backward', layer: 1, ms: 1 },
      { family: 'matmul_vec4', phase: 'backward', layer: 0, ms: 6 },
      { family: 'begin_step', phase: 'update', ms: 0.5 },
      { family: 'adam_step', phase: 'update', ms: 1.5 },
    ];
    const bars = timeBars(times);
    expect(bars.map(({ label, ms }) => `${label}: ${ms}`)).toEqual([
      'gather the batch: 1',
      'Layer 1 forward · matmul: 4',
      'Layer 2 forward · matmul: 2',
      'softmax + cross-entropy: 1',
      'Layer 2 backward · activation derivative: 1',
      'Layer 2 backward · matmul: 3',
      'Layer 1 backward · matmul: 6',
      'optimizer: 2',
    ]);
    expect(bars.reduce((sum, { share }) => sum + share, 0)).toBeCloseTo(1);
    expect(timeBars([])).toEqual([]);
    // Scaled to the step timed whole: the same shares, summing to its 10 ms.
    const scaled = timeBars(times, 10);
    expect(scaled.reduce((sum, { ms }) => sum + ms, 0)).toBeCloseTo(10);
    expect(scaled.map(({ share }) => share)).toEqual(bars.map(({ share }) => share));
  });

  it('format milliseconds', () => {
    expect([formatMs(0.04213), formatMs(3.14), formatMs(123.4)]).toEqual(['0.042 ms', '3.1 ms', '123 ms']);
  });
});
