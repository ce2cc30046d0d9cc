// The store's metric points for the charts, re-rendered at most every few hundred ms (more rarely when drawing is slow).
import { useEffect, useRef, useState } from 'react';
import { useAppStore, type AppState, type EvaluationPoint, type TrainMetricsPoint } from '../../store/app-store';
import { browserClock, createThrottle, updateInterval } from './throttle';

export interface ChartData {
  trainMetrics: readonly TrainMetricsPoint[];
  evaluations: readonly EvaluationPoint[];
  /** When this snapshot was handed to React (performance.now()), 0 for the first one. */
  publishedAt: number;
}

function readChartData(state: AppState, publishedAt: number): ChartData {
  const { trainMetrics, evaluations } = state;
  return { trainMetrics, evaluations, publishedAt };
}

function sameSource(a: ChartData, b: ChartData): boolean {
  return a.trainMetrics === b.trainMetrics && a.evaluations === b.evaluations;
}

/** A reset (or any shrink) shows at once: charts must not linger after the data is gone. */
function isShrink(next: AppState, previous: AppState): boolean {
  return next.trainMetrics.length < previous.trainMetrics.length || next.evaluations.length < previous.evaluations.length;
}

export function useChartData(): ChartData {
  const [data, setData] = useState(() => readChartData(useAppStore.getState(), 0));
  const updateCostMs = useRef(0);

  useEffect(() => {
    const publish = (next: ChartData) => {
      const publishedAt = browserClock.now();
      setData((shown) => (sameSource(shown, next) ? shown : { ...next, publishedAt }));
    };
    const throttle = createThrottle(publish, () => updateInterval(updateCostMs.current));
    // Catch up on points that arrived between the first render and this subscription.
    throttle.push(readChartData(useAppStore.getState(), 0));
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      const next = readChartData(state, 0);
      if (!sameSource(next, readChartData(previous, 0))) throttle.push(next, isShrink(state, previous));
    });
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, []);

  // Cost of an update: from publishing to the second frame after the commit, so recharts'
  // follow-up renders and the paint are counted too.
  useEffect(() => {
    if (data.publishedAt === 0) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        updateCostMs.current = browserClock.now() - data.publishedAt;
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [data]);

  return data;
}
