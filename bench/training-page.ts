// The training benchmark page: loads MNIST as the app does, then trains whichever workload and trainer scripts/bench-training.ts names.
import { fetchMnist } from '../src/engine/data/fetch-mnist';
import type { MnistDataset } from '../src/engine/data/mnist';
import { browserGpu } from '../src/engine/gpu/browser-gpu';
import { summarizeAdapter } from '../src/engine/gpu/device';
import { formatCadence, isPeer, PEER_CADENCES, type PeerName, type SyncCadence } from './cadence';
import { messageOf } from './contender';
import type { BenchTrainer, PeerStarter } from './trainer';
import { startJax } from './trainers/jax';
import { startOurs } from './trainers/ours';
import { startTfjs } from './trainers/tfjs';
import { workloadData, type WorkloadData } from './training-data';
import { measureTraining } from './training-measure';
import type { RunRequest, TrainerName, TrainingBenchApi } from './training-protocol';
import { WORKLOADS, type WorkloadName } from './workloads';

const OUR_STARTERS: Record<Exclude<TrainerName, PeerName>, (data: WorkloadData) => Promise<BenchTrainer>> = {
  ours: (data) => startOurs(data),
  'ours, health off': (data) => startOurs(data, { health: false }),
  'ours + insight': (data) => startOurs(data, { insight: true }),
  'ours + step timing': (data) => startOurs(data, { stepTiming: true }),
};

const PEER_STARTERS: Record<PeerName, PeerStarter> = { 'tfjs-webgpu': startTfjs, 'jax-webgpu': startJax };

let mnist: MnistDataset | undefined;
const built = new Map<WorkloadName, WorkloadData>();

/** The workload's data, built once per page. */
function dataOf(workload: WorkloadName): WorkloadData {
  if (!mnist) throw new Error('load() has not run');
  if (!built.has(workload)) built.set(workload, workloadData(WORKLOADS[workload], mnist));
  return built.get(workload)!;
}

/** Sets up the request's trainer; a peer waits for the GPU at the request's cadence, or at its default. */
async function start({ workload, trainer: name, cadence }: RunRequest): Promise<{ trainer: BenchTrainer; cadence?: SyncCadence }> {
  const data = dataOf(workload);
  if (!isPeer(name)) return { trainer: await OUR_STARTERS[name](data) };
  const waits = cadence ?? PEER_CADENCES[name][workload];
  return { trainer: await PEER_STARTERS[name](data, waits), cadence: waits };
}

const api: TrainingBenchApi = {
  async load() {
    mnist = await fetchMnist(new URL('mnist/', window.location.href).href);
    const adapter = await browserGpu()?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('this browser has no WebGPU adapter');
    return summarizeAdapter(adapter.info);
  },
  async run(request) {
    const { workload, trainer: name } = request;
    try {
      const { trainer, cadence } = await start(request);
      try {
        const measured = await measureTraining(trainer, request);
        return cadence ? { ...measured, cadence: formatCadence(cadence) } : measured;
      } finally {
        trainer.dispose();
      }
    } catch (error) {
      return { workload, name, error: messageOf(error) };
    }
  },
};

window.trainingBench = api;
