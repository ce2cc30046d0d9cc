// The run: Train / Pause / Step / Reset, what stands in the way of training, where training stands, the latest figures.
import { useAppStore } from '../store/app-store';
import { useFieldProblemReason } from '../store/field-problems';
import { LatestFigures } from './training/LatestFigures';
import { BuildFailedNotice, RebuildNotice } from './training/RebuildNotice';
import { DivergedAdvice, ResetUndoNotice } from './training/RunNotices';
import { TrainingControls } from './training/TrainingControls';
import { TrainingProgress } from './training/TrainingProgress';
import { useRebuildNeed } from './training/useRebuildNeed';

export function RunPanel() {
  const need = useRebuildNeed();
  const datasetReady = useAppStore((state) => state.dataset.state === 'ready');
  const gpuReady = useAppStore((state) => state.gpu.state === 'ready');
  // A field whose text is not a valid value keeps training off until it is fixed (or Esc puts its value back).
  const fieldProblem = useFieldProblemReason();
  return (
    <section className="panel run-panel" aria-labelledby="run-heading">
      <h2 id="run-heading" className="visually-hidden" tabIndex={-1}>
        Run
      </h2>
      <div className="run-main">
        <div className="run-state">
          <TrainingControls canRun={need === 'none' && gpuReady && !fieldProblem} gpuReady={gpuReady} />
          <TrainingProgress building={need === 'building' || need === 'now'} />
        </div>
        <LatestFigures />
      </div>
      {fieldProblem && (
        <p className="problem" data-testid="field-problem-reason">
          {fieldProblem}
        </p>
      )}
      <ResetUndoNotice />
      <DivergedAdvice />
      {need === 'ask' && <RebuildNotice />}
      {need === 'failed' && <BuildFailedNotice />}
      {need === 'blocked' && datasetReady && <p className="muted">Fix the network to train it.</p>}
    </section>
  );
}
