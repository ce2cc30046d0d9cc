// The runs in IndexedDB (through idb): open, read every record (checked, migrated, damaged ones skipped), write, delete; kept weights apart.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readStoredWeights, readWeightsInfo, WEIGHTS_KINDS, weightsKey, type KeptWeights, type KeptWeightsInfo, type WeightsKind } from './kept-weights';
import { readRunRecord, type RunRecord } from './run-record';

export const RUNS_DB_NAME = 'backprop-studio-runs';
/** The database layout (object stores); record layouts have their own version (RUN_RECORD_VERSION). */
export const RUNS_DB_VERSION = 2;

type WeightsKey = [runId: string, kind: WeightsKind];

interface RunsSchema extends DBSchema {
  /** Values are unknown until read back through readRunRecord. */
  runs: { key: string; value: unknown };
  /** Since version 2: kept weights (Float32Array), apart from the runs so that listing them stays light. */
  weights: { key: WeightsKey; value: unknown };
  /** Since version 2: what each kept checkpoint is (KeptWeightsInfo), read with the runs. */
  'weights-info': { key: WeightsKey; value: unknown };
}

export interface LoadedRuns {
  records: RunRecord[];
  /** One line per record that could not be read. */
  skipped: string[];
  /** Records of an older layout, read in the current one: to be written back. */
  migrated: RunRecord[];
}

/** What the open database tells its owner after opening: another tab blocks an upgrade, or took the database over. */
export interface RunsDbEvents {
  onBlocked(message: string): void;
  onClosed(message: string): void;
}

export interface RunsDb {
  load(): Promise<LoadedRuns>;
  put(record: RunRecord): Promise<void>;
  /** Deletes the run and its kept weights. */
  remove(id: string): Promise<void>;
  loadWeightsInfo(): Promise<KeptWeightsInfo[]>;
  putWeights(kept: KeptWeights): Promise<void>;
  /** The weights of a checkpoint; undefined when they are missing or damaged. */
  readWeights(info: KeptWeightsInfo): Promise<Float32Array | undefined>;
}

/** Why runs cannot be kept in this browser, or undefined when IndexedDB is there. */
export function missingStorage(): string | undefined {
  return typeof indexedDB === 'undefined' ? 'This browser offers no IndexedDB (a private window may turn it off): runs are kept only until the page closes. Export them to keep them.' : undefined;
}

/** A storage failure in words, saying that the runs are still here. */
export function storageProblem(error: unknown, doing: string): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return `Storage is full: could not ${doing}. The runs stay here until the page closes; export them or delete old runs to make room.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `Could not ${doing} (${detail}). The runs stay here until the page closes; export them to keep them.`;
}

export async function openRunsDb(events: RunsDbEvents): Promise<RunsDb> {
  const db: IDBPDatabase<RunsSchema> = await openDB<RunsSchema>(RUNS_DB_NAME, RUNS_DB_VERSION, {
    upgrade(database) {
      for (const store of ['runs', 'weights', 'weights-info'] as const) {
        if (!database.objectStoreNames.contains(store)) database.createObjectStore(store, store === 'runs' ? { keyPath: 'id' } : {});
      }
    },
    blocked: () => events.onBlocked('Another tab of Backprop Studio holds the saved runs open with an older version: close it, and saving starts here.'),
    blocking: () => {
      db.close();
      events.onClosed('A newer version of Backprop Studio opened in another tab: runs here are no longer saved. Reload this tab to save again.');
    },
  });
  return {
    load: () => loadRuns(db),
    put: async (record) => {
      await db.put('runs', record);
    },
    remove: async (id) => {
      const tx = db.transaction(['runs', 'weights', 'weights-info'], 'readwrite');
      const keys = WEIGHTS_KINDS.map((kind) => weightsKey({ runId: id, kind }));
      await Promise.all([tx.objectStore('runs').delete(id), ...keys.flatMap((key) => [tx.objectStore('weights').delete(key), tx.objectStore('weights-info').delete(key)]), tx.done]);
    },
    loadWeightsInfo: async () => (await db.getAll('weights-info')).flatMap((value) => readWeightsInfo(value) ?? []),
    putWeights: async ({ weights, ...info }) => {
      const tx = db.transaction(['weights', 'weights-info'], 'readwrite');
      await Promise.all([tx.objectStore('weights').put(weights, weightsKey(info)), tx.objectStore('weights-info').put(info, weightsKey(info)), tx.done]);
    },
    readWeights: async (info) => readStoredWeights(await db.get('weights', weightsKey(info)), info),
  };
}

async function loadRuns(db: IDBPDatabase<RunsSchema>): Promise<LoadedRuns> {
  const stored = await db.getAll('runs');
  const loaded: LoadedRuns = { records: [], skipped: [], migrated: [] };
  for (const value of stored) {
    const read = readRunRecord(value);
    if (!read.ok) {
      loaded.skipped.push(`A saved run could not be read and was skipped: ${read.error}.`);
      continue;
    }
    loaded.records.push(read.record);
    if (read.migrated) loaded.migrated.push(read.record);
  }
  return loaded;
}
