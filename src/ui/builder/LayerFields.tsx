// The in-place fields of a layer, one per field of its kind: number fields and selects as the registry lists them.
import type { LayerField, SelectField as SelectFieldSpec } from '../../engine/layers/fields';
import { kindOf } from '../../engine/layers/registry';
import { useExperimentStore, type DraftLayer } from '../../store/experiment-store';
import { SelectField } from '../controls/Field';
import { NumberField } from '../controls/NumberField';
import { controlLabel } from './labels';
import { layerEditProblem } from './validity';

interface LayerFieldsProps {
  layer: DraftLayer;
  /** 1-based position among the hidden layers. */
  position: number;
  /** Ids of the issue messages about each field, by key, for aria-describedby. */
  issueIds: Partial<Record<string, string>>;
}

type FieldProps<F extends LayerField> = LayerFieldsProps & { field: F };

/** The layer's value for a field of its kind. */
const valueOf = (layer: DraftLayer, key: string) => (layer as unknown as Record<string, number | string>)[key]!;

/** A number field of the layer: an invalid value stays in the field with the layer's message, the store keeps the last valid one. */
function LayerNumberField({ layer, position, issueIds, field }: FieldProps<Exclude<LayerField, SelectFieldSpec>>) {
  const updateLayer = useExperimentStore((state) => state.updateLayer);
  const { key, label, min, max } = field;
  return (
    <NumberField
      look="builder"
      name={label}
      min={min}
      max={max}
      step={field.type === 'integer' ? 1 : field.step}
      label={controlLabel.field(position, field)}
      value={valueOf(layer, key) as number}
      issueIds={issueIds[key]}
      check={(typed) => layerEditProblem(layer, position, { [key]: typed })}
      onCommit={(typed) => updateLayer(layer.id, { [key]: typed })}
    />
  );
}

function LayerSelectField({ layer, position, issueIds, field }: FieldProps<SelectFieldSpec>) {
  const updateLayer = useExperimentStore((state) => state.updateLayer);
  return (
    <SelectField
      look="builder"
      name={field.label}
      label={controlLabel.field(position, field)}
      value={valueOf(layer, field.key) as string}
      options={field.options.map((option) => [option, field.optionNames[option]!] as const)}
      issueIds={issueIds[field.key]}
      onValue={(value) => updateLayer(layer.id, { [field.key]: value })}
    />
  );
}

export function LayerFields(props: LayerFieldsProps) {
  return (
    <div className="builder-fields">
      {kindOf(props.layer.kind).fields.map((field) =>
        field.type === 'select' ? <LayerSelectField key={field.key} {...props} field={field} /> : <LayerNumberField key={field.key} {...props} field={field} />,
      )}
    </div>
  );
}
