// Tells a collapsed run from a healthy one by its train-metrics windows: the smoothed loss far above its best, or accuracy stuck at chance.

/** One train-metrics window: its figures are means over its `steps` steps, ending at `step`. */
export interface MetricsWindow {
  step: number;
  steps: number;
  loss: number;
  accuracy: number;
}

/** A loss and the step it was seen at. */
interface Figure {
  loss: number;
  step: number;
}

/** What a collapse looked like when it was caught, at the last step of the window that showed it. */
export type Collapse =
  /**
   * The smoothed loss grew to `GROWTH` times its best (or that of a uniform guess, if it never did better) and past
   * chance level. `peak`: the highest window loss since the best; `best`: absent when it never beat a uniform guess.
   */
  | { kind: 'loss-grew'; step: number; peak: Figure; best?: Figure }
  /** Smoothed accuracy at chance with the smoothed loss no better than guessing, after the warm-up. */
  | { kind: 'at-chance'; step: number; loss: number; accuracy: number };

/** Smoothed train figures (exponential moving averages). */
interface Smoothed {
  loss: number;
  accuracy: number;
}

/** Per step, the weight of the newest loss in the smoothed one (a window of n steps weighs as n steps). */
const SMOOTHING_PER_STEP = 0.02;
/** The smoothed loss this many times its best (and above chance level) is a collapse, not noise. */
const GROWTH = 10;
const GROWTH_WARMUP_STEPS = 20;
/** Accuracy up to this many times chance (1 / classes) counts as chance. */
const CHANCE_ACCURACY = 1.5;
/** A loss above this share of ln(classes), the loss of a uniform guess, has learned nothing. */
const CHANCE_LOSS = 0.95;
const CHANCE_WARMUP_STEPS = 200;

export class CollapseDetector {
  /** The loss of a uniform guess over the classes: ln(classes). */
  private readonly guessLoss: number;
  private smoothed?: Smoothed;
  /** The lowest smoothed loss, once it beat a uniform guess. */
  private best?: Figure;
  /** The highest window loss since the best (or since the start). */
  private peak?: Figure;
  private steps = 0;
  private caught = false;

  constructor(private readonly classes: number) {
    this.guessLoss = Math.log(classes);
  }

  /** Takes the next window (finite figures); returns the collapse the first time one shows, otherwise undefined. */
  observe(window: MetricsWindow): Collapse | undefined {
    const smoothed = this.smooth(window);
    this.track(window, smoothed.loss);
    this.steps += window.steps;
    if (this.caught) return undefined;
    const collapse = this.collapseIn(window.step, smoothed);
    this.caught = collapse !== undefined;
    return collapse;
  }

  /** False while the smoothed figures look collapsed, warm-up or not: a checkpoint of now would not be a good one. */
  get looksHealthy(): boolean {
    return this.smoothed === undefined || !(this.grown(this.smoothed) || this.atChance(this.smoothed));
  }

  private smooth({ steps, loss, accuracy }: MetricsWindow): Smoothed {
    const weight = 1 - (1 - SMOOTHING_PER_STEP) ** steps;
    const before = this.smoothed ?? { loss, accuracy };
    this.smoothed = { loss: before.loss + weight * (loss - before.loss), accuracy: before.accuracy + weight * (accuracy - before.accuracy) };
    return this.smoothed;
  }

  private track({ step, loss }: MetricsWindow, smoothedLoss: number): void {
    if (smoothedLoss < Math.min(this.best?.loss ?? Number.POSITIVE_INFINITY, this.guessLoss)) {
      this.best = { loss: smoothedLoss, step };
      this.peak = undefined;
    }
    if (loss > (this.peak?.loss ?? Number.NEGATIVE_INFINITY)) this.peak = { loss, step };
  }

  private collapseIn(step: number, smoothed: Smoothed): Collapse | undefined {
    if (this.steps >= GROWTH_WARMUP_STEPS && this.grown(smoothed)) return { kind: 'loss-grew', step, peak: this.peak!, ...(this.best ? { best: this.best } : {}) };
    if (this.steps >= CHANCE_WARMUP_STEPS && this.atChance(smoothed)) return { kind: 'at-chance', step, loss: smoothed.loss, accuracy: smoothed.accuracy };
    return undefined;
  }

  /** The smoothed loss at `GROWTH` times its best (or a uniform guess's, if it never did better), and past chance level. */
  private grown({ loss }: Smoothed): boolean {
    return loss >= Math.max(GROWTH * (this.best?.loss ?? this.guessLoss), this.guessLoss);
  }

  private atChance({ loss, accuracy }: Smoothed): boolean {
    return accuracy <= CHANCE_ACCURACY / this.classes && loss >= CHANCE_LOSS * this.guessLoss;
  }
}
