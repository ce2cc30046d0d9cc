// The live training charts: loss, accuracy and throughput, fed by the store at a throttled rate, with a smoothing slider.
import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import { AccuracyChart } from './AccuracyChart';
import { accuracyPlot, lossPlot, throughputPlot } from './chart-data';
import { LossChart } from './LossChart';
import { ThroughputChart } from './ThroughputChart';
import { useChartData } from './useChartData';
import './charts.css';

export const DEFAULT_SMOOTHING = 0.8;

export const TrainingCharts = memo(function TrainingCharts() {
  const { trainMetrics, evaluations, stepsPerEpoch } = useChartData();
  const [smoothing, setSmoothing] = useState(DEFAULT_SMOOTHING);
  const [logScale, setLogScale] = useState(false);
  // Dragging the slider stays responsive: the charts follow when React has time.
  const shownSmoothing = useDeferredValue(smoothing);
  const sliderId = useId();

  const loss = useMemo(
    () => lossPlot(trainMetrics, evaluations, shownSmoothing, stepsPerEpoch, logScale),
    [trainMetrics, evaluations, shownSmoothing, stepsPerEpoch, logScale],
  );
  const accuracy = useMemo(() => accuracyPlot(trainMetrics, evaluations, shownSmoothing, stepsPerEpoch), [trainMetrics, evaluations, shownSmoothing, stepsPerEpoch]);
  const throughput = useMemo(() => throughputPlot(trainMetrics, stepsPerEpoch), [trainMetrics, stepsPerEpoch]);

  return (
    <section className="training-charts" aria-label="Training charts">
      <div className="chart-toolbar">
        <label htmlFor={sliderId}>Smoothing</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          onChange={(event) => setSmoothing(Number(event.target.value))}
        />
        <output htmlFor={sliderId}>{smoothing.toFixed(2)}</output>
      </div>
      <div className="chart-grid">
        <LossChart plot={loss} logScale={logScale} onLogScaleChange={setLogScale} />
        <AccuracyChart plot={accuracy} />
        <ThroughputChart plot={throughput} />
      </div>
    </section>
  );
});
