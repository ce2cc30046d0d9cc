// The training benchmark page: loads MNIST as the app does, then trains W1 with whichever trainer scripts/bench-training.ts names.
import { fetchMnist } from '../src/engine/data/fetch-mnist';
import { browserGpu } from '../src/engine/gpu/browser-gpu';
import { summarizeAdapter } from '../src/engine/gpu/device';
import { messageOf } from './contender';
import type { TrainerStarter } from './trainer';
import { startJax } from './trainers/jax';
import { startOurs } from './trainers/ours';
import { startTfjs } from './trainers/tfjs';
import { w1Data, type W1Data } from './training-data';
import { measureTraining } from './training-measure';
import type { TrainerName, TrainingBenchApi } from './training-protocol';

const STARTERS: Record<TrainerName, TrainerStarter> = {
  ours: startOurs,
  'ours, health off': (w1) => startOurs(w1, { health: false }),
  'ours + insight': (w1) => startOurs(w1, { insight: true }),
  'ours + step timing': (w1) => startOurs(w1, { stepTiming: true }),
  'tfjs-webgpu': startTfjs,
  'jax-webgpu': startJax,
};

let data: W1Data | undefined;

const api: TrainingBenchApi = {
  async load() {
    data = w1Data(await fetchMnist(new URL('mnist/', window.location.href).href));
    const adapter = await browserGpu()?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('this browser has no WebGPU adapter');
    return summarizeAdapter(adapter.info);
  },
  async run(name, steps) {
    try {
      if (!data) throw new Error('load() has not run');
      const trainer = await STARTERS[name](data);
      try {
        return await measureTraining(name, trainer, steps);
      } finally {
        trainer.dispose();
      }
    } catch (error) {
      return { name, error: messageOf(error) };
    }
  },
};

window.trainingBench = api;
