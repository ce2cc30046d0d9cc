// python tier: the exported PyTorch script, on the CPU with a 2,000-image subset, agrees with the engine and writes files the app opens.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistPackageDir } from '../../scripts/mnist-package';
import { encodeSafetensors, readModelFile, type DecodedModelFile } from '../../src/engine/codecs/safetensors';
import { MNIST_FILE_IDS, MNIST_FILES } from '../../src/engine/data/mnist';
import { initialParameters, parameterLayout } from '../../src/engine/model/parameters';
import type { GpuDataset } from '../../src/engine/gpu/dataset';
import { torchScript } from '../../src/engine/export/torch-script';
import { Trainer, type TrainerConfig } from '../../src/engine/train/trainer';
import type { TestGpu } from '../gpu/context';
import { testGpuWithMnist } from '../gpu/mnist';
import { ADAM_CONV, ADAM_DROPOUT_COSINE, ADAMW_GELU, NESTEROV_CLIPPED_STEP } from '../fixtures/torch-experiments';
import { findPython, runDistributed, runPython } from './python';

/** 1 epoch on 2,000 images from the same initial weights: other shuffles and dropout masks, so a few points apart at most. */
const TRAINED_POINTS = 3;
/** The same weights in float32 on two backends: only near-ties may flip (0.1 points = 10 test images). */
const SAME_WEIGHTS_POINTS = 0.1;

interface EngineRun {
  accuracy: number;
  weights: Float32Array;
}

async function trainWithEngine(gpu: TestGpu, dataset: GpuDataset, experiment: TrainerConfig): Promise<EngineRun> {
  const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, experiment, () => {});
  while (!trainer.finished) await trainer.runSteps(1000);
  await trainer.drain();
  const { accuracy } = await trainer.evaluate();
  const weights = await trainer.readWeights();
  trainer.dispose();
  return { accuracy, weights };
}

async function openModelFile(path: string): Promise<DecodedModelFile & { ok: true }> {
  const decoded = await readModelFile(new Blob([readFileSync(path)]));
  if (!decoded.ok) throw new Error(`${path} does not open in the app: ${decoded.error}`);
  return decoded;
}

/** The four MNIST files gzipped, as public/mnist holds them, so one run reads .gz. */
function gzippedMnist(dir: string): string {
  for (const id of MNIST_FILE_IDS) {
    const { name } = MNIST_FILES[id];
    writeFileSync(join(dir, `${name}.gz`), gzipSync(readFileSync(join(mnistPackageDir(), name)), { level: 1 }));
  }
  return dir;
}

const points = (accuracy: number) => (100 * accuracy).toFixed(2);

describe('the exported PyTorch script', () => {
  let python: string;
  let work: string;
  let gpu: TestGpu;
  let dataset: GpuDataset;
  const engine = new Map<TrainerConfig, Promise<EngineRun>>();
  const engineRun = (experiment: TrainerConfig) => engine.get(experiment) ?? engine.set(experiment, trainWithEngine(gpu, dataset, experiment)).get(experiment)!;

  /** Writes the experiment's script and runs it; returns the model file it saved, opened by the app's codec. */
  async function runScript(experiment: TrainerConfig, name: string, args: string[], processes = 1): Promise<DecodedModelFile & { ok: true }> {
    const script = join(work, `${name}.py`);
    const out = join(work, `${name}.safetensors`);
    writeFileSync(script, torchScript(experiment));
    const scriptArgs = [...args, '--cpu', '--out', out];
    const { output } = processes === 1 ? await runPython(python, script, scriptArgs) : await runDistributed(python, script, scriptArgs, processes);
    console.log(`${name}:\n${output.trim()}`);
    return openModelFile(out);
  }

  beforeAll(async () => {
    python = findPython();
    work = mkdtempSync(join(tmpdir(), 'torch-script-'));
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  it.each([
    ['adam-dropout-cosine', ADAM_DROPOUT_COSINE, () => mnistPackageDir()],
    ['nesterov-clipped-step', NESTEROV_CLIPPED_STEP, () => gzippedMnist(work)],
  ] as const)('%s: 1 epoch lands within 3 points of the engine on the same experiment and subset', async (name, experiment, data) => {
    const { accuracy } = await engineRun(experiment);
    const file = await runScript(experiment, name, ['--data', data()]);
    console.log(`${name}: engine ${points(accuracy)}%, script ${points(file.testAccuracy!)}%`);
    expect(file.experiment).toEqual(experiment);
    expect(file.epochs).toBe(1);
    expect(Math.abs(file.testAccuracy! - accuracy) * 100).toBeLessThanOrEqual(TRAINED_POINTS);
  });

  it.each([
    ['nesterov-clipped-step', NESTEROV_CLIPPED_STEP],
    ['adam-conv', ADAM_CONV],
  ] as const)("%s: starts from the app's seeded initial weights, bit for bit", async (name, experiment) => {
    const file = await runScript(experiment, `initial-${name}`, ['--data', mnistPackageDir(), '--epochs', '0']);
    expect(file.weights).toEqual(initialParameters(parameterLayout(experiment.spec), experiment.seed));
  });

  it("--weights from the app's model file starts at the app's test accuracy", async () => {
    const { accuracy, weights } = await engineRun(ADAM_DROPOUT_COSINE);
    const exported = join(work, 'engine.safetensors');
    writeFileSync(exported, encodeSafetensors(ADAM_DROPOUT_COSINE, weights, { epochs: 1, testAccuracy: accuracy }));
    const file = await runScript(ADAM_DROPOUT_COSINE, 'from-weights', ['--data', mnistPackageDir(), '--weights', exported, '--epochs', '0']);
    console.log(`--weights: engine ${points(accuracy)}%, script before training ${points(file.testAccuracy!)}%`);
    expect(file.epochs).toBe(1); // the epochs the imported model had trained
    expect(Math.abs(file.testAccuracy! - accuracy) * 100).toBeLessThanOrEqual(SAME_WEIGHTS_POINTS);
    expect(file.weights).toEqual(weights);
  });

  it('trains on 2 processes under DistributedDataParallel (gloo) and rank 0 saves a file the app opens', async () => {
    const { accuracy } = await engineRun(ADAMW_GELU);
    const file = await runScript(ADAMW_GELU, 'ddp', ['--data', mnistPackageDir()], 2);
    console.log(`ddp (2 processes): engine ${points(accuracy)}%, script ${points(file.testAccuracy!)}%`);
    expect(file.experiment).toEqual(ADAMW_GELU);
    expect(file.epochs).toBe(1);
    expect(Math.abs(file.testAccuracy! - accuracy) * 100).toBeLessThanOrEqual(TRAINED_POINTS);
  });
});
