// The learning rate as a log-scale slider and an exact number, kept in step.
import { MAX_LEARNING_RATE } from '../../engine/codecs/experiment';
import { useExperimentStore } from '../../store/experiment-store';
import { NumberField, rangeCheck } from '../controls/NumberField';

const MIN_LOG10 = -5;
const MAX_LOG10 = 1;

/** Rounds to 3 significant digits so slider positions give tidy rates (0.00123, not 0.0012302687708123812). */
const tidy = (value: number): number => Number(value.toPrecision(3));

export function LearningRateField() {
  const hp = useExperimentStore((state) => state.settings.hyperparameters);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  const setRate = (learningRate: number) => updateSettings({ hyperparameters: { ...hp, learningRate } });
  return (
    <div className="learning-rate">
      <NumberField label="Learning rate" value={hp.learningRate} check={rangeCheck(0, MAX_LEARNING_RATE, { minExclusive: true })} onCommit={setRate} />
      <input
        type="range"
        aria-label="Learning rate (log scale)"
        min={MIN_LOG10}
        max={MAX_LOG10}
        step={0.05}
        value={Math.log10(hp.learningRate)}
        aria-valuetext={String(hp.learningRate)}
        onChange={(event) => setRate(tidy(10 ** Number(event.target.value)))}
      />
    </div>
  );
}
