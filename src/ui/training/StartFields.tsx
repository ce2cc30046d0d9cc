// Settings that decide where training starts: the weight initialisation of every layer whose kind has one, and the seed.
import { MAX_SEED } from '../../engine/codecs/experiment';
import { INITS } from '../../engine/model/spec';
import { hasInit, useExperimentStore } from '../../store/experiment-store';
import { SelectField } from '../controls/Field';
import { rangeCheck } from '../controls/number-text';
import { NumberField } from '../controls/NumberField';
import { SETTING_HELP } from './setting-help';

type Init = (typeof INITS)[number];
const INIT_NAME: Record<Init, string> = { he: 'He (ReLU family)', glorot: 'Glorot (tanh, sigmoid)' };
const INIT_OPTIONS = INITS.map((init) => [init, INIT_NAME[init]] as const);
const MIXED_OPTION = ['mixed', 'Mixed (set per layer)'] as const;
const seedCheck = rangeCheck(0, MAX_SEED, { integer: true });

/** One init for all layers that have one; "Mixed" when the builder has set them differently. */
export function InitField({ disabled }: { disabled: boolean }) {
  const inits = useExperimentStore((state) => [...new Set(state.layers.filter(hasInit).map((layer) => layer.init))].join());
  const setInit = useExperimentStore((state) => state.setInit);
  const mixed = inits.includes(',');
  return (
    <SelectField<Init | 'mixed'>
      {...SETTING_HELP.init}
      value={mixed ? 'mixed' : (inits as Init)}
      options={mixed ? [MIXED_OPTION, ...INIT_OPTIONS] : INIT_OPTIONS}
      disabled={disabled || inits === ''}
      onValue={(init) => init !== 'mixed' && setInit(init)}
    />
  );
}

export function SeedField({ disabled }: { disabled: boolean }) {
  const seed = useExperimentStore((state) => state.seed);
  const setSeed = useExperimentStore((state) => state.setSeed);
  const newSeed = (
    <button type="button" className="icon-button" disabled={disabled} title="Pick a new random seed" onClick={() => setSeed(Math.floor(Math.random() * MAX_SEED))}>
      New seed
    </button>
  );
  return <NumberField {...SETTING_HELP.seed} className="with-button" value={seed} step={1} check={seedCheck} onCommit={setSeed} disabled={disabled} extra={newSeed} />;
}
