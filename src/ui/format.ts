// Number formatting and names shared by the panels (fixed locale so text is the same everywhere).
import type { OptimizerKind } from '../engine/optimizers';

const integer = new Intl.NumberFormat('en-US');

export const formatCount = (value: number): string => integer.format(value);

/** Bytes as MB with one decimal (decimal megabytes, as storage is usually quoted). */
export const formatMegabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** A duration in words, coarse: "45 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Samples per second as a whole number with thousands separators. */
export const formatRate = (value: number): string => `${formatCount(Math.round(value))} samples/s`;

/** A fraction in [0, 1] as a percentage: 0.8412 → "84.1%". */
export const formatFraction = (fraction: number, digits = 1): string => `${(100 * fraction).toFixed(digits)}%`;

/** "trained model, 3 epochs, 84.2% test accuracy" */
export function describeTrained({ epochs, testAccuracy }: { epochs: number; testAccuracy: number }): string {
  return `trained model, ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'}, ${formatFraction(testAccuracy)} test accuracy`;
}

/** What each optimizer is called on the page. */
export const OPTIMIZER_NAME: Record<OptimizerKind, string> = { sgd: 'SGD', momentum: 'SGD with momentum', nesterov: 'Nesterov momentum', adam: 'Adam', adamw: 'AdamW' };
