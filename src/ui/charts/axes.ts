// Shared, constant recharts props (constant objects let recharts skip work between updates).
export const MARGIN = { top: 8, right: 14, bottom: 18, left: 4 };
export const TICK = { fontSize: 11 };
export const Y_AXIS_WIDTH = 52;
export const STEP_LABEL = { value: 'Step', position: 'insideBottom', offset: -12 } as const;
export const yLabel = (value: string) => ({ value, angle: -90, position: 'insideLeft', offset: 6, style: { textAnchor: 'middle' } }) as const;
export const ACTIVE_DOT = { r: 3.5, strokeWidth: 0 };
export const CURSOR = { stroke: 'var(--chart-axis)', strokeDasharray: '3 3' };
export const PLOT_STYLE = { width: '100%', height: 'var(--chart-height)' };
export const WIDE_PLOT_STYLE = { width: '100%', height: 'var(--chart-height-wide)' };
