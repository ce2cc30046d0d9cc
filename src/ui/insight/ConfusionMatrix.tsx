// The 10×10 confusion matrix as a grid of buttons (one tab stop, arrow keys inside): colour by count, log scale; a cell opens its gallery.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { GalleryQuery } from '../../engine/insight/types';
import { openGallery } from '../../store/insight-store';
import { formatCount } from '../format';
import { cssColour, sequentialColour, textColourOn } from './color-scales';
import { classCount } from './confusion-stats';
import { moveInGrid } from './grid-navigation';

/** "True 4, predicted 9: 12 images". */
const describeCell = (trueClass: number, predictedClass: number, count: number): string =>
  `True ${trueClass}, predicted ${predictedClass}: ${formatCount(count)} ${count === 1 ? 'image' : 'images'}`;

/** A cell's colours: none for 0, else viridis by log(1 + count) against the largest count. */
function cellStyle(count: number, largest: number) {
  if (count === 0) return undefined;
  const background = sequentialColour(Math.log1p(count) / Math.log1p(largest));
  return { background: cssColour(background), color: textColourOn(background) };
}

const isOpen = (open: GalleryQuery | undefined, trueClass: number, predictedClass: number): boolean =>
  open?.kind === 'pair' && open.trueClass === trueClass && open.predictedClass === predictedClass;

export function ConfusionMatrix({ confusion, open }: { confusion: readonly number[]; open?: GalleryQuery }) {
  const classes = classCount(confusion);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const largest = Math.max(1, ...confusion);
  const onKeyDown = (event: KeyboardEvent) => {
    const next = moveInGrid(active, event, { columns: classes, count: classes * classes });
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };
  const digits = Array.from({ length: classes }, (_, digit) => digit);
  return (
    <div className="confusion-frame">
      <span className="confusion-axis confusion-axis-predicted" aria-hidden="true">
        Predicted →
      </span>
      <span className="confusion-axis confusion-axis-true" aria-hidden="true">
        True ↓
      </span>
      <table className="confusion-matrix" role="grid" aria-label="Confusion matrix: rows are the true digits, columns the predicted ones" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <td />
            {digits.map((digit) => (
              <th key={digit} scope="col" aria-label={`predicted ${digit}`}>
                {digit}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {digits.map((trueClass) => (
            <tr key={trueClass}>
              <th scope="row" aria-label={`true ${trueClass}`}>
                {trueClass}
              </th>
              {digits.map((predictedClass) => {
                const index = trueClass * classes + predictedClass;
                const count = confusion[index]!;
                return (
                  <td key={predictedClass} className={trueClass === predictedClass ? 'is-diagonal' : undefined}>
                    <button
                      type="button"
                      ref={(button) => {
                        buttons.current[index] = button;
                      }}
                      tabIndex={index === active ? 0 : -1}
                      aria-label={describeCell(trueClass, predictedClass, count)}
                      aria-pressed={isOpen(open, trueClass, predictedClass)}
                      style={cellStyle(count, largest)}
                      onFocus={() => setActive(index)}
                      onClick={() => openGallery({ kind: 'pair', trueClass, predictedClass })}
                    >
                      {count}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
