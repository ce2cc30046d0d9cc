// The runs panel: every run kept in this browser, the table to compare them (ticked runs are drawn over the training charts), export, keeping weights, and what storage says.
import { useId } from 'react';
import { runsCsv, runsJson } from '../../store/runs/export';
import { setBaseline, setKeepWeights, undoDelete, useRunsStore } from '../../store/runs/runs-store';
import { downloadFile } from '../download';
import { formatMegabytes } from '../format';
import { RunsTable } from './RunsTable';
import './runs.css';

/** Storage sizes: MB, or GB once they reach a gigabyte (quotas often do). */
const formatStorage = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : formatMegabytes(bytes));

function StorageLine() {
  const storage = useRunsStore((state) => state.storage);
  const usage = useRunsStore((state) => state.usage);
  const keptBytes = useRunsStore((state) => state.kept.reduce((sum, info) => sum + info.bytes, 0));
  const where =
    storage === 'saved' ? 'Saved in this browser as they train' : storage === 'opening' ? 'Opening the saved runs…' : 'Kept in memory only, until the page closes';
  const used = usage ? ` · ${formatStorage(usage.usedBytes)} used of ${formatStorage(usage.quotaBytes)} available` : '';
  const weights = keptBytes > 0 ? `, and ${formatStorage(keptBytes)} of weights` : '';
  return (
    <p className="panel-note muted" data-testid="runs-storage">
      {where}
      {used}. Curves and settings are kept{weights}.
    </p>
  );
}

function KeepWeightsChoice() {
  const keepWeights = useRunsStore((state) => state.keepWeights);
  return (
    <label className="runs-keep">
      <input type="checkbox" checked={keepWeights} onChange={(event) => setKeepWeights(event.target.checked)} />
      Keep weights of new runs (final and best test accuracy), to reopen them later
    </label>
  );
}

function StorageNotices() {
  const problem = useRunsStore((state) => state.problem);
  const skipped = useRunsStore((state) => state.skipped);
  const deleted = useRunsStore((state) => state.deleted);
  return (
    <>
      {problem && (
        <p className="problem runs-problem" role="alert" data-testid="runs-problem">
          {problem}
        </p>
      )}
      {skipped.map((line) => (
        <p className="problem runs-problem" role="status" key={line}>
          {line}
        </p>
      ))}
      {deleted && (
        <div className="notice runs-deleted" role="status">
          <p>Deleted “{deleted.run.name}”.</p>
          <button type="button" onClick={() => void undoDelete()}>
            Undo
          </button>
        </div>
      )}
    </>
  );
}

function RunsTools() {
  const runs = useRunsStore((state) => state.runs);
  const baselineId = useRunsStore((state) => state.baselineId);
  const baselineField = useId();
  const stamp = () => new Date().toISOString().slice(0, 10);
  return (
    <div className="runs-tools">
      <label htmlFor={baselineField}>Baseline for changes</label>
      <select id={baselineField} value={baselineId ?? ''} onChange={(event) => setBaseline(event.target.value || undefined)}>
        <option value="">None</option>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {run.name}
          </option>
        ))}
      </select>
      <span className="runs-exports">
        <button type="button" onClick={() => downloadFile(runsCsv(runs), `backprop-studio-runs-${stamp()}.csv`, 'text/csv')}>
          Export CSV
        </button>
        <button type="button" onClick={() => downloadFile(runsJson(runs), `backprop-studio-runs-${stamp()}.json`, 'application/json')}>
          Export JSON
        </button>
      </span>
    </div>
  );
}

export function RunsPanel() {
  const hasRuns = useRunsStore((state) => state.runs.length > 0);
  return (
    <section className="panel runs-panel" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      <StorageLine />
      <KeepWeightsChoice />
      <StorageNotices />
      {hasRuns ? (
        <>
          <RunsTools />
          <div className="runs-table-wrap">
            <RunsTable />
          </div>
        </>
      ) : (
        <p className="runs-empty">No runs yet. Press Train: each run is kept here with its settings and curves, to compare and reopen later.</p>
      )}
    </section>
  );
}
