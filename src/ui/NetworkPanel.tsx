// The network panel: the drag-and-drop builder, with a preset to start from.
import { useAppStore } from '../store/app-store';
import { useExperimentStore } from '../store/experiment-store';
import { PRESETS, type PresetName } from '../store/presets';
import { NetworkBuilder } from './builder/NetworkBuilder';

function PresetSelect({ disabled }: { disabled: boolean }) {
  const preset = useExperimentStore((state) => state.preset);
  const loadPreset = useExperimentStore((state) => state.loadPreset);
  return (
    <label className="field inline">
      <span className="field-name">Preset</span>
      <select value={preset} disabled={disabled} onChange={(event) => loadPreset(event.target.value as PresetName)}>
        {preset === 'custom' && <option value="custom">Custom</option>}
        {Object.entries(PRESETS).map(([name, { label }]) => (
          <option key={name} value={name}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NetworkPanel() {
  const running = useAppStore((state) => state.training.status === 'training');
  return <NetworkBuilder disabled={running} toolbar={<PresetSelect disabled={running} />} />;
}
