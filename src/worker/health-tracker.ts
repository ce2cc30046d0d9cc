// The session's training health: each submit's statistics as a window for the page, the recent ones kept to say which
// layer's norm grew first when a run diverges.
import { describeFirstGrowth, firstGrowth } from '../engine/health/first-growth';
import type { HealthWindow } from '../engine/health/types';
import { epochScheduleFactor } from '../engine/reference/schedule';
import type { SubmitMetrics } from '../engine/train/metrics-ring';
import type { TrainingSettings } from '../engine/train/trainer';

/** Windows kept for the explanation: about 3,000 steps at 8 steps a window. */
const RECENT_WINDOWS = 400;

export class HealthTracker {
  private recent: HealthWindow[] = [];

  /** The window of a submit's metrics (kept), or none when the submit recorded no statistics. */
  window(metrics: SubmitMetrics, settings: TrainingSettings): HealthWindow | undefined {
    if (!metrics.health) return undefined;
    const { hyperparameters, schedule, epochs } = settings;
    const learningRate = hyperparameters.learningRate * epochScheduleFactor(schedule, metrics.epochsDone, epochs);
    const window = { step: metrics.firstStep + metrics.steps, steps: metrics.steps, learningRate, layers: metrics.health };
    this.recent.push(window);
    if (this.recent.length > RECENT_WINDOWS) this.recent.shift();
    return window;
  }

  /** Which layer's norm grew first, and when, as a sentence; empty when the windows show no such growth. */
  explainGrowth(): string {
    const growth = firstGrowth(this.recent);
    return growth ? describeFirstGrowth(growth) : '';
  }

  /** Forgets the windows: a new model, a reset or a rollback starts the record over. */
  clear(): void {
    this.recent = [];
  }
}
