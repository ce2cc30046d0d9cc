// The runs table: pick runs to compare, rename, pin, reopen in the builder (with kept weights), delete (with Undo above); columns sort, pinned runs first.
import { useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { WEIGHTS_KINDS, type KeptWeightsInfo } from '../../store/runs/kept-weights';
import { reopenRun } from '../../store/runs/reopen';
import { formatRunTime, type RunRecord } from '../../store/runs/run-record';
import { deleteRun, renameRun, toggleSelected, togglePinned, useRunsStore } from '../../store/runs/runs-store';
import { formatLoss } from '../charts/chart-format';
import { OPTIMIZER_NAME, formatDuration, formatFraction, formatMegabytes } from '../format';
import { sortedRows, type RunRow, type RunSort, type SortKey } from './run-rows';

const SORTABLE: ReadonlyArray<{ key: SortKey; label: string; firstDescending: boolean }> = [
  { key: 'name', label: 'Name', firstDescending: false },
  { key: 'startedAt', label: 'When', firstDescending: true },
];
const SORTABLE_FIGURES: ReadonlyArray<{ key: SortKey; label: string; firstDescending: boolean }> = [
  { key: 'testAccuracy', label: 'Test accuracy', firstDescending: true },
  { key: 'testLoss', label: 'Test loss', firstDescending: false },
  { key: 'durationMs', label: 'Time', firstDescending: true },
];

function SortHeader({ column, sort, onSort }: { column: (typeof SORTABLE)[number]; sort: RunSort; onSort(sort: RunSort): void }) {
  const active = sort.key === column.key;
  const next = { key: column.key, descending: active ? !sort.descending : column.firstDescending };
  return (
    <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="runs-sort" onClick={() => onSort(next)}>
        {column.label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▾' : ' ▴') : ''}</span>
      </button>
    </th>
  );
}

/** The name as an edit field: it becomes the name on Enter or when the field is left; Escape puts the old one back. */
function NameField({ run }: { run: RunRecord }) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.currentTarget.blur();
    if (event.key === 'Escape') {
      event.currentTarget.value = run.name;
      event.currentTarget.blur();
    }
  };
  return (
    <input
      key={run.name}
      className="runs-name"
      type="text"
      defaultValue={run.name}
      maxLength={80}
      aria-label={`Name of the run of ${formatRunTime(run.startedAt)}`}
      onBlur={(event) => void renameRun(run.id, event.currentTarget.value)}
      onKeyDown={onKeyDown}
    />
  );
}

/** "final 0.4 MB, best 0.4 MB", or a dash when no weights are kept. */
const keptText = (kept: readonly KeptWeightsInfo[]): string => kept.map((info) => `${info.kind} ${formatMegabytes(info.bytes)}`).join(', ') || '—';

/** Open: the experiment into the builder; with kept weights, a choice of which weights go into the model as well. */
function OpenChoice({ run, kept }: { run: RunRecord; kept: readonly KeptWeightsInfo[] }) {
  const open = (kind?: KeptWeightsInfo['kind']) => void reopenRun(run, kind);
  if (kept.length === 0) {
    return (
      <button type="button" aria-label={`Open ${run.name} in the builder`} onClick={() => open()}>
        Open
      </button>
    );
  }
  return (
    <details className="runs-open">
      <summary aria-label={`Open ${run.name}…`}>Open…</summary>
      <div className="runs-open-choices" role="group" aria-label={`Open ${run.name}`}>
        {kept.map((info) => (
          <button type="button" key={info.kind} onClick={() => open(info.kind)}>
            Open with {info.kind} weights
          </button>
        ))}
        <button type="button" onClick={() => open()}>
          Experiment only
        </button>
      </div>
    </details>
  );
}

function RunRowView({ row, selected, live }: { row: RunRow; selected: boolean; live: boolean }) {
  const { run } = row;
  const kept = useRunsStore(useShallow((state) => WEIGHTS_KINDS.flatMap((kind) => state.kept.filter((info) => info.runId === run.id && info.kind === kind))));
  const { hyperparameters, batchSize, epochs } = run.experiment.settings;
  return (
    <tr className={run.pinned ? 'runs-pinned' : undefined} data-testid="run-row">
      <td className="runs-pick">
        <label className="runs-pick-target">
          <input type="checkbox" checked={selected} onChange={() => toggleSelected(run.id)} aria-label={`Compare ${run.name}`} />
        </label>
      </td>
      <td data-label="Name">
        <NameField run={run} />
        {live && <span className="runs-live"> recording</span>}
      </td>
      <td data-label="When" className="runs-nowrap">{formatRunTime(run.startedAt)}</td>
      <td data-label="Network" className="runs-nowrap">{row.network}</td>
      <td data-label="Training">
        {OPTIMIZER_NAME[run.experiment.optimizer]}, lr {hyperparameters.learningRate}, batch {batchSize}, {epochs} {epochs === 1 ? 'epoch' : 'epochs'}
      </td>
      <td data-label="Test accuracy">{row.testAccuracy === undefined ? '—' : formatFraction(row.testAccuracy, 2)}</td>
      <td data-label="Test loss">{row.testLoss === undefined || !Number.isFinite(row.testLoss) ? '—' : formatLoss(row.testLoss)}</td>
      <td data-label="Time">{formatDuration(run.durationMs / 1000)}</td>
      <td data-label="Weights" className="runs-nowrap" data-testid="run-weights">{keptText(kept)}</td>
      <td data-label="Changes" data-testid="run-changes">
        {row.changes === undefined ? <span className="muted">pick a baseline</span> : row.changes === '' ? <strong>baseline</strong> : row.changes}
      </td>
      <td className="runs-actions">
        <button type="button" aria-pressed={run.pinned} aria-label={`Pin ${run.name}`} onClick={() => void togglePinned(run.id)}>
          {run.pinned ? 'Pinned' : 'Pin'}
        </button>
        <OpenChoice run={run} kept={kept} />
        <button type="button" aria-label={`Delete ${run.name}`} disabled={live} title={live ? 'Being recorded: reset or build a new model first' : undefined} onClick={() => void deleteRun(run.id)}>
          Delete
        </button>
      </td>
    </tr>
  );
}

export function RunsTable() {
  const runs = useRunsStore((state) => state.runs);
  const selected = useRunsStore((state) => state.selected);
  const liveId = useRunsStore((state) => state.liveId);
  const baseline = useRunsStore((state) => state.runs.find((run) => run.id === state.baselineId));
  const [sort, setSort] = useState<RunSort>({ key: 'startedAt', descending: true });
  const rows = sortedRows(runs, baseline, sort);
  return (
    <table className="runs-table">
      <caption className="visually-hidden">Saved runs, pinned first</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
          {SORTABLE.map((column) => (
            <SortHeader key={column.key} column={column} sort={sort} onSort={setSort} />
          ))}
          <th scope="col">Network</th>
          <th scope="col">Training</th>
          {SORTABLE_FIGURES.map((column) => (
            <SortHeader key={column.key} column={column} sort={sort} onSort={setSort} />
          ))}
          <th scope="col">Weights</th>
          <th scope="col">Changes</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <RunRowView key={row.run.id} row={row} selected={selected.includes(row.run.id)} live={row.run.id === liveId} />
        ))}
      </tbody>
    </table>
  );
}
