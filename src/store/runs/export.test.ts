// unit: runs exported as CSV (one row per logged point, with the run's id; fields quoted and defused) and as JSON.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, runsCsv, runsJson } from './export';
import { sampleRecord } from './test-fixtures';

describe('runsCsv', () => {
  it('writes a header, then each train window and each evaluation of each run, non-finite values left empty', () => {
    const lines = runsCsv([sampleRecord(), sampleRecord({ id: 'run-b', name: 'Second', trainMetrics: [], evaluations: [] })]).trimEnd().split('\n');
    expect(lines).toEqual([CSV_COLUMNS.join(','), 'run-a,First,train,8,0.5,1.9,0.4,900', 'run-a,First,train,15,1,,0.6,950', 'run-a,First,test,15,1,0.8,0.81,']);
  });

  it('quotes names with commas or quotes, and defuses names a spreadsheet would run as formulas', () => {
    const csv = runsCsv([sampleRecord({ name: 'lr 0.1, "fast"', evaluations: [] }), sampleRecord({ id: 'x', name: '=HYPERLINK("evil")', trainMetrics: [] })]);
    expect(csv).toContain('run-a,"lr 0.1, ""fast""",train,8');
    expect(csv).toContain(`x,"'=HYPERLINK(""evil"")",test,15`);
  });
});

describe('runsJson', () => {
  it('holds the records with their layout version; a NaN loss becomes null', () => {
    const parsed = JSON.parse(runsJson([sampleRecord()])) as { format: string; version: number; runs: Array<ReturnType<typeof sampleRecord>> };
    expect(parsed.format).toBe('backprop-studio-runs');
    expect(parsed.version).toBe(2);
    expect(parsed.runs[0]!.trainMetrics[1]!.loss).toBeNull();
    expect(parsed.runs[0]!.experiment).toEqual(sampleRecord().experiment);
  });
});
