// unit: the runs table's rows: last test figures, changes against the baseline, and sorting with pinned runs first.
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../../store/runs/test-fixtures';
import { runRow, sortedRows } from './run-rows';

const withRate = (id: string, learningRate: number, extra: Parameters<typeof sampleRecord>[0] = {}) => {
  const base = sampleRecord({ id, ...extra });
  return { ...base, experiment: { ...base.experiment, settings: { ...base.experiment.settings, hyperparameters: { ...base.experiment.settings.hyperparameters, learningRate } } } };
};

describe('runRow', () => {
  it('shows the last evaluation and the changes against the baseline (none for the baseline itself)', () => {
    const baseline = withRate('a', 0.001);
    const run = withRate('b', 0.01);
    expect(runRow(run, baseline)).toMatchObject({ network: '784-64-10', testAccuracy: 0.81, testLoss: 0.8, changes: 'learning rate 0.001 → 0.01' });
    expect(runRow(baseline, baseline).changes).toBe('');
    expect(runRow(run, undefined).changes).toBeUndefined();
    expect(runRow(sampleRecord({ evaluations: [] }), undefined).testAccuracy).toBeUndefined();
  });
});

describe('sortedRows', () => {
  const runs = [
    withRate('old', 0.1, { startedAt: 1, name: 'beta', evaluations: [{ step: 1, epoch: 1, loss: 0.5, accuracy: 0.9, confusion: [] }] }),
    withRate('new', 0.1, { startedAt: 3, name: 'Alpha', evaluations: [] }),
    withRate('mid', 0.1, { startedAt: 2, name: 'gamma', pinned: true, evaluations: [{ step: 1, epoch: 1, loss: 0.7, accuracy: 0.8, confusion: [] }] }),
  ];
  const order = (key: Parameters<typeof sortedRows>[2]['key'], descending: boolean) => sortedRows(runs, undefined, { key, descending }).map((row) => row.run.id);

  it('puts pinned runs first, then sorts by the column either way', () => {
    expect(order('startedAt', true)).toEqual(['mid', 'new', 'old']);
    expect(order('startedAt', false)).toEqual(['mid', 'old', 'new']);
    expect(order('name', false)).toEqual(['mid', 'new', 'old']);
  });

  it('sorts runs without a test figure last, whichever the direction', () => {
    const unpinned = runs.map((run) => ({ ...run, pinned: false }));
    expect(sortedRows(unpinned, undefined, { key: 'testAccuracy', descending: true }).map((row) => row.run.id)).toEqual(['old', 'mid', 'new']);
    expect(sortedRows(unpinned, undefined, { key: 'testAccuracy', descending: false }).map((row) => row.run.id)).toEqual(['mid', 'old', 'new']);
  });
});
