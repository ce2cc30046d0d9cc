// A peer's sync cadence: which steps' losses the loop reads, how many reads it keeps in flight, and that every loss is released.
import { describe, expect, it } from 'vitest';
import { formatCadence, LossReads, type SyncCadence } from '../bench/cadence';

/** Runs `steps` steps through LossReads, logging each read, its settling, each release and each step's end. */
async function trace(cadence: SyncCadence, steps: number): Promise<string[]> {
  const log: string[] = [];
  const reads = new LossReads(cadence);
  for (let step = 0; step < steps; step++) {
    await reads.afterStep(step, {
      read: () => {
        log.push(`read ${step}`);
        return Promise.resolve().then(() => log.push(`settled ${step}`));
      },
      dispose: () => log.push(`freed ${step}`),
    });
    log.push(`end ${step}`);
  }
  await reads.drain();
  log.push('drained');
  return log;
}

describe('LossReads', () => {
  it('reads every step and waits for each at once with lag 0', async () => {
    expect(await trace({ every: 1, lag: 0 }, 2)).toEqual(['read 0', 'settled 0', 'freed 0', 'end 0', 'read 1', 'settled 1', 'freed 1', 'end 1', 'drained']);
  });

  it('keeps `lag` reads in flight and waits for the rest when drained', async () => {
    const log = await trace({ every: 1, lag: 2 }, 4);
    expect(log.indexOf('freed 0')).toBeGreaterThan(log.indexOf('read 2'));
    expect(log.indexOf('freed 0')).toBeLessThan(log.indexOf('end 2'));
    expect(log.slice(log.indexOf('end 3'))).toEqual(['end 3', 'freed 2', 'freed 3', 'drained']);
  });

  it('reads only every N-th step and frees the other losses unread', async () => {
    const log = await trace({ every: 3, lag: 0 }, 6);
    expect(log.filter((entry) => entry.startsWith('read'))).toEqual(['read 2', 'read 5']);
    expect(log.filter((entry) => entry.startsWith('freed'))).toHaveLength(6);
  });

  it("reads nothing at 'end' and frees every loss at once", async () => {
    expect(await trace('end', 2)).toEqual(['freed 0', 'end 0', 'freed 1', 'end 1', 'drained']);
  });
});

describe('formatCadence', () => {
  it('says how often the loop waits', () => {
    expect([{ every: 1, lag: 4 }, { every: 50, lag: 0 }, 'end'].map((cadence) => formatCadence(cadence as SyncCadence))).toEqual(['every step, 4 in flight', 'every 50 steps, awaited at once', 'only at the end']);
  });
});
