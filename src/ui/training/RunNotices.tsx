// Notices in the run panel: Undo after a reset, and advice before training again with settings that diverged.
import { undoReset } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { useExperimentStore } from '../../store/experiment-store';
import { formatFigure, trainAlike } from '../../worker/divergence';
import { formatCount } from '../format';
import { tidy } from './LearningRateField';

/** After Reset (button or R) of a trained model: its weights, optimizer state, position and curves can come back. */
export function ResetUndoNotice() {
  const undo = useAppStore((state) => state.resetUndo?.step);
  if (undo === undefined) return null;
  return (
    <div className="notice run-notice" role="status" data-testid="reset-undo">
      <p>
        Reset to step 0. The run had trained {formatCount(undo)} {undo === 1 ? 'step' : 'steps'}.
      </p>
      <button type="button" onClick={undoReset}>
        Undo reset
      </button>
    </div>
  );
}

/** While the settings are the ones a divergence happened with: say so before Train, and offer a tenth of the rate. */
export function DivergedAdvice() {
  const divergence = useAppStore((state) => state.training.divergedWith);
  const status = useAppStore((state) => state.training.status);
  const settings = useExperimentStore((state) => state.settings);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  if (!divergence || status === 'training' || !trainAlike(divergence.settings, settings)) return null;
  const rate = settings.hyperparameters.learningRate;
  const lower = tidy(rate / 10);
  return (
    <div className="notice run-notice" role="status" data-testid="diverged-advice">
      <p>
        These settings diverged at step {formatCount(divergence.step)}: training again with them will likely diverge again.
      </p>
      <button type="button" onClick={() => updateSettings({ hyperparameters: { ...settings.hyperparameters, learningRate: lower } })}>
        Use learning rate {formatFigure(lower)}
      </button>
    </div>
  );
}
