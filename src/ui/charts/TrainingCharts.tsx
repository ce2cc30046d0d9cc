// The live training charts: loss, accuracy and throughput, fed by the store at a throttled rate, with smoothing and x-axis controls.
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { AccuracyChart } from './AccuracyChart';
import { accuracyPlot, lossPlot, throughputPlot, type LossScaleChoice } from './chart-data';
import { ChartToolbar } from './ChartToolbar';
import { LossChart } from './LossChart';
import { ThroughputChart } from './ThroughputChart';
import { useChartData } from './useChartData';
import { useXAxisChoice } from './x-axis-choice';
import './charts.css';

export const DEFAULT_SMOOTHING = 0.8;

export const TrainingCharts = memo(function TrainingCharts() {
  const { trainMetrics, evaluations } = useChartData();
  const [smoothing, setSmoothing] = useState(DEFAULT_SMOOTHING);
  const x = useXAxisChoice((state) => state.x);
  const [lossScale, setLossScale] = useState<LossScaleChoice>('auto');
  // Dragging the slider stays responsive: the charts follow when React has time.
  const options = useDeferredValue(useMemo(() => ({ smoothing, x }), [smoothing, x]));

  const loss = useMemo(() => lossPlot(trainMetrics, evaluations, options, lossScale), [trainMetrics, evaluations, options, lossScale]);
  const accuracy = useMemo(() => accuracyPlot(trainMetrics, evaluations, options), [trainMetrics, evaluations, options]);
  const throughput = useMemo(() => throughputPlot(trainMetrics, options.x), [trainMetrics, options.x]);

  return (
    <section className="training-charts" aria-label="Training charts">
      <ChartToolbar smoothing={smoothing} onSmoothingChange={setSmoothing} />
      <div className="chart-grid">
        <LossChart plot={loss} x={options.x} scale={lossScale} onScaleChange={setLossScale} />
        <AccuracyChart plot={accuracy} x={options.x} />
        <ThroughputChart plot={throughput} x={options.x} />
      </div>
    </section>
  );
});
