// unit: stored run records read back checked: valid ones as they are, version 1 migrated, damaged or newer ones refused with the field named.
import { describe, expect, it } from 'vitest';
import { defaultRunName, readRunRecord, RUN_RECORD_VERSION } from './run-record';
import { sampleRecord } from './test-fixtures';

describe('readRunRecord', () => {
  it('reads a current record as it is, NaN losses included', () => {
    const record = sampleRecord();
    expect(readRunRecord(structuredClone(record))).toEqual({ ok: true, record, migrated: false });
  });

  it('migrates a version-1 record (no name or pin): named by its start time, not pinned', () => {
    const { name: _, pinned: __, ...rest } = sampleRecord();
    const read = readRunRecord({ ...rest, version: 1 });
    expect(read).toEqual({ ok: true, migrated: true, record: { ...sampleRecord(), name: defaultRunName(rest.startedAt), pinned: false } });
  });

  it('refuses a damaged record, naming the field', () => {
    const bad = { ...sampleRecord(), experiment: { ...sampleRecord().experiment, settings: { ...sampleRecord().experiment.settings, batchSize: -3 } } };
    expect(readRunRecord(bad)).toEqual({ ok: false, error: 'experiment.settings.batchSize: must be at least 1' });
    expect(readRunRecord({ ...sampleRecord(), trainMetrics: [{ step: 'x' }] })).toMatchObject({ ok: false, error: expect.stringMatching(/^trainMetrics\[0\]\.step/) });
    expect(readRunRecord(null)).toMatchObject({ ok: false });
    expect(readRunRecord({ ...sampleRecord(), extra: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('unknown field "extra"') });
  });

  it('refuses a record of a newer version rather than guess at it', () => {
    expect(readRunRecord({ ...sampleRecord(), version: RUN_RECORD_VERSION + 1 })).toEqual({ ok: false, error: `written by a newer version of the app (record version ${RUN_RECORD_VERSION + 1})` });
  });
});
