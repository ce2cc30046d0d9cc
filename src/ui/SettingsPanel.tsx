// The training settings: which images it trains on, then the form (optimizer, schedule, batch, epochs, init, seed).
import { useAppStore } from '../store/app-store';
import { setPauseOnCollapse, useCollapseGuard } from '../store/collapse-guard';
import { useExperimentStore } from '../store/experiment-store';
import { formatCount } from './format';
import { SettingsForm } from './training/SettingsForm';

/** Pausing on a collapsing run can be turned off, e.g. to watch what a too-high learning rate does. */
function CollapseGuardField() {
  const pause = useCollapseGuard((state) => state.pause);
  return (
    <label className="checkbox collapse-guard">
      <input type="checkbox" checked={pause} onChange={(event) => setPauseOnCollapse(event.target.checked)} />
      <span>
        Pause when training diverges <span className="muted">(and roll back to the last good checkpoint)</span>
      </span>
    </label>
  );
}

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
      <CollapseGuardField />
    </section>
  );
}
