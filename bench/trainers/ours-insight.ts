// 'ours + insight' and 'ours + step timing': the app's Trainer on W1 while the panels ask what they ask in the app, through
// the Trainer's API: weight images twice a second, an inspection once a second, gallery pages after each evaluation; a
// timed step every two seconds.
import { PIXELS_PER_IMAGE, type MnistSplit } from '../../src/engine/data/mnist';
import type { Trainer } from '../../src/engine/train/trainer';
import type { BenchModel } from '../trainer';
import { INSIGHT_RATES, STEP_TIMING_MS, type InsightAnswers } from '../training-protocol';

/**
 * Asks `request` at once and then every `ms`, as a panel does from when it opens; like the page's latest-wins queue it
 * skips a tick while the last one is unanswered.
 */
function periodic(ms: number, request: () => Promise<unknown>, answered: () => void, failed: (error: unknown) => void): { stop(): Promise<void> } {
  let inFlight: Promise<void> | undefined;
  const ask = () => {
    inFlight ??= request()
      .then(answered, failed)
      .finally(() => (inFlight = undefined));
  };
  ask();
  const timer = setInterval(ask, ms);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** `model`, with the panels' requests running from now until its evaluation; a failed request fails the run. */
export function withInsightRequests(model: BenchModel, trainer: Trainer, test: MnistSplit): BenchModel {
  const answers: InsightAnswers = { weightImages: 0, inspections: 0, galleryPages: 0 };
  let failure: unknown;
  const failed = (error: unknown) => (failure ??= error);
  // The inspected digit changes each time, as when a person clicks through the gallery.
  const testImage = (index: number) => Float32Array.from(test.images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), (byte) => byte / 255);
  const panels = [
    periodic(INSIGHT_RATES.weightImagesMs, () => trainer.readWeightImages(), () => answers.weightImages++, failed),
    periodic(INSIGHT_RATES.inspectionMs, () => trainer.inspect(testImage(answers.inspections % test.count)), () => answers.inspections++, failed),
  ];
  const stop = () => Promise.all(panels.map((panel) => panel.stop()));
  return {
    ...model,
    async evaluate() {
      await stop();
      if (failure) throw failure;
      const accuracy = await model.evaluate();
      // The gallery's first page of mistakes and of one confusion cell, as the panel shows after an evaluation.
      for (const query of [{ kind: 'mistakes' }, { kind: 'pair', trueClass: 4, predictedClass: 9 }] as const) {
        trainer.gallery(test, query, 0);
        answers.galleryPages++;
      }
      return accuracy;
    },
    insightAnswers: () => ({ ...answers }),
    dispose() {
      void stop();
      model.dispose();
    },
  };
}

/** `model`, with the time bars sampling a step from now until its evaluation; a failed sample fails the run. */
export function withStepTiming(model: BenchModel, trainer: Trainer): BenchModel {
  let failure: unknown;
  let sampled = 0;
  let ended = false;
  const timing = periodic(STEP_TIMING_MS, () => trainer.timeNextStep(), () => sampled++, (error) => ended || (failure ??= error));
  // A request still waiting when training ends gets no step: it is refused, and that refusal is no failure.
  const end = () => {
    ended = true;
    const stopped = timing.stop();
    trainer.cancelStepTiming('the benchmark ended');
    return stopped;
  };
  return {
    ...model,
    async evaluate() {
      await end();
      if (failure) throw failure;
      if (sampled === 0) throw new Error('no step was timed while training ran');
      return model.evaluate();
    },
    dispose() {
      void end();
      model.dispose();
    },
  };
}
