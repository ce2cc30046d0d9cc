// Settings that decide where training starts: the weight initialisation of every Dense layer and the seed.
import { MAX_SEED } from '../../engine/codecs/experiment';
import { INITS } from '../../engine/model/spec';
import { useExperimentStore } from '../../store/experiment-store';
import { NumberField, rangeCheck } from '../controls/NumberField';

const INIT_NAME = { he: 'He (ReLU family)', glorot: 'Glorot (tanh, sigmoid)' } as const;

/** One init for all Dense layers; "Mixed" when the builder has set them differently. */
export function InitField({ disabled }: { disabled: boolean }) {
  const inits = useExperimentStore((state) => [...new Set(state.layers.flatMap((layer) => (layer.kind === 'dense' ? [layer.init] : [])))].join());
  const setInit = useExperimentStore((state) => state.setInit);
  return (
    <label className="field">
      <span className="field-name">Weight init</span>
      <select value={inits.includes(',') ? 'mixed' : inits} disabled={disabled || inits === ''} onChange={(event) => setInit(event.target.value as (typeof INITS)[number])}>
        {inits.includes(',') && <option value="mixed">Mixed (set per layer)</option>}
        {INITS.map((init) => (
          <option key={init} value={init}>
            {INIT_NAME[init]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SeedField({ disabled }: { disabled: boolean }) {
  const seed = useExperimentStore((state) => state.seed);
  const setSeed = useExperimentStore((state) => state.setSeed);
  return (
    <div className="seed">
      <NumberField label="Seed" value={seed} step={1} check={rangeCheck(0, MAX_SEED, { integer: true })} onCommit={setSeed} disabled={disabled} />
      <button type="button" className="icon-button" disabled={disabled} title="Pick a new random seed" onClick={() => setSeed(Math.floor(Math.random() * MAX_SEED))}>
        New seed
      </button>
    </div>
  );
}
