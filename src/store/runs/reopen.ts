// Reopens a run: its experiment into the builder, and with a kept checkpoint, its weights into the model.
import { useExperimentStore } from '../experiment-store';
import { openRunWeights } from '../share-actions';
import { checkpointFigures, type WeightsKind } from './kept-weights';
import type { RunRecord } from './run-record';
import { readKeptWeights, useRunsStore } from './runs-store';

/** Puts the run's experiment in the builder; with `kind`, opens it as the model with those kept weights (saying so when they cannot be read). */
export async function reopenRun(run: RunRecord, kind?: WeightsKind): Promise<void> {
  const info = kind && useRunsStore.getState().kept.find((kept) => kept.runId === run.id && kept.kind === kind);
  if (!info) return useExperimentStore.getState().loadExperiment(run.experiment);
  const weights = await readKeptWeights(info);
  if (!weights) return useRunsStore.setState({ problem: `The ${kind} weights of “${run.name}” could not be read: they are missing or damaged.` });
  openRunWeights(run.experiment, weights, `${kind} weights of “${run.name}”`, checkpointFigures(run, info));
}
