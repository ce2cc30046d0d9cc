// Where a step's GPU time goes: kernel timings grouped into bars by layer, phase and kernel family, in step order.
import type { DispatchTime } from '../../engine/gpu/timed-dispatches';

/** Kernel entry points by prefix, as a person reads them. */
const FAMILY_NAMES: readonly [prefix: string, name: string][] = [
  ['matmul', 'matmul'],
  ['conv', 'convolution'],
  ['pool', 'pooling'],
  ['activation_forward', 'activation'],
  ['activation_backward', 'activation derivative'],
  ['column_sum', 'bias gradient'],
  ['dropout', 'dropout'],
  ['gather', 'gather the batch'],
  ['softmax_ce', 'softmax + cross-entropy'],
  ['channel_stats', 'health statistics'],
  ['tensor_norms', 'health statistics'],
  ['snapshot', 'health statistics'],
];
const OPTIMIZER_ENTRY_POINTS = ['grad_norm_partial', 'begin_step', 'begin_clipped_step', 'sgd_step', 'momentum_step', 'adam_step'];

export function familyName(family: string): string {
  if (OPTIMIZER_ENTRY_POINTS.includes(family)) return 'optimizer';
  return FAMILY_NAMES.find(([prefix]) => family.startsWith(prefix))?.[1] ?? family;
}

export interface TimeBar {
  label: string;
  ms: number;
  /** Of the whole step's GPU time, 0..1. */
  share: number;
}

const PHASE_ORDER: Record<DispatchTime['phase'], number> = { data: 0, forward: 1, loss: 2, backward: 3, update: 4 };

/**
 * One bar per (phase, layer, family), in the order a step runs them: forward by layer, backward from the last layer.
 * With `stepMs` (the step timed as training runs it, in one pass) each kernel's share of the kernel-by-kernel timing is
 * scaled to it, so the bars sum to the step's real time rather than to that of one pass per kernel.
 */
export function timeBars(times: readonly DispatchTime[], stepMs?: number): TimeBar[] {
  const timedAlone = times.reduce((sum, { ms }) => sum + ms, 0);
  const scale = stepMs !== undefined && timedAlone > 0 ? stepMs / timedAlone : 1;
  const total = timedAlone * scale;
  const bars = new Map<string, { label: string; ms: number; order: number }>();
  for (const time of times) {
    const name = familyName(time.family);
    const layer = time.layer === undefined ? '' : `Layer ${time.layer + 1} `;
    const label = `${layer}${time.phase === 'forward' || time.phase === 'backward' ? `${time.phase} · ` : ''}${name}`;
    const layerOrder = time.layer === undefined ? 0 : time.phase === 'backward' ? -time.layer : time.layer;
    const bar = bars.get(label) ?? { label, ms: 0, order: PHASE_ORDER[time.phase] * 1000 + layerOrder };
    bar.ms += time.ms * scale;
    bars.set(label, bar);
  }
  return [...bars.values()].sort((a, b) => a.order - b.order).map(({ label, ms }) => ({ label, ms, share: total > 0 ? ms / total : 0 }));
}

/** Milliseconds with a precision that suits them: "0.042 ms", "3.1 ms", "120 ms". */
export function formatMs(ms: number): string {
  return `${ms >= 100 ? Math.round(ms) : Number(ms.toPrecision(2))} ms`;
}
