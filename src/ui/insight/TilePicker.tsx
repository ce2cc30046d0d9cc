// A grid of tiles on one canvas that a person can point into or move through with the keyboard (one tab stop, arrows
// inside), beside what it shows of the tile picked: the one under the pointer, else the focused one.
import { useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { moveInGrid } from './grid-navigation';
import { ImageCanvas } from './ImageCanvas';
import { tileAt, tileBox, type RgbaImage, type TileGrid } from './tile-grid';

interface TilePickerProps {
  grid: TileGrid;
  image: RgbaImage;
  /** What the grid is, for screen readers ("Weights of the first layer's units"). */
  label: string;
  /** Tile `index` in words ("unit 3 of 128: 0.52"). */
  describe(index: number): string;
  /** What to show beside the grid for the tile picked (null: none is). */
  children(picked: number | null): ReactNode;
  className?: string;
}

export function TilePicker({ grid, image, label, describe, children, className = '' }: TilePickerProps) {
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);
  const current = Math.max(0, Math.min(active, grid.count - 1));
  const onKeyDown = (event: KeyboardEvent) => {
    const next = moveInGrid(current, event, grid);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setHovered(tileAt(grid, (event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height));
  };
  const marker = tileBox(grid, current);
  return (
    <div className={`tile-picker-layout ${className}`}>
      <div
        className="tile-picker"
        role="slider"
        tabIndex={0}
        aria-label={label}
        aria-valuemin={1}
        aria-valuemax={grid.count}
        aria-valuenow={current + 1}
        aria-valuetext={describe(current)}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHovered(null)}
      >
        <ImageCanvas image={image} aria-hidden="true" />
        {focused && (
          <span
            className="tile-picker-marker"
            aria-hidden="true"
            style={{ left: `${100 * marker.left}%`, top: `${100 * marker.top}%`, width: `${100 * marker.width}%`, height: `${100 * marker.height}%` }}
          />
        )}
      </div>
      {children(hovered ?? (focused ? current : null))}
    </div>
  );
}
