// bench:cnn's training, in the process scripts/bench-cnn.ts starts (Vulkan driver set, scripts/node-engine.mjs preloaded): a
// conv preset trained with the app's Trainer on Dawn for N epochs, all 10,000 test images after each; fails under --expect.
import { create } from 'webgpu';
import { parseMnist, PIXELS_PER_IMAGE, TRAIN_COUNT } from '../src/engine/data/mnist';
import { uploadDataset } from '../src/engine/gpu/dataset';
import { acquireGpu } from '../src/engine/gpu/device';
import { PipelineCache } from '../src/engine/gpu/pipelines';
import { Trainer } from '../src/engine/train/trainer';
import { cnnTrainerConfig, describeCnnRun, formatEpoch, parseCnnRun, type CnnRun } from './bench-cnn-settings';
import { readMnistFiles } from './mnist-package';

/** Steps handed to the trainer at a time (it stops at each epoch's end). */
const STEPS_PER_CALL = 64;

async function train(run: CnnRun): Promise<number> {
  const ctx = await acquireGpu(create([]), { minStorageBindingBytes: TRAIN_COUNT * PIXELS_PER_IMAGE });
  console.log(`adapter: ${ctx.adapter.vendor}/${ctx.adapter.architecture} ${ctx.adapter.description}`.trim());
  const dataset = uploadDataset(ctx, parseMnist(readMnistFiles()));
  let epochLoss = { sum: 0, samples: 0 };
  const trainer = await Trainer.create(ctx, new PipelineCache(ctx.device), dataset, cnnTrainerConfig(run), ({ lossSum, samples }) => {
    epochLoss = { sum: epochLoss.sum + lossSum, samples: epochLoss.samples + samples };
  });
  try {
    const started = performance.now();
    let accuracy = 0;
    for (let epoch = 1; epoch <= run.epochs; epoch++) {
      const epochStart = performance.now();
      while (trainer.where.epoch < epoch) await trainer.runSteps(STEPS_PER_CALL);
      await trainer.drain();
      const epochMs = performance.now() - epochStart;
      const test = await trainer.evaluate(); // off the epoch's clock, on the run's
      console.log(formatEpoch(epoch, test, epochLoss.sum / epochLoss.samples, epochMs, epochLoss.samples, performance.now() - started));
      epochLoss = { sum: 0, samples: 0 };
      accuracy = test.accuracy;
    }
    return accuracy;
  } finally {
    trainer.dispose();
    dataset.dispose();
    ctx.device.destroy();
  }
}

async function main(): Promise<void> {
  const run = parseCnnRun(process.argv.slice(2));
  console.log(describeCnnRun(run));
  const accuracy = await train(run);
  if (run.expect === undefined) return;
  const met = accuracy >= run.expect;
  console.log(`final test accuracy ${(100 * accuracy).toFixed(2)}% ${met ? 'meets' : 'is UNDER'} --expect ${run.expect}`);
  if (!met) process.exitCode = 1;
}

await main();
