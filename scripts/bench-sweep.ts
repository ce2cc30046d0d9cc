// The sync-cadence sweep (`npm run bench -- --sweep`): each peer on W1 and W2 at each cadence SWEEP lists, round after round
// through them so that load from elsewhere falls on all alike, in one page; prints the table and each peer's fastest cadence
// beside the one the main benchmark runs it at.
import type { Page } from '@playwright/test';
import { formatCadence, PEERS, SWEEP } from '../bench/cadence';
import type { WorkloadName } from '../bench/workloads';
import { formatChoices, formatSweepTable, type SweepRow } from './bench-sweep-report';
import { loadWarm, runOnPage } from './bench-training-runs';

export async function runSweep(page: Page, workloads: readonly WorkloadName[]): Promise<void> {
  await loadWarm(page);
  const rows: SweepRow[] = [];
  for (const workload of workloads) {
    const { cadences, steps, rounds } = SWEEP[workload];
    for (const peer of PEERS) {
      console.log(`\n${workload} ${peer}: ${steps[peer]} steps per cadence, ${rounds} round(s) through the cadences, no tests`);
      for (let round = 1; round <= rounds; round++) {
        for (const cadence of cadences) {
          const outcome = await runOnPage(page, { workload, trainer: peer, steps: steps[peer], evaluateAfter: [], cadence }, false);
          console.log(`round ${round}, waits ${formatCadence(cadence)}: ${'error' in outcome ? `FAILED: ${outcome.error}` : `${outcome.steadySamplesPerSec.toFixed(0)} steady samples/s`}`);
          rows.push({ workload, peer, cadence, outcome });
        }
      }
    }
  }
  console.log(`\n${formatSweepTable(rows)}\n\n${formatChoices(rows).join('\n')}`);
  if (rows.some(({ outcome }) => 'error' in outcome)) process.exitCode = 1;
}
