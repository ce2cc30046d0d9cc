// The sweep's report: its table, the fastest cadence per peer and workload, and whether PEER_CADENCES holds it.
import { describe, expect, it } from 'vitest';
import { PEER_CADENCES, type PeerName, type SyncCadence } from '../bench/cadence';
import type { TrainingOutcome } from '../bench/training-protocol';
import { fastestCadences, formatChoices, formatSweepTable, type SweepRow } from './bench-sweep-report';

const row = (peer: PeerName, cadence: SyncCadence, steady: number | undefined): SweepRow => {
  const outcome: TrainingOutcome =
    steady === undefined
      ? { workload: 'W1', name: peer, error: 'device lost' }
      : { workload: 'W1', name: peer, adapter: 'google/swiftshader', steps: 200, samples: 25_600, firstStepMs: 900, totalMs: 20_000, samplesPerSec: steady * 0.9, steadySamplesPerSec: steady, accuracies: [], gpuDatasetBytes: 1 };
  return { workload: 'W1', peer, cadence, outcome };
};

describe('the sweep report', () => {
  const rows = [row('jax-webgpu', { every: 1, lag: 4 }, 1300), row('jax-webgpu', { every: 50, lag: 0 }, 1650), row('jax-webgpu', 'end', undefined), row('tfjs-webgpu', 'end', 400), row('tfjs-webgpu', { every: 1, lag: 0 }, 250)];

  it('picks the most steady samples/s per peer and workload, failed runs left out', () => {
    expect(fastestCadences(rows).map(({ peer, cadence }) => [peer, cadence])).toEqual([
      ['jax-webgpu', { every: 50, lag: 0 }],
      ['tfjs-webgpu', 'end'],
    ]);
  });

  it('says whether PEER_CADENCES holds the fastest, with the held cadence’s figure when not', () => {
    const current = (peer: PeerName) => PEER_CADENCES[peer].W1;
    const lines = formatChoices([row('jax-webgpu', current('jax-webgpu'), 1000), row('jax-webgpu', { every: 99, lag: 0 }, 2000), row('tfjs-webgpu', current('tfjs-webgpu'), 500)]);
    expect(lines[0]).toMatch(/^jax-webgpu on W1: fastest every 99 steps, awaited at once \(2000 steady samples\/s\); PEER_CADENCES has .* \(1000\): this sweep favours this one$/);
    expect(lines[1]).toMatch(/^tfjs-webgpu on W1: fastest .* \(500 steady samples\/s\); PEER_CADENCES has it$/);
  });

  it('lines the table up, one line a cadence with its best round and each round, and shows why a run failed', () => {
    const table = formatSweepTable([...rows, row('jax-webgpu', { every: 50, lag: 0 }, 1700)]).split('\n');
    expect(table[0]).toMatch(/^workload +peer +waits for the GPU +steps +best steady samples\/s +each round$/);
    expect(table[2]).toMatch(/^W1 +jax-webgpu +every 50 steps, awaited at once +200 +1700 +1650, 1700$/);
    expect(table[3]).toMatch(/^W1 +jax-webgpu +only at the end +- +- +FAILED: device lost$/);
    expect(table).toHaveLength(6);
  });
});
