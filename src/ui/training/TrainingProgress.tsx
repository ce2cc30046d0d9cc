// Where training stands: status, epoch and step, a progress bar, samples per second and time left; for an imported
// model, how it was trained and what it scored, there and here.
import { useShallow } from 'zustand/react/shallow';
import { runProgress, type RunProgress, type TrainerPosition } from '../../engine/train/progress';
import { useAppStore, type AppState } from '../../store/app-store';
import { useExperimentStore } from '../../store/experiment-store';
import { describeTrained, formatCount, formatDuration, formatFraction, formatRate } from '../format';

const STATUS_TEXT = {
  idle: 'Waiting for the GPU…',
  ready: 'Ready to train',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  diverged: 'Diverging: paused',
} as const;

/** An imported model that has not trained here yet: what it was and what it scored here. */
function importedAtStart(state: AppState): { trained?: { epochs: number; testAccuracy: number }; testedHere?: number } | undefined {
  if (!state.model?.imported || (state.training.position?.step ?? 0) > 0) return undefined;
  return { trained: state.opened?.trained, testedHere: state.evaluations.at(0)?.accuracy };
}

function ImportedLine() {
  const imported = useAppStore(useShallow(importedAtStart));
  if (!imported) return null;
  return (
    <p className="imported-line" data-testid="imported-line">
      Imported: {imported.trained ? describeTrained(imported.trained) : 'weights without figures'} there
      {imported.testedHere === undefined ? '; testing it here…' : `; ${formatFraction(imported.testedHere)} tested here`}.
    </p>
  );
}

/** " · epoch 2 of 5, step 40 of ~75"; for an imported model not trained here yet, what training it further means. */
function positionText(position: TrainerPosition, progress: RunProgress, epochs: number, importedReady: boolean): string {
  const epochWord = epochs === 1 ? 'epoch' : 'epochs';
  if (importedReady) return ` · ${epochs} more ${epochWord} here, about ${formatCount(progress.totalSteps)} steps`;
  const about = progress.fraction >= 1 ? '' : '~';
  return ` · epoch ${Math.min(position.epoch + 1, epochs)} of ${epochs}, step ${formatCount(position.step)} of ${about}${formatCount(progress.totalSteps)}`;
}

/** `building`: a new model for the edited network is on its way (the figures shown are still the old model's). */
export function TrainingProgress({ building }: { building: boolean }) {
  const training = useAppStore((state) => state.training);
  const gpuMissing = useAppStore((state) => state.gpu.state === 'unavailable');
  const speed = useAppStore((state) => state.trainMetrics.at(-1)?.samplesPerSecond);
  const trainImages = useAppStore((state) => state.model?.config.trainImages);
  const importedReady = useAppStore((state) => importedAtStart(state) !== undefined && state.training.status === 'ready');
  const { epochs, batchSize } = useExperimentStore((state) => state.settings);
  const position = training.position;
  // Counted from the samples trained on, so a batch-size change mid-run keeps it right.
  const progress = position && trainImages ? runProgress(position, { epochs, batchSize }, trainImages) : undefined;
  const secondsLeft = progress && training.status === 'training' && speed ? progress.samplesLeft / speed : undefined;
  const fraction = progress?.fraction ?? 0;
  const status = gpuMissing ? 'No GPU: training is off' : building ? 'Building the network…' : importedReady ? 'Ready to train further' : STATUS_TEXT[training.status];
  return (
    <div className="progress" role="status" aria-live="polite">
      <p>
        <strong data-testid="training-status">{status}</strong>
        {position && progress && positionText(position, progress, epochs, importedReady)}
      </p>
      <progress max={1} value={fraction} aria-label="Training progress">
        {Math.round(100 * fraction)}%
      </progress>
      <p className="muted">
        {speed === undefined ? 'No steps yet' : formatRate(speed)}
        {secondsLeft !== undefined && ` · about ${formatDuration(secondsLeft)} left`}
      </p>
      <ImportedLine />
      {training.message && <p className="problem">{training.message}</p>}
    </div>
  );
}
