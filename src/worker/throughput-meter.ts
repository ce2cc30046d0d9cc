// Samples per second over the last second or so, from the samples each metrics report counts.

export class ThroughputMeter {
  private tick = { time: 0, samples: 0 };

  /** Starts counting again from now (a run or a step starts; the pause before it does not count). */
  restart(): void {
    this.tick = { time: performance.now(), samples: 0 };
  }

  /** The rate with `samples` just reported counted in. */
  report(samples: number): number {
    const now = performance.now();
    this.tick.samples += samples;
    const seconds = (now - this.tick.time) / 1000;
    const rate = seconds > 0 ? this.tick.samples / seconds : 0;
    if (seconds > 1) this.tick = { time: now, samples: 0 };
    return rate;
  }
}
