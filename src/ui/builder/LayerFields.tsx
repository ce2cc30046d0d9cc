// The in-place fields of a layer: units, activation and initialization of a Dense layer, the rate of a Dropout layer.
import { ACTIVATIONS, type Activation } from '../../engine/activations';
import { INITS, MAX_DROPOUT_RATE, MAX_UNITS } from '../../engine/model/spec';
import { useExperimentStore, type DraftLayer } from '../../store/experiment-store';
import { ACTIVATION_NAME, INIT_NAME, controlLabel } from './labels';
import { parseNumberText, useNumberText } from '../controls/number-text';
import type { LayerField } from './validity';

interface NumberFieldProps {
  name: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  describedBy: string | undefined;
  onValue(value: number): void;
}

/** A number input that keeps the text being typed ("", "0.") and stores what it stands for (NaN when empty). */
function NumberField({ name, label, value, min, max, step, describedBy, onValue }: NumberFieldProps) {
  const [text, setText] = useNumberText(value);
  return (
    <label className="builder-field">
      <span className="builder-field-name">{name}</span>
      <input
        type="number"
        inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'}
        aria-label={label}
        value={text}
        min={min}
        max={max}
        step={step}
        aria-invalid={describedBy ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.target.value);
          onValue(parseNumberText(event.target.value));
        }}
      />
    </label>
  );
}

interface SelectFieldProps<T extends string> {
  name: string;
  label: string;
  value: T;
  options: readonly T[];
  optionName: Record<T, string>;
  describedBy: string | undefined;
  onValue(value: T): void;
}

function SelectField<T extends string>({ name, label, value, options, optionName, describedBy, onValue }: SelectFieldProps<T>) {
  return (
    <label className="builder-field">
      <span className="builder-field-name">{name}</span>
      <select
        aria-label={label}
        value={value}
        aria-invalid={describedBy ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onValue(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionName[option]}
          </option>
        ))}
      </select>
    </label>
  );
}

interface LayerFieldsProps {
  layer: DraftLayer;
  /** 1-based position among the hidden layers. */
  position: number;
  /** Ids of the issue messages about each field, for aria-describedby. */
  issueIds: Partial<Record<LayerField, string>>;
}

export function LayerFields({ layer, position, issueIds }: LayerFieldsProps) {
  const updateLayer = useExperimentStore((state) => state.updateLayer);
  if (layer.kind === 'dropout') {
    return (
      <div className="builder-fields">
        <NumberField
          name="Rate"
          label={controlLabel.rate(position)}
          value={layer.rate}
          min={0}
          max={MAX_DROPOUT_RATE}
          step={0.05}
          describedBy={issueIds.rate}
          onValue={(rate) => updateLayer(layer.id, { rate })}
        />
      </div>
    );
  }
  return (
    <div className="builder-fields">
      <NumberField
        name="Units"
        label={controlLabel.units(position)}
        value={layer.units}
        min={1}
        max={MAX_UNITS}
        step={1}
        describedBy={issueIds.units}
        onValue={(units) => updateLayer(layer.id, { units })}
      />
      <SelectField<Activation>
        name="Activation"
        label={controlLabel.activation(position)}
        value={layer.activation}
        options={ACTIVATIONS}
        optionName={ACTIVATION_NAME}
        describedBy={issueIds.activation}
        onValue={(activation) => updateLayer(layer.id, { activation })}
      />
      <SelectField<(typeof INITS)[number]>
        name="Init"
        label={controlLabel.init(position)}
        value={layer.init}
        options={INITS}
        optionName={INIT_NAME}
        describedBy={issueIds.init}
        onValue={(init) => updateLayer(layer.id, { init })}
      />
    </div>
  );
}
