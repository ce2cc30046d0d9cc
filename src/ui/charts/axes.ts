// Shared recharts axis props (constant parts kept constant so recharts skips work between updates), sized to their tick labels.
import type { XKey } from './chart-data';
import { formatTick } from './chart-format';
import type { Scale } from './scales';

export const MARGIN = { top: 8, right: 14, bottom: 18, left: 4 };
const TICK_FONT_PX = 11;
const TICK = { fontSize: TICK_FONT_PX };
export const X_LABEL: Record<XKey, { value: string; position: 'insideBottom'; offset: number }> = {
  step: { value: 'Step', position: 'insideBottom', offset: -12 },
  epoch: { value: 'Epoch', position: 'insideBottom', offset: -12 },
};
export const ACTIVE_DOT = { r: 3.5, strokeWidth: 0 };
export const CURSOR = { stroke: 'var(--chart-axis)', strokeDasharray: '3 3' };
export const PLOT_STYLE = { width: '100%', height: 'var(--chart-height)' };
export const WIDE_PLOT_STYLE = { width: '100%', height: 'var(--chart-height-wide)' };

/**
 * Character widths in em, generous for the usual sans-serif faces (DejaVu Sans, the widest
 * common system-ui, included); digits count DIGIT_EM, any other character OTHER_EM.
 */
const CHAR_EM: Record<string, number> = { '.': 0.34, '-': 0.38, e: 0.62, K: 0.7, M: 0.88, B: 0.7, T: 0.64, '%': 0.96 };
const DIGIT_EM = 0.64;
const OTHER_EM = 0.9;
/** recharts draws a 6 px tick line and leaves 2 px before the label; a few more keep it off the card's edge. */
const TICK_SPACE_PX = 6 + 2 + 4;

/** The estimated width of a tick label in px. */
export function tickLabelWidth(label: string): number {
  let em = 0;
  for (const char of label) em += CHAR_EM[char] ?? (char >= '0' && char <= '9' ? DIGIT_EM : OTHER_EM);
  return em * TICK_FONT_PX;
}

/** The width a y axis needs for its widest tick label, so no label is clipped. */
export function yAxisWidth(labels: readonly string[]): number {
  return Math.ceil(Math.max(0, ...labels.map(tickLabelWidth))) + TICK_SPACE_PX;
}

/** Props of an x axis over `scale`, counting steps or epochs. */
export const xAxisProps = (scale: Scale, x: XKey) =>
  ({ dataKey: x, type: 'number', domain: scale.domain, ticks: scale.ticks, niceTicks: 'none', interval: 0, tick: TICK, tickFormatter: formatTick, label: X_LABEL[x] }) as const;

/** Props of a y axis over `scale`, as wide as its widest tick label. */
export const yAxisProps = (scale: Scale, format: (value: number) => string) =>
  ({ domain: scale.domain, ticks: scale.ticks, niceTicks: 'none', interval: 0, allowDataOverflow: true, width: yAxisWidth(scale.ticks.map(format)), tick: TICK, tickFormatter: format }) as const;
