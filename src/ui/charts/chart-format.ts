// Number formats for chart axes and tooltips (fixed locale, like the rest of the page).
import { formatCount } from '../format';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Loss, exact enough to compare runs: 4 decimals. */
export const formatLoss = (value: number): string => value.toFixed(4);

/** Accuracy already in percent, 2 decimals. */
export const formatPercent = (value: number): string => `${value.toFixed(2)}%`;

/** Axis ticks: 1,200 → 1.2K; loss ticks keep up to 3 significant digits. */
export const formatCompact = (value: number): string => compact.format(value);
export const formatLossTick = (value: number): string => String(Number(value.toPrecision(3)));
export const formatPercentTick = (value: number): string => `${value}%`;

/** The tooltip heading: the step, and the epochs completed (fractional) when known. */
export function formatStepLabel(step: number, epoch: number | undefined): string {
  const stepText = `Step ${formatCount(step)}`;
  if (epoch === undefined || !Number.isFinite(epoch)) return stepText;
  const epochs = Number(epoch.toFixed(2));
  return `${stepText} · ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'}`;
}
