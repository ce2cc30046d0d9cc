// Unit tests of the overlaid runs: colours stable per run and distinct, curves merged into the live rows by step and by epoch, axes and summaries that count them.
import { describe, expect, it } from 'vitest';
import type { TrainMetricsPoint } from '../../store/app-store';
import { sampleRecord } from '../../store/runs/test-fixtures';
import { accuracyPlot, lossPlot, MAX_POINTS, type LossRow } from './chart-data';
import { overlaysOf, RUN_COLOURS, runColours, withOverlays } from './overlays';

const window = (step: number, loss: number, epoch = step / 10): TrainMetricsPoint => ({ step, epoch, steps: 1, loss, accuracy: 0.5, samplesPerSecond: 1 });
const run = (id: string, trainMetrics: TrainMetricsPoint[]) => sampleRecord({ id, name: `Run ${id}`, trainMetrics });
const loss = (point: TrainMetricsPoint) => point.loss;
const options = (x: 'step' | 'epoch') => ({ smoothing: 0, x, maxPoints: MAX_POINTS, recent: 100 });

describe('runColours', () => {
  it('gives each run a colour from its id, whatever the order the runs were ticked in', () => {
    const ids = ['b7', 'a1', 'c3'];
    expect(runColours(ids)).toEqual(runColours([...ids].reverse()));
  });
  it('tells apart as many ticked runs as there are colours, then reuses them', () => {
    const ids = Array.from({ length: RUN_COLOURS }, (_, index) => `run-${index}`);
    expect(new Set(runColours(ids).values()).size).toBe(RUN_COLOURS);
    const more = runColours([...ids, 'one-more']);
    expect([...more.values()].every((colour) => colour >= 0 && colour < RUN_COLOURS)).toBe(true);
  });
  it('names the overlays in order with a row field each', () => {
    expect(overlaysOf([run('a', []), run('b', [])]).map(({ key, id, name }) => [key, id, name])).toEqual([
      ['run0', 'a', 'Run a'],
      ['run1', 'b', 'Run b'],
    ]);
  });
});

describe('withOverlays', () => {
  const live = [
    { step: 2, epoch: 1, raw: 5 },
    { step: 4, epoch: 2, raw: 4 },
  ];
  it('by step joins a run’s points to the live rows at the same step and adds rows for the others, finite only', () => {
    const rows = withOverlays(live, [run('a', [window(2, 9), window(3, Number.NaN), window(6, 8)])], loss, options('step'));
    expect(rows).toEqual([
      { step: 2, epoch: 1, raw: 5, run0: 9 },
      { step: 4, epoch: 2, raw: 4 },
      { step: 6, epoch: 0.6, run0: 8 },
    ]);
  });
  it('by epoch places each run at its own epochs (another batch size), keeping the live row’s step where they meet', () => {
    const rows = withOverlays(live, [run('a', [window(10, 9, 1), window(30, 8, 3)]), run('b', [window(1, 7, 0.5)])], loss, options('epoch'));
    expect(rows).toEqual([
      { step: 1, epoch: 0.5, run1: 7 },
      { step: 2, epoch: 1, raw: 5, run0: 9 },
      { step: 4, epoch: 2, raw: 4 },
      { step: 30, epoch: 3, run0: 8 },
    ]);
  });
  it('smooths and thins each run as the live curve', () => {
    const long = run('a', Array.from({ length: 2000 }, (_, index) => window(index + 1, index % 2)));
    const rows = withOverlays<LossRow>([], [long], loss, { ...options('step'), smoothing: 0.9 });
    expect(rows.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(rows.at(-1)!.step).toBe(2000);
    expect(rows.at(-1)!.run0).toBeCloseTo(0.5, 1);
  });
});

describe('plots with overlaid runs', () => {
  const runs = [run('a', [window(10, 3), window(40, 0.5)])];
  it('draw the runs with no live data yet: axes reach them and the summary names them', () => {
    const plot = lossPlot([], [], { smoothing: 0, x: 'step' }, 'linear', runs);
    expect(plot.overlays).toHaveLength(1);
    expect(plot.x.domain).toEqual([0, 40]);
    expect(plot.y.domain[1]).toBeGreaterThanOrEqual(3);
    expect(plot.summary).toBe('Compared runs: Run a 0.5 at step 40.');
  });
  it('follow the log scale, leaving out values that are not positive', () => {
    const plot = lossPlot([window(10, 1)], [], { smoothing: 0, x: 'step' }, 'log', [run('a', [window(10, 0), window(20, 0.01)])]);
    expect(plot.rows.map((row) => row.run0)).toEqual([undefined, 0.01]);
    expect(plot.y.domain[0]).toBeLessThanOrEqual(0.01);
  });
  it('put accuracy in percent on the epoch axis and widen the percent axis to the runs', () => {
    const plot = accuracyPlot([], [], { smoothing: 0, x: 'epoch' }, runs);
    expect(plot.rows).toEqual([
      { step: 10, epoch: 1, run0: 50 },
      { step: 40, epoch: 4, run0: 50 },
    ]);
    expect(plot.y.domain[0]).toBeLessThanOrEqual(50);
    expect(plot.summary).toBe('Compared runs: Run a 50.00% at epoch 4.');
  });
});
