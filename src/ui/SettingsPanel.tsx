// The training settings: which images it trains on, then the form (optimizer, schedule, batch, epochs, init, seed).
import { useAppStore } from '../store/app-store';
import { useExperimentStore } from '../store/experiment-store';
import { formatCount } from './format';
import { SettingsForm } from './training/SettingsForm';

export function SettingsPanel() {
  const running = useAppStore((state) => state.training.status === 'training');
  const trainImages = useExperimentStore((state) => state.trainImages);
  return (
    <section className="panel settings-panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Training settings</h2>
      <p className="muted panel-note">
        On {formatCount(trainImages)} training images{trainImages < 60_000 ? ' (a subset)' : ''}, tested on all 10,000 test images after each epoch.
        Changes apply from the next step.
      </p>
      <SettingsForm running={running} />
    </section>
  );
}
