// A run's kept weights (final and best checkpoint): their stored layout, checked on read, and the figures they open with.
import { z } from 'zod';
import { parseUntrusted } from '../../engine/codecs/experiment';
import type { EvaluationPoint } from '../app-store';
import type { RunRecord } from './run-record';

export const WEIGHTS_KINDS = ['final', 'best'] as const;
export type WeightsKind = (typeof WEIGHTS_KINDS)[number];

/** What is kept of one checkpoint, without the weights themselves (the runs list shows this). */
export interface KeptWeightsInfo {
  runId: string;
  kind: WeightsKind;
  /** The step the weights were read at. */
  step: number;
  bytes: number;
}

export interface KeptWeights extends KeptWeightsInfo {
  weights: Float32Array;
}

/** The key of a checkpoint in both object stores: run id, then 'final' or 'best'. */
export const weightsKey = ({ runId, kind }: Pick<KeptWeightsInfo, 'runId' | 'kind'>): [string, WeightsKind] => [runId, kind];

const infoSchema = z.strictObject({ runId: z.string().min(1).max(100), kind: z.enum(WEIGHTS_KINDS), step: z.number().int().min(0), bytes: z.number().int().min(0) });
const weightsSchema = z.instanceof(Float32Array);

/** A stored info value, checked (another version or a damaged database may have written it). */
export function readWeightsInfo(input: unknown): KeptWeightsInfo | undefined {
  const parsed = parseUntrusted(infoSchema, input, 'weights info');
  return parsed.ok ? parsed.value : undefined;
}

/** A stored weights value, checked: a Float32Array of the size its info gives. */
export function readStoredWeights(input: unknown, info: KeptWeightsInfo): Float32Array | undefined {
  const parsed = weightsSchema.safeParse(input);
  return parsed.success && parsed.data.byteLength === info.bytes ? parsed.data : undefined;
}

/** Whether the update brought an evaluation that beats every earlier test accuracy of the run. */
export function isNewBest(evaluations: readonly EvaluationPoint[], previous: readonly EvaluationPoint[]): boolean {
  const last = evaluations.at(-1);
  if (!last || last === previous.at(-1) || !Number.isFinite(last.accuracy)) return false;
  return evaluations.slice(0, -1).every((earlier) => !(earlier.accuracy >= last.accuracy));
}

/** The figures a checkpoint opens with: the run's last evaluation at or before its step (none before any test). */
export function checkpointFigures(run: RunRecord, info: KeptWeightsInfo): { epochs: number; testAccuracy: number } | undefined {
  const evaluation = run.evaluations.findLast((point) => point.step <= info.step);
  return evaluation && { epochs: Math.floor(evaluation.epoch), testAccuracy: evaluation.accuracy };
}
