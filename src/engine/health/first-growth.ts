// Which layer's norm grew first before a divergence, and at which step: the health windows read backwards from the end.
import { median } from './median';
import type { HealthWindow, LayerHealth } from './types';

/** A norm this many times its usual size has grown. */
const GROWTH = 10;
/** The usual size: the median over the first windows. */
const BASELINE_WINDOWS = 5;

export interface FirstGrowth {
  layer: number;
  figure: 'gradient' | 'weight';
  step: number;
  /** The norm at that step over its usual size. */
  growth: number;
}

type Figure = FirstGrowth['figure'];
const NORMS: Record<Figure, (health: LayerHealth) => number> = { gradient: (health) => health.gradientNorm, weight: (health) => health.weightNorm };

/** The earliest window in which some layer's gradient or weight norm reached GROWTH× its usual size, or none. */
export function firstGrowth(windows: readonly HealthWindow[]): FirstGrowth | undefined {
  if (windows.length <= BASELINE_WINDOWS) return undefined;
  const baseline = windows.slice(0, BASELINE_WINDOWS);
  const layers = windows[0]!.layers.map((health) => health.layer);
  const usual = new Map(
    layers.flatMap((layer) => (Object.keys(NORMS) as Figure[]).map((figure) => {
      const values = baseline.map((window) => NORMS[figure](window.layers.find((health) => health.layer === layer)!));
      return [`${layer} ${figure}`, median(values)] as const;
    })),
  );
  for (const window of windows.slice(BASELINE_WINDOWS)) {
    for (const health of window.layers) {
      for (const figure of Object.keys(NORMS) as Figure[]) {
        const size = usual.get(`${health.layer} ${figure}`);
        const norm = NORMS[figure](health);
        // A non-finite norm has grown past any bound.
        if (size !== undefined && size > 0 && !(norm < GROWTH * size)) return { layer: health.layer, figure, step: window.step, growth: norm / size };
      }
    }
  }
  return undefined;
}

/** "Layer 2's gradient norm grew first: 14× its usual size by step 1,240." */
export function describeFirstGrowth({ layer, figure, step, growth }: FirstGrowth): string {
  const size = Number.isFinite(growth) ? `${Math.round(growth).toLocaleString('en-US')}× its usual size` : 'to infinity';
  return `Layer ${layer + 1}'s ${figure} norm grew first: ${size} by step ${step.toLocaleString('en-US')}.`;
}
