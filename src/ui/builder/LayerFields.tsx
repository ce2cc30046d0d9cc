// The in-place fields of a layer: units, activation and initialization of a Dense layer, the rate of a Dropout layer.
import { ACTIVATIONS, type Activation } from '../../engine/activations';
import { INITS, MAX_DROPOUT_RATE, MAX_UNITS } from '../../engine/model/spec';
import { useExperimentStore, type DraftLayer } from '../../store/experiment-store';
import { SelectField } from '../controls/Field';
import { NumberField } from '../controls/NumberField';
import { ACTIVATION_NAME, INIT_NAME, controlLabel } from './labels';
import { layerEditProblem, type LayerField } from './validity';

const ACTIVATION_OPTIONS = ACTIVATIONS.map((activation) => [activation, ACTIVATION_NAME[activation]] as const);
const INIT_OPTIONS = INITS.map((init) => [init, INIT_NAME[init]] as const);
/** The number fields, with the input's hints (the ranges themselves are the spec's, checked by layerEditProblem). */
const NUMBER_FIELDS = {
  units: { name: 'Units', min: 1, max: MAX_UNITS, step: 1 },
  rate: { name: 'Rate', min: 0, max: MAX_DROPOUT_RATE, step: 0.05 },
} as const;

interface LayerFieldsProps {
  layer: DraftLayer;
  /** 1-based position among the hidden layers. */
  position: number;
  /** Ids of the issue messages about each field, for aria-describedby. */
  issueIds: Partial<Record<LayerField, string>>;
}

/** A number field of the layer: an invalid value stays in the field with the layer's message, the store keeps the last valid one. */
function LayerNumberField({ layer, position, issueIds, field, value }: LayerFieldsProps & { field: keyof typeof NUMBER_FIELDS; value: number }) {
  const updateLayer = useExperimentStore((state) => state.updateLayer);
  return (
    <NumberField
      look="builder"
      {...NUMBER_FIELDS[field]}
      label={controlLabel[field](position)}
      value={value}
      issueIds={issueIds[field]}
      check={(typed) => layerEditProblem(layer, position, { [field]: typed })}
      onCommit={(typed) => updateLayer(layer.id, { [field]: typed })}
    />
  );
}

export function LayerFields(props: LayerFieldsProps) {
  const { layer, position, issueIds } = props;
  const updateLayer = useExperimentStore((state) => state.updateLayer);
  if (layer.kind === 'dropout') {
    return (
      <div className="builder-fields">
        <LayerNumberField {...props} field="rate" value={layer.rate} />
      </div>
    );
  }
  return (
    <div className="builder-fields">
      <LayerNumberField {...props} field="units" value={layer.units} />
      <SelectField<Activation>
        look="builder"
        name="Activation"
        label={controlLabel.activation(position)}
        value={layer.activation}
        options={ACTIVATION_OPTIONS}
        issueIds={issueIds.activation}
        onValue={(activation) => updateLayer(layer.id, { activation })}
      />
      <SelectField<(typeof INITS)[number]>
        look="builder"
        name="Init"
        label={controlLabel.init(position)}
        value={layer.init}
        options={INIT_OPTIONS}
        issueIds={issueIds.init}
        onValue={(init) => updateLayer(layer.id, { init })}
      />
    </div>
  );
}
