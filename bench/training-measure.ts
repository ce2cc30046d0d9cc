// Times one trainer on a workload: model creation plus the first step, then the remaining steps, each to GPU completion;
// the test set evaluated off the clock after the step counts asked for.
import type { BenchTrainer } from './trainer';
import type { RunRequest, StepAccuracy, TrainingMeasurement } from './training-protocol';
import { WORKLOADS } from './workloads';

export async function measureTraining(trainer: BenchTrainer, { workload, trainer: name, steps, evaluateAfter }: RunRequest): Promise<TrainingMeasurement> {
  const { batch } = WORKLOADS[workload];
  const start = performance.now();
  const model = await trainer.createModel();
  try {
    await model.runSteps(0, 1);
    await model.finish();
    const firstStepMs = performance.now() - start;
    let totalMs = firstStepMs;
    let done = 1;
    const accuracies: StepAccuracy[] = [];
    // Up to each test point, then the test (untimed), then on to the next or the last step.
    for (const until of [...new Set([...evaluateAfter, steps])].sort((a, b) => a - b)) {
      const segmentStart = performance.now();
      await model.runSteps(done, until - done);
      await model.finish();
      totalMs += performance.now() - segmentStart;
      done = until;
      if (evaluateAfter.includes(until)) accuracies.push({ steps: until, accuracy: await model.evaluate() });
    }
    const samples = steps * batch;
    return {
      workload,
      name,
      adapter: trainer.adapter,
      steps,
      samples,
      firstStepMs,
      totalMs,
      samplesPerSec: samples / (totalMs / 1000),
      steadySamplesPerSec: (samples - batch) / ((totalMs - firstStepMs) / 1000),
      accuracies,
      gpuDatasetBytes: trainer.gpuDatasetBytes,
      ...(model.insightAnswers ? { insight: model.insightAnswers() } : {}),
    };
  } finally {
    model.dispose();
  }
}
