// The training panel: controls with shortcuts, progress, a notice before a rebuild would lose training, and the settings.
import { useAppStore } from '../store/app-store';
import { useExperimentStore } from '../store/experiment-store';
import { formatCount } from './format';
import { BuildFailedNotice, RebuildNotice } from './training/RebuildNotice';
import { SettingsForm } from './training/SettingsForm';
import { TrainingControls } from './training/TrainingControls';
import { TrainingProgress } from './training/TrainingProgress';
import { useRebuildNeed } from './training/useRebuildNeed';

export function TrainingPanel() {
  const running = useAppStore((state) => state.training.status === 'training');
  const trainImages = useExperimentStore((state) => state.trainImages);
  const need = useRebuildNeed();
  const datasetReady = useAppStore((state) => state.dataset.state === 'ready');
  const gpuReady = useAppStore((state) => state.gpu.state === 'ready');
  return (
    <section className="panel training-panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <p className="muted">
        On {formatCount(trainImages)} training images{trainImages < 60_000 ? ' (a subset)' : ''}, tested on all 10,000 test images after each epoch.
      </p>
      <TrainingControls canRun={need === 'none' && gpuReady} gpuReady={gpuReady} />
      {need === 'ask' && <RebuildNotice />}
      {need === 'failed' && <BuildFailedNotice />}
      {need === 'blocked' && datasetReady && <p className="muted">Fix the network to train it.</p>}
      <TrainingProgress building={need === 'building' || need === 'now'} />
      <SettingsForm running={running} />
    </section>
  );
}
