// The runs as plain data (all of them in memory, IndexedDB a copy that may fail), their kept weights, the table's choices, and the actions that change them.
import { create } from 'zustand';
import { weightsKey, type KeptWeights, type KeptWeightsInfo } from './kept-weights';
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
  /** The last deleted run, where it was, whether it was compared and its kept weights, while Undo can bring it back. */
  deleted?: { run: RunRecord; index: number; selected: boolean; weights: KeptWeights[] };
  usage?: StorageUsage;
  /** The checkpoints kept, of every run (the weights themselves are read when a run opens with them). */
  kept: KeptWeightsInfo[];
  /** Whether runs keep their final and best weights (remembered in this browser). */
  keepWeights: boolean;
}

const KEEP_WEIGHTS_KEY = 'backprop-studio-keep-weights';
const rememberedKeepWeights = (): boolean => typeof localStorage !== 'undefined' && localStorage.getItem(KEEP_WEIGHTS_KEY) === 'on';

export const useRunsStore = create<RunsState>()(() => ({ runs: [], storage: 'opening', skipped: [], selected: [], kept: [], keepWeights: rememberedKeepWeights() }));

let db: RunsDb | undefined;
/** Records changed in memory and not yet written, by id (the exact object, so a newer change is never marked written). */
const unwritten = new Map<string, RunRecord>();
/** Kept weights not yet written (or that cannot be), by run id and kind: they stay here until the page closes. */
const heldWeights = new Map<string, KeptWeights>();
const heldKey = (info: Pick<KeptWeightsInfo, 'runId' | 'kind'>): string => weightsKey(info).join('/');

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
    const storedKept = await db.loadWeightsInfo();
    const here = new Set(useRunsStore.getState().runs.map((run) => run.id));
    loaded.migrated.forEach((record) => unwritten.set(record.id, record));
    useRunsStore.setState((state) => ({
      runs: [...loaded.records.filter((run) => !here.has(run.id)), ...state.runs],
      kept: [...storedKept.filter((info) => !heldWeights.has(heldKey(info))), ...state.kept],
      skipped: loaded.skipped,
      storage: 'saved',
      problem: undefined,
    }));
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
  for (const [key, kept] of [...heldWeights]) {
    try {
      await db.putWeights(kept);
      if (heldWeights.get(key) === kept) heldWeights.delete(key);
    } catch (error) {
      return useRunsStore.setState({ problem: storageProblem(error, `keep the ${kept.kind} weights`) });
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

/** Keeps a run's final or best weights (in place of any kept before), then writes them. */
export function keepRunWeights(kept: KeptWeights): Promise<void> {
  const key = heldKey(kept);
  const { weights: _, ...info } = kept;
  heldWeights.set(key, kept);
  useRunsStore.setState(({ kept: list }) => ({ kept: [...list.filter((other) => heldKey(other) !== key), info] }));
  return writeUnwritten();
}

/** A copy of a checkpoint's weights (the copy may be handed on to the worker); undefined when they cannot be read. */
export async function readKeptWeights(info: KeptWeightsInfo): Promise<Float32Array | undefined> {
  const held = heldWeights.get(heldKey(info));
  if (held) return held.weights.slice();
  try {
    return await db?.readWeights(info);
  } catch (error) {
    useRunsStore.setState({ problem: storageProblem(error, `read the ${info.kind} weights`) });
    return undefined;
  }
}

/** Turns keeping weights on or off for runs from now on, and remembers the choice in this browser. */
export function setKeepWeights(on: boolean): void {
  useRunsStore.setState({ keepWeights: on });
  if (typeof localStorage !== 'undefined') localStorage.setItem(KEEP_WEIGHTS_KEY, on ? 'on' : 'off');
}

/** The run's kept weights, read so that an Undo of its delete can write them back. */
async function weightsForUndo(id: string): Promise<KeptWeights[]> {
  const infos = useRunsStore.getState().kept.filter((info) => info.runId === id);
  const read = await Promise.all(infos.map(async (info) => ({ ...info, weights: await readKeptWeights(info) })));
  return read.flatMap((kept) => (kept.weights ? [{ ...kept, weights: kept.weights }] : []));
}

/** Deletes a run (not the one being recorded) with its kept weights; Undo brings them back until the next delete. */
export async function deleteRun(id: string): Promise<void> {
  const { liveId } = useRunsStore.getState();
  if (id === liveId || !useRunsStore.getState().runs.some((run) => run.id === id)) return;
  const weights = await weightsForUndo(id);
  const { runs, selected, baselineId, kept } = useRunsStore.getState();
  const index = runs.findIndex((run) => run.id === id);
  if (index < 0) return;
  unwritten.delete(id);
  weights.forEach((one) => heldWeights.delete(heldKey(one)));
  useRunsStore.setState({
    runs: runs.filter((run) => run.id !== id),
    kept: kept.filter((info) => info.runId !== id),
    deleted: { run: runs[index]!, index, selected: selected.includes(id), weights },
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
  const restoredKept = deleted.weights.map(({ weights: _, ...info }) => info);
  useRunsStore.setState(({ kept }) => ({ runs: restored, kept: [...kept, ...restoredKept], deleted: undefined, selected: deleted.selected ? [...selected, deleted.run.id] : selected }));
  unwritten.set(deleted.run.id, deleted.run);
  deleted.weights.forEach((kept) => heldWeights.set(heldKey(kept), kept));
  return writeUnwritten();
}

export function toggleSelected(id: string): void {
  useRunsStore.setState(({ selected }) => ({ selected: selected.includes(id) ? selected.filter((selectedId) => selectedId !== id) : [...selected, id] }));
}

/** Unticks every run: nothing is compared any more. */
export function clearSelected(): void {
  useRunsStore.setState({ selected: [] });
}

export function setBaseline(id: string | undefined): void {
  useRunsStore.setState({ baselineId: id });
}
