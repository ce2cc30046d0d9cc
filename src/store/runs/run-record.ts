// A run as it is stored: experiment, curves, adapter and times, with the versioned schema every record is checked against on read.
import { z } from 'zod';
import type { AdapterSummary } from '../../engine/gpu/device';
import { experimentSchema, parseUntrusted } from '../../engine/codecs/experiment';
import type { TrainerConfig } from '../../engine/train/trainer';
import type { EvaluationPoint, TrainMetricsPoint } from '../app-store';

/** The record layout written now; older ones are migrated when read. */
export const RUN_RECORD_VERSION = 2;
export const MAX_RUN_NAME_CHARS = 80;

export interface RunRecord {
  version: typeof RUN_RECORD_VERSION;
  id: string;
  name: string;
  pinned: boolean;
  /** When the first step was taken (ms since 1970). */
  startedAt: number;
  /** Time spent training, pauses left out. */
  durationMs: number;
  /** What trained: the model's config with the settings of its last steps. */
  experiment: TrainerConfig;
  adapter?: AdapterSummary;
  trainMetrics: TrainMetricsPoint[];
  evaluations: EvaluationPoint[];
}

/** A loss or accuracy as logged: NaN and ±Infinity are kept (a diverged run logs them; charts leave them out). */
const logged = z.custom<number>((value) => typeof value === 'number', 'must be a number');
const count = z.number().int().min(0);
const text = z.string().max(500);

const trainPointSchema = z.strictObject({ step: count, epoch: z.number().min(0), steps: count, loss: logged, accuracy: logged, samplesPerSecond: logged });
const evaluationSchema = z.strictObject({ epoch: z.number().min(0), step: count, loss: logged, accuracy: logged, confusion: z.array(count).max(100) });
const adapterSchema = z.strictObject({ vendor: text, architecture: text, device: text, description: text });

const runRecordSchema = z.strictObject({
  version: z.literal(RUN_RECORD_VERSION),
  id: z.string().min(1).max(100),
  name: z.string().max(MAX_RUN_NAME_CHARS),
  pinned: z.boolean(),
  startedAt: z.number().min(0),
  durationMs: z.number().min(0),
  experiment: experimentSchema,
  adapter: adapterSchema.optional(),
  trainMetrics: z.array(trainPointSchema),
  evaluations: z.array(evaluationSchema),
}) satisfies z.ZodType<RunRecord>;

/** Version 1, the first layout: no name or pin (the table named runs by their start time). */
const runRecordV1Schema = runRecordSchema.omit({ version: true, name: true, pinned: true }).extend({ version: z.literal(1) });

/** A version-1 record in the current layout: named after its start time, not pinned. */
export function migrateV1(record: z.infer<typeof runRecordV1Schema>): RunRecord {
  return { ...record, version: RUN_RECORD_VERSION, name: defaultRunName(record.startedAt), pinned: false };
}

/** "14 Mar, 09:05:12": when a run started, in the page's time zone. */
export const formatRunTime = (startedAt: number): string => new Date(startedAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Run of 14 Mar, 09:05:12": a name for a run nobody named yet. */
export const defaultRunName = (startedAt: number): string => `Run of ${formatRunTime(startedAt)}`;

export type RunRecordRead = { ok: true; record: RunRecord; migrated: boolean } | { ok: false; error: string };

/** Checks a stored value (untrusted: another version or a damaged database may have written it), migrating older layouts. */
export function readRunRecord(input: unknown): RunRecordRead {
  const version = typeof input === 'object' && input !== null ? (input as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > RUN_RECORD_VERSION) return { ok: false, error: `written by a newer version of the app (record version ${version})` };
  if (version === 1) {
    const old = parseUntrusted(runRecordV1Schema, input, 'record');
    return old.ok ? { ok: true, record: migrateV1(old.value), migrated: true } : old;
  }
  const parsed = parseUntrusted(runRecordSchema, input, 'record');
  return parsed.ok ? { ok: true, record: parsed.value, migrated: false } : parsed;
}
