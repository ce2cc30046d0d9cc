// The ticked runs on a live chart: a thin line per run in its colour (drawn before the live lines, so under them), its legend entry and tooltip line.
import { Line } from 'recharts';
import type { LegendEntry } from './ChartFrame';
import { definedLines, type TooltipLine } from './ChartTooltip';
import type { Overlay, OverlayFields } from './overlays';

const series = (overlay: Overlay): LegendEntry['series'] => `run-${overlay.colour}`;

export const overlayLegend = (overlays: readonly Overlay[]): LegendEntry[] => overlays.map((overlay) => ({ label: overlay.name, series: series(overlay) }));

export const overlayTooltipLines = (row: OverlayFields, overlays: readonly Overlay[], format: (value: number) => string): TooltipLine[] =>
  definedLines(overlays.map((overlay) => [overlay.name, series(overlay), row[overlay.key], format]));

export const overlayLines = (overlays: readonly Overlay[]) =>
  overlays.map((overlay) => (
    <Line key={overlay.id} className={`run-line series-${series(overlay)}`} dataKey={overlay.key} name={overlay.name} stroke={`var(--run-colour-${overlay.colour})`} strokeWidth={1.5} connectNulls dot={false} activeDot={false} isAnimationActive={false} />
  ));
