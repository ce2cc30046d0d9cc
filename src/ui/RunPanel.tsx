// The run: Train / Pause / Step / Reset, what stands in the way of training, and where training stands.
import { useAppStore } from '../store/app-store';
import { BuildFailedNotice, RebuildNotice } from './training/RebuildNotice';
import { TrainingControls } from './training/TrainingControls';
import { TrainingProgress } from './training/TrainingProgress';
import { useRebuildNeed } from './training/useRebuildNeed';

export function RunPanel() {
  const need = useRebuildNeed();
  const datasetReady = useAppStore((state) => state.dataset.state === 'ready');
  const gpuReady = useAppStore((state) => state.gpu.state === 'ready');
  return (
    <section className="panel run-panel" aria-labelledby="run-heading">
      <h2 id="run-heading" className="visually-hidden" tabIndex={-1}>
        Run
      </h2>
      <TrainingControls canRun={need === 'none' && gpuReady} gpuReady={gpuReady} />
      {need === 'ask' && <RebuildNotice />}
      {need === 'failed' && <BuildFailedNotice />}
      {need === 'blocked' && datasetReady && <p className="muted">Fix the network to train it.</p>}
      <TrainingProgress building={need === 'building' || need === 'now'} />
    </section>
  );
}
