// The runs as plain data (all of them in memory, IndexedDB a copy that may fail), the table's choices, and the actions that change them.
import { create } from 'zustand';
import { MAX_RUN_NAME_CHARS, type RunRecord } from './run-record';
import { missingStorage, openRunsDb, storageProblem, type RunsDb } from './runs-db';

export interface StorageUsage {
  usedBytes: number;
  quotaBytes: number;
}

export interface RunsState {
  runs: RunRecord[];
  /** `opening` until the database answers; `saved` while runs are written to it; `memory` when they cannot be. */
  storage: 'opening' | 'saved' | 'memory';
  /** The last storage failure in words, until a later write succeeds. */
  problem?: string;
  /** Records that could not be read, one line each. */
  skipped: string[];
  /** The run being recorded now. */
  liveId?: string;
  selected: string[];
  baselineId?: string;
  /** The last deleted run, where it was and whether it was compared, while Undo can bring it back. */
  deleted?: { run: RunRecord; index: number; selected: boolean };
  usage?: StorageUsage;
}

export const useRunsStore = create<RunsState>()(() => ({ runs: [], storage: 'opening', skipped: [], selected: [] }));

let db: RunsDb | undefined;
/** Records changed in memory and not yet written, by id (the exact object, so a newer change is never marked written). */
const unwritten = new Map<string, RunRecord>();

let started: Promise<void> | undefined;

/** Opens the database, loads what it holds next to any runs recorded meanwhile, and writes what waits (once; later calls wait for it). */
export function startRunsStorage(): Promise<void> {
  started ??= openStorage();
  return started;
}

async function openStorage(): Promise<void> {
  const missing = missingStorage();
  if (missing) return useRunsStore.setState({ storage: 'memory', problem: missing });
  try {
    db = await openRunsDb({
      onBlocked: (problem) => useRunsStore.setState({ problem }),
      onClosed: (problem) => {
        db = undefined;
        useRunsStore.setState({ storage: 'memory', problem });
      },
    });
    const loaded = await db.load();
    const here = new Set(useRunsStore.getState().runs.map((run) => run.id));
    loaded.migrated.forEach((record) => unwritten.set(record.id, record));
    useRunsStore.setState((state) => ({ runs: [...loaded.records.filter((run) => !here.has(run.id)), ...state.runs], skipped: loaded.skipped, storage: 'saved', problem: undefined }));
  } catch (error) {
    db = undefined;
    return useRunsStore.setState({ storage: 'memory', problem: storageProblem(error, 'open the saved runs') });
  }
  await writeUnwritten();
}

async function writeUnwritten(): Promise<void> {
  if (!db) return;
  for (const record of [...unwritten.values()]) {
    try {
      await db.put(record);
      if (unwritten.get(record.id) === record) unwritten.delete(record.id);
    } catch (error) {
      return useRunsStore.setState({ problem: storageProblem(error, `save “${record.name}”`) });
    }
  }
  useRunsStore.setState({ problem: undefined });
  await refreshUsage();
}

async function refreshUsage(): Promise<void> {
  // Node (the tests) and older browsers have no storage estimate: the usage line is left out there.
  const estimate = typeof navigator === 'undefined' ? undefined : await navigator.storage?.estimate?.();
  if (estimate?.usage !== undefined && estimate.quota !== undefined) useRunsStore.setState({ usage: { usedBytes: estimate.usage, quotaBytes: estimate.quota } });
}

/** Puts `record` in memory and writes it; whatever was already changed in memory (name, pin) wins over the record's. */
export function saveRun(record: RunRecord): Promise<void> {
  return change(record.id, (existing) => (existing ? { ...record, name: existing.name, pinned: existing.pinned } : record), record);
}

/** Changes the run `id` with `update` (or adds `added` when there is none), then writes it. */
function change(id: string, update: (existing: RunRecord | undefined) => RunRecord, added?: RunRecord): Promise<void> {
  const { runs } = useRunsStore.getState();
  const index = runs.findIndex((run) => run.id === id);
  if (index < 0 && !added) return Promise.resolve();
  const next = update(runs[index]);
  useRunsStore.setState({ runs: index < 0 ? [...runs, next] : runs.with(index, next) });
  unwritten.set(id, next);
  return writeUnwritten();
}

/** Renames a run; a blank name keeps the old one. */
export function renameRun(id: string, name: string): Promise<void> {
  const trimmed = name.trim().slice(0, MAX_RUN_NAME_CHARS);
  return change(id, (run) => (trimmed ? { ...run!, name: trimmed } : run!));
}

export function togglePinned(id: string): Promise<void> {
  return change(id, (run) => ({ ...run!, pinned: !run!.pinned }));
}

/** Deletes a run (not the one being recorded); Undo brings it back until the next delete. */
export async function deleteRun(id: string): Promise<void> {
  const { runs, liveId, selected, baselineId } = useRunsStore.getState();
  const index = runs.findIndex((run) => run.id === id);
  if (index < 0 || id === liveId) return;
  unwritten.delete(id);
  useRunsStore.setState({
    runs: runs.filter((run) => run.id !== id),
    deleted: { run: runs[index]!, index, selected: selected.includes(id) },
    selected: selected.filter((selectedId) => selectedId !== id),
    baselineId: baselineId === id ? undefined : baselineId,
  });
  try {
    await db?.remove(id);
  } catch (error) {
    useRunsStore.setState({ problem: storageProblem(error, 'delete the run from storage') });
  }
}

export function undoDelete(): Promise<void> {
  const { deleted, runs, selected } = useRunsStore.getState();
  if (!deleted) return Promise.resolve();
  const restored = [...runs];
  restored.splice(Math.min(deleted.index, runs.length), 0, deleted.run);
  useRunsStore.setState({ runs: restored, deleted: undefined, selected: deleted.selected ? [...selected, deleted.run.id] : selected });
  unwritten.set(deleted.run.id, deleted.run);
  return writeUnwritten();
}

export function toggleSelected(id: string): void {
  useRunsStore.setState(({ selected }) => ({ selected: selected.includes(id) ? selected.filter((selectedId) => selectedId !== id) : [...selected, id] }));
}

export function setBaseline(id: string | undefined): void {
  useRunsStore.setState({ baselineId: id });
}
