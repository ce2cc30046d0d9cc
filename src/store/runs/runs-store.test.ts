// unit: the runs in IndexedDB (fake-indexeddb in Node): migration on load, damaged records skipped, a full disk said and nothing lost, delete with undo;
// kept weights saved apart, listed with their size, deleted with their run and brought back by Undo.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RUNS_DB_NAME } from './runs-db';
import type { KeptWeights } from './kept-weights';
import { sampleRecord } from './test-fixtures';

/** A fresh copy of the runs store module (its database handle is module state), over a fresh empty IndexedDB. */
async function freshStore() {
  vi.resetModules();
  return import('./runs-store');
}

/** The database as version 1 made it (only the runs' object store), to put records in before the store opens it. */
async function rawV1Db() {
  return openDB(RUNS_DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('runs', { keyPath: 'id' }) });
}

/** The database at whatever version it has now. */
const rawDb = () => openDB(RUNS_DB_NAME);

async function storedIds(): Promise<string[]> {
  const db = await rawDb();
  const ids = (await db.getAllKeys('runs')).map(String);
  db.close();
  return ids.sort();
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the runs store over IndexedDB', () => {
  it('loads the records, migrating a version-1 one (and writing it back), skipping a damaged one with a notice', async () => {
    const db = await rawV1Db();
    const { name: _, pinned: __, ...v1 } = sampleRecord({ id: 'old' });
    await db.put('runs', { ...v1, version: 1 });
    await db.put('runs', sampleRecord({ id: 'current' }));
    await db.put('runs', { ...sampleRecord({ id: 'broken' }), durationMs: 'long' });
    db.close();

    const { startRunsStorage, useRunsStore } = await freshStore();
    await startRunsStorage();
    const state = useRunsStore.getState();
    expect(state.storage).toBe('saved');
    expect(state.runs.map((run) => run.id).sort()).toEqual(['current', 'old']);
    expect(state.runs.find((run) => run.id === 'old')).toMatchObject({ version: 2, pinned: false, name: expect.stringMatching(/^Run of /) });
    expect(state.skipped).toEqual(['A saved run could not be read and was skipped: durationMs: must be a number.']);
    const again = await rawDb();
    expect(await again.get('runs', 'old')).toMatchObject({ version: 2 });
    again.close();
  });

  it('keeps a name given while the run records: later saves of the run do not undo it, and a reload finds it', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 12_345, quota: 1e9 }) } });
    const first = await freshStore();
    await first.startRunsStorage();
    await first.saveRun(sampleRecord({ name: 'Run of …' }));
    await first.renameRun('run-a', '  wide and slow  ');
    await first.saveRun(sampleRecord({ name: 'Run of …', durationMs: 99_000 }));
    expect(first.useRunsStore.getState().runs).toEqual([sampleRecord({ name: 'wide and slow', durationMs: 99_000 })]);
    expect(first.useRunsStore.getState().usage).toEqual({ usedBytes: 12_345, quotaBytes: 1e9 });

    const reloaded = await freshStore();
    await reloaded.startRunsStorage();
    expect(reloaded.useRunsStore.getState().runs).toEqual([sampleRecord({ name: 'wide and slow', durationMs: 99_000 })]);
  });

  it('says when storage is full, keeps the run in memory, and writes it once a save succeeds', async () => {
    const { saveRun, startRunsStorage, useRunsStore } = await freshStore();
    await startRunsStorage();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await saveRun(sampleRecord());
    expect(useRunsStore.getState().problem).toMatch(/^Storage is full: could not save “First”\. The runs stay here/);
    expect(useRunsStore.getState().runs).toEqual([sampleRecord()]);
    expect(await storedIds()).toEqual([]);

    put.mockRestore();
    await saveRun(sampleRecord({ id: 'run-b' }));
    expect(useRunsStore.getState().problem).toBeUndefined();
    expect(await storedIds()).toEqual(['run-a', 'run-b']);
  });

  it('deletes a run from memory and storage; Undo puts it back where it was, compared again if it was', async () => {
    const { deleteRun, saveRun, startRunsStorage, toggleSelected, undoDelete, useRunsStore } = await freshStore();
    await startRunsStorage();
    for (const id of ['a', 'b', 'c']) await saveRun(sampleRecord({ id }));
    toggleSelected('b');
    await deleteRun('b');
    expect(useRunsStore.getState()).toMatchObject({ selected: [], deleted: { index: 1, run: { id: 'b' }, selected: true } });
    expect(await storedIds()).toEqual(['a', 'c']);
    await undoDelete();
    expect(useRunsStore.getState()).toMatchObject({ runs: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], selected: ['b'], deleted: undefined });
    expect(await storedIds()).toEqual(['a', 'b', 'c']);
  });

  it('ticks and unticks runs to compare, and clears them all at once', async () => {
    const { clearSelected, toggleSelected, useRunsStore } = await freshStore();
    toggleSelected('a');
    toggleSelected('b');
    toggleSelected('a');
    expect(useRunsStore.getState().selected).toEqual(['b']);
    toggleSelected('c');
    clearSelected();
    expect(useRunsStore.getState().selected).toEqual([]);
  });

  it('without IndexedDB, says runs last only as long as the page and keeps them in memory', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { saveRun, startRunsStorage, useRunsStore } = await freshStore();
    await startRunsStorage();
    await saveRun(sampleRecord());
    expect(useRunsStore.getState()).toMatchObject({ storage: 'memory', problem: expect.stringContaining('no IndexedDB'), runs: [sampleRecord()] });
  });
});

const finalWeights = (runId = 'run-a'): KeptWeights => ({ runId, kind: 'final', step: 15, bytes: 12, weights: new Float32Array([0.5, -1, 2]) });

async function storedWeightKeys(): Promise<string[]> {
  const db = await rawDb();
  const keys = [...(await db.getAllKeys('weights')), ...(await db.getAllKeys('weights-info'))].map(String);
  db.close();
  return keys.sort();
}

describe('kept weights over IndexedDB', () => {
  it('opens a version-1 database with its runs, adding the object stores for weights', async () => {
    const old = await rawV1Db();
    await old.put('runs', sampleRecord());
    old.close();
    const { startRunsStorage, useRunsStore } = await freshStore();
    await startRunsStorage();
    expect(useRunsStore.getState()).toMatchObject({ runs: [sampleRecord()], kept: [], problem: undefined });
    const db = await rawDb();
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['runs', 'weights', 'weights-info']);
    db.close();
  });

  it('saves weights apart from the run, lists them with their size after a reload, and reads them back', async () => {
    const first = await freshStore();
    await first.startRunsStorage();
    await first.saveRun(sampleRecord());
    await first.keepRunWeights(finalWeights());
    await first.keepRunWeights({ ...finalWeights(), step: 20, bytes: 8, weights: new Float32Array([3, 4]) });
    expect(first.useRunsStore.getState().kept).toEqual([{ runId: 'run-a', kind: 'final', step: 20, bytes: 8 }]);

    const reloaded = await freshStore();
    await reloaded.startRunsStorage();
    const [info] = reloaded.useRunsStore.getState().kept;
    expect(info).toEqual({ runId: 'run-a', kind: 'final', step: 20, bytes: 8 });
    expect(reloaded.useRunsStore.getState().runs[0]).not.toHaveProperty('weights');
    expect(await reloaded.readKeptWeights(info!)).toEqual(new Float32Array([3, 4]));
  });

  it('refuses stored weights whose size does not match what was kept', async () => {
    const { keepRunWeights, readKeptWeights, startRunsStorage } = await freshStore();
    await startRunsStorage();
    await keepRunWeights(finalWeights());
    expect(await readKeptWeights({ ...finalWeights(), bytes: 16 })).toBeUndefined();
  });

  it('deletes the weights with their run; Undo writes them back', async () => {
    const { deleteRun, keepRunWeights, readKeptWeights, saveRun, startRunsStorage, undoDelete, useRunsStore } = await freshStore();
    await startRunsStorage();
    await saveRun(sampleRecord());
    await keepRunWeights(finalWeights());
    await keepRunWeights({ ...finalWeights(), kind: 'best' });
    await deleteRun('run-a');
    expect(useRunsStore.getState().kept).toEqual([]);
    expect(await storedWeightKeys()).toEqual([]);
    await undoDelete();
    expect(useRunsStore.getState().kept.map((info) => info.kind).sort()).toEqual(['best', 'final']);
    expect(await storedWeightKeys()).toEqual(['run-a,best', 'run-a,best', 'run-a,final', 'run-a,final']);
    expect(await readKeptWeights(useRunsStore.getState().kept[0]!)).toEqual(finalWeights().weights);
  });

  it('keeps weights in memory when storage is full, says so, and writes them once a save succeeds', async () => {
    const { keepRunWeights, readKeptWeights, saveRun, startRunsStorage, useRunsStore } = await freshStore();
    await startRunsStorage();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await keepRunWeights(finalWeights('only-here'));
    expect(useRunsStore.getState().problem).toMatch(/^Storage is full: could not keep the final weights\./);
    const held = await readKeptWeights(useRunsStore.getState().kept[0]!);
    expect(held).toEqual(finalWeights().weights);
    held!.fill(0); // a copy: handing it on (to the worker) leaves the kept one as it was
    expect(await readKeptWeights(useRunsStore.getState().kept[0]!)).toEqual(finalWeights().weights);
    expect(await storedWeightKeys()).toEqual([]);

    put.mockRestore();
    await saveRun(sampleRecord());
    expect(await storedWeightKeys()).toEqual(['only-here,final', 'only-here,final']);
  });
});
