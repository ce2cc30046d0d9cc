// The learning rate as an exact number and a log-scale slider, kept in step; the slider commits when it is let go.
import { useState } from 'react';
import { MAX_LEARNING_RATE } from '../../engine/codecs/experiment';
import { useExperimentStore } from '../../store/experiment-store';
import { rangeCheck } from '../controls/number-text';
import { NumberField } from '../controls/NumberField';
import { SETTING_HELP } from './setting-help';

const MIN_LOG10 = -5;
const MAX_LOG10 = 1;
const rateCheck = rangeCheck(0, MAX_LEARNING_RATE, { minExclusive: true });

/** Rounds to 3 significant digits so slider positions give tidy rates (0.00123, not 0.0012302687708123812). */
export const tidy = (value: number): number => Number(value.toPrecision(3));

/** Shows where it is dragged (pointer or arrow keys) and commits on release: pointer up, key up, or blur. */
function RateSlider({ rate, onRelease }: { rate: number; onRelease(rate: number): void }) {
  const [dragged, setDragged] = useState<number | null>(null);
  const shown = dragged ?? rate;
  const release = () => {
    if (dragged === null) return;
    setDragged(null);
    onRelease(dragged);
  };
  return (
    <input
      type="range"
      className="field-slider"
      aria-label="Learning rate (log scale)"
      min={MIN_LOG10}
      max={MAX_LOG10}
      step={0.05}
      value={Math.log10(shown)}
      aria-valuetext={String(shown)}
      onChange={(event) => setDragged(tidy(10 ** Number(event.target.value)))}
      // Captured, the release comes here even when the pointer leaves the slider.
      onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
      onPointerUp={release}
      onKeyUp={release}
      onBlur={release}
    />
  );
}

export function LearningRateField() {
  const hp = useExperimentStore((state) => state.settings.hyperparameters);
  const updateSettings = useExperimentStore((state) => state.updateSettings);
  const setRate = (learningRate: number) => updateSettings({ hyperparameters: { ...hp, learningRate } });
  return (
    <NumberField {...SETTING_HELP.learningRate} value={hp.learningRate} check={rateCheck} onCommit={setRate} extra={<RateSlider rate={hp.learningRate} onRelease={setRate} />} />
  );
}
