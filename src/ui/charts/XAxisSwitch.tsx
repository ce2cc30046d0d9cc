// The Step | Epoch switch: radio buttons drawn as a two-part control, bound to the shared x-axis choice.
import { useId } from 'react';
import type { XKey } from './chart-data';
import { setXAxisChoice, useXAxisChoice } from './x-axis-choice';

const X_CHOICES: ReadonlyArray<{ key: XKey; label: string }> = [
  { key: 'step', label: 'Step' },
  { key: 'epoch', label: 'Epoch' },
];

export function XAxisSwitch() {
  const x = useXAxisChoice((state) => state.x);
  const name = useId();
  return (
    <div className="chart-segments" role="radiogroup" aria-label="X axis">
      {X_CHOICES.map(({ key, label }) => (
        <label key={key}>
          <input type="radio" name={name} value={key} checked={x === key} onChange={() => setXAxisChoice(key)} />
          {label}
        </label>
      ))}
    </div>
  );
}
