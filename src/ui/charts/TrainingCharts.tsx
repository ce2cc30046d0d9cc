// The live training charts: loss, accuracy and throughput, fed by the store at a throttled rate, with the ticked runs drawn over them, smoothing and x-axis controls.
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clearSelected, useRunsStore, type RunsState } from '../../store/runs/runs-store';
import { AccuracyChart } from './AccuracyChart';
import { accuracyPlot, lossPlot, throughputPlot, type LossScaleChoice } from './chart-data';
import { ChartToolbar } from './ChartToolbar';
import { LossChart } from './LossChart';
import { ThroughputChart } from './ThroughputChart';
import { useChartData } from './useChartData';
import { useXAxisChoice } from './x-axis-choice';
import './charts.css';

export const DEFAULT_SMOOTHING = 0.8;

/** The ticked runs in the order ticked, but not the live run: the live lines already draw it. */
const overlaidRuns = ({ runs, selected, liveId }: RunsState) => selected.filter((id) => id !== liveId).flatMap((id) => runs.filter((run) => run.id === id));

function ClearComparison() {
  return (
    <button type="button" className="chart-clear" onClick={clearSelected}>
      Clear comparison
    </button>
  );
}

export const TrainingCharts = memo(function TrainingCharts() {
  const { trainMetrics, evaluations } = useChartData();
  // A shallow compare: the recorder saving the live run does not redraw overlays that did not change.
  const runs = useRunsStore(useShallow(overlaidRuns));
  const [smoothing, setSmoothing] = useState(DEFAULT_SMOOTHING);
  const x = useXAxisChoice((state) => state.x);
  const [lossScale, setLossScale] = useState<LossScaleChoice>('auto');
  // Dragging the slider stays responsive: the charts follow when React has time.
  const options = useDeferredValue(useMemo(() => ({ smoothing, x }), [smoothing, x]));

  const loss = useMemo(() => lossPlot(trainMetrics, evaluations, options, lossScale, runs), [trainMetrics, evaluations, options, lossScale, runs]);
  const accuracy = useMemo(() => accuracyPlot(trainMetrics, evaluations, options, runs), [trainMetrics, evaluations, options, runs]);
  const throughput = useMemo(() => throughputPlot(trainMetrics, options.x), [trainMetrics, options.x]);

  return (
    <section className="training-charts" aria-label="Training charts">
      <ChartToolbar smoothing={smoothing} onSmoothingChange={setSmoothing}>
        {runs.length > 0 && <ClearComparison />}
      </ChartToolbar>
      <div className="chart-grid">
        <LossChart plot={loss} x={options.x} scale={lossScale} onScaleChange={setLossScale} />
        <AccuracyChart plot={accuracy} x={options.x} />
        <ThroughputChart plot={throughput} x={options.x} />
      </div>
    </section>
  );
});
