// Where training stands: status, epoch and step, a progress bar, samples per second, time left, latest figures.
import { runProgress } from '../../engine/train/progress';
import { useAppStore } from '../../store/app-store';
import { useExperimentStore } from '../../store/experiment-store';
import { formatCount, formatDuration, formatFraction, formatRate } from '../format';

const STATUS_TEXT = {
  idle: 'Waiting for the GPU…',
  ready: 'Ready to train',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  diverged: 'Diverged',
} as const;

/** `building`: a new model for the edited network is on its way (the figures shown are still the old model's). */
export function TrainingProgress({ building }: { building: boolean }) {
  const training = useAppStore((state) => state.training);
  const gpuMissing = useAppStore((state) => state.gpu.state === 'unavailable');
  const latest = useAppStore((state) => state.trainMetrics.at(-1));
  const evaluation = useAppStore((state) => state.evaluations.at(-1));
  const trainImages = useAppStore((state) => state.model?.config.trainImages);
  const { epochs, batchSize } = useExperimentStore((state) => state.settings);
  const position = training.position;
  // Counted from the samples trained on, so a batch-size change mid-run keeps it right.
  const progress = position && trainImages ? runProgress(position, { epochs, batchSize }, trainImages) : undefined;
  const speed = latest?.samplesPerSecond ?? 0;
  const secondsLeft = progress && training.status === 'training' && speed > 0 ? progress.samplesLeft / speed : undefined;
  const fraction = progress?.fraction ?? 0;
  return (
    <div className="progress" role="status" aria-live="polite">
      <p>
        <strong data-testid="training-status">{gpuMissing ? 'No GPU: training is off' : building ? 'Building the network…' : STATUS_TEXT[training.status]}</strong>
        {position && progress && ` · epoch ${Math.min(position.epoch + 1, epochs)} of ${epochs}, step ${formatCount(position.step)} of ~${formatCount(progress.totalSteps)}`}
      </p>
      <progress max={1} value={fraction} aria-label="Training progress">
        {Math.round(100 * fraction)}%
      </progress>
      <p className="muted">
        {latest ? formatRate(speed) : 'No steps yet'}
        {secondsLeft !== undefined && ` · about ${formatDuration(secondsLeft)} left`}
      </p>
      {training.message && <p className="problem">{training.message}</p>}
      {latest && (
        <p>
          Train loss {latest.loss.toFixed(3)}, train accuracy {formatFraction(latest.accuracy)}
        </p>
      )}
      {evaluation && (
        <p data-testid="test-accuracy">
          Test accuracy {formatFraction(evaluation.accuracy)} (test loss {evaluation.loss.toFixed(3)})
        </p>
      )}
    </div>
  );
}
