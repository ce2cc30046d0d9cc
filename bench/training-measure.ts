// Times one trainer on W1: model creation plus the first step, then the remaining steps, each to GPU completion; then test accuracy.
import type { BenchTrainer } from './trainer';
import { W1, type TrainerName, type TrainingMeasurement } from './training-protocol';

export async function measureTraining(name: TrainerName, trainer: BenchTrainer, steps: number): Promise<TrainingMeasurement> {
  const start = performance.now();
  const model = await trainer.createModel();
  try {
    await model.runSteps(0, 1);
    await model.finish();
    const firstStepMs = performance.now() - start;
    await model.runSteps(1, steps - 1);
    await model.finish();
    const totalMs = performance.now() - start;
    const samples = steps * W1.batch;
    return {
      name,
      adapter: trainer.adapter,
      steps,
      samples,
      firstStepMs,
      totalMs,
      samplesPerSec: samples / (totalMs / 1000),
      steadySamplesPerSec: (samples - W1.batch) / ((totalMs - firstStepMs) / 1000),
      testAcc: await model.evaluate(),
      gpuDatasetBytes: trainer.gpuDatasetBytes,
      ...(model.insightAnswers ? { insight: model.insightAnswers() } : {}),
    };
  } finally {
    model.dispose();
  }
}
