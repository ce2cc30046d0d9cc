// The app's own Trainer (src/engine/train/trainer.ts) on a workload: bytes on the GPU, several steps per submit, metrics ring;
// with `insight`, while the insight panels ask for what they show.
import { PIXELS_PER_IMAGE, TRAIN_COUNT } from '../../src/engine/data/mnist';
import { browserGpu } from '../../src/engine/gpu/browser-gpu';
import { uploadDataset } from '../../src/engine/gpu/dataset';
import { acquireGpu } from '../../src/engine/gpu/device';
import { PipelineCache } from '../../src/engine/gpu/pipelines';
import { Trainer, type TrainerConfig } from '../../src/engine/train/trainer';
import { describeAdapter } from '../contender';
import type { BenchModel, BenchTrainer } from '../trainer';
import type { WorkloadData } from '../training-data';
import type { Workload } from '../workloads';
import { withInsightRequests, withStepTiming } from './ours-insight';

const configOf = ({ spec, seed, trainImages, batch, adam }: Workload): TrainerConfig => ({
  spec,
  seed,
  optimizer: 'adam',
  trainImages,
  settings: {
    batchSize: batch,
    hyperparameters: { ...adam, momentum: 0, weightDecay: 0, maxGradNorm: 0 },
    schedule: { kind: 'constant' },
    epochs: 1,
  },
});

/** `health`: record the health statistics as the app does by default; `insight`, `stepTiming`: the panels ask while it trains. */
export async function startOurs(data: WorkloadData, { health = true, insight = false, stepTiming = false } = {}): Promise<BenchTrainer> {
  // The packed training images are the largest storage binding, as in the app's worker.
  const ctx = await acquireGpu(browserGpu(), { minStorageBindingBytes: TRAIN_COUNT * PIXELS_PER_IMAGE });
  const dataset = uploadDataset(ctx, data.mnist);
  await ctx.device.queue.onSubmittedWorkDone();
  const cache = new PipelineCache(ctx.device);
  return {
    adapter: describeAdapter(ctx.adapter),
    gpuDatasetBytes: dataset.bytes,
    async createModel() {
      // Compiles every pipeline of the step and of evaluation, uploads the seeded weights.
      const trainer = await Trainer.create(ctx, cache, dataset, configOf(data.workload), () => {});
      trainer.setHealthStatistics(health);
      const model: BenchModel = {
        // The trainer keeps its own position, which starts at step 0 as `first` does.
        async runSteps(first, count) {
          const taken = await trainer.runSteps(count);
          if (taken !== count) throw new Error(`the trainer took ${taken} of steps ${first}..${first + count - 1}`);
        },
        async finish() {
          await trainer.drain();
          await ctx.device.queue.onSubmittedWorkDone();
        },
        evaluate: async () => (await trainer.evaluate()).accuracy,
        dispose: () => trainer.dispose(),
      };
      if (insight) return withInsightRequests(model, trainer, data.mnist.test);
      return stepTiming ? withStepTiming(model, trainer) : model;
    },
    dispose() {
      dataset.dispose();
      ctx.device.destroy();
    },
  };
}
