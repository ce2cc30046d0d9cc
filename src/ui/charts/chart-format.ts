// Number formats for chart axes, tooltips and summaries (fixed locale, like the rest of the page).
import { formatCount } from '../format';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Loss, exact enough to compare runs: 4 decimals. */
export const formatLoss = (value: number): string => value.toFixed(4);

/** Accuracy already in percent, 2 decimals. */
export const formatPercent = (value: number): string => `${value.toFixed(2)}%`;

/** A figure read aloud: 3 significant digits with thousands separators (0.213, 4,000,000). */
export const formatSignificant = (value: number): string => significant.format(value);

/**
 * An axis tick, short at any scale (3 significant digits): 4M, 1.25K, 0.05, and exponents
 * outside [0.01, 1e15) where compact notation would grow long: 1e-3, 2.5e-4, 1e15.
 */
export function formatTick(value: number): string {
  const magnitude = Math.abs(value);
  if (value === 0 || (magnitude >= 0.01 && magnitude < 1e15)) return compact.format(value);
  return Number(value.toPrecision(3)).toExponential().replace('e+', 'e');
}

export const formatPercentTick = (value: number): string => `${formatTick(value)}%`;

/** Epochs completed, to 2 decimals without trailing zeros: 2.6317 → 2.63. */
export const formatEpochs = (epoch: number): string => String(Number(epoch.toFixed(2)));

/** The tooltip heading: the step, and the epochs completed (fractional) when known. */
export function formatStepLabel(step: number, epoch: number | undefined): string {
  const stepText = `Step ${formatCount(step)}`;
  if (epoch === undefined || !Number.isFinite(epoch)) return stepText;
  const epochs = formatEpochs(epoch);
  return `${stepText} · ${epochs} ${epochs === '1' ? 'epoch' : 'epochs'}`;
}
