// Training health: findings in plain words, each layer's small multiples over steps, the learning rate applied, the step's time.
import { useDeferredValue, useMemo } from 'react';
import { healthFindings } from '../../engine/health/findings';
import { useAppStore } from '../../store/app-store';
import { setHealthStatistics, useHealthStatistics } from '../../store/health-statistics';
import { layerSeries, learningRateSeries } from './health-series';
import { LayerHealthCard } from './LayerHealthCard';
import { Sparkline } from './Sparkline';
import { StepTimeBars } from './StepTimeBars';
import './health.css';

export function HealthPanel() {
  const windows = useDeferredValue(useAppStore((state) => state.health));
  const recording = useHealthStatistics();
  const findings = useMemo(() => healthFindings(windows), [windows]);
  const layers = useMemo(() => layerSeries(windows), [windows]);
  const schedule = useMemo(() => learningRateSeries(windows), [windows]);
  return (
    <section className="panel health-panel" aria-labelledby="health-heading">
      <div className="health-head">
        <h2 id="health-heading">Training health</h2>
        <label className="health-toggle">
          <input type="checkbox" checked={recording} onChange={(event) => setHealthStatistics(event.target.checked)} />
          Record per-layer statistics
        </label>
      </div>
      <p className="muted panel-note">
        Per layer and logged window, computed on the GPU inside the training step: gradient norm, update size relative to the weights (healthy near 0.1% per step,
        shaded band 0.01–1%), activation mean and spread, and the share of ReLU units (of a conv layer: filters) that never fired.
      </p>
      {windows.length === 0 ? (
        <p className="muted" data-testid="health-empty">
          {recording ? 'No statistics yet — press Train to see each layer’s health.' : 'Statistics are off: tick “Record per-layer statistics” to see each layer’s health.'}
        </p>
      ) : (
        <>
          {findings.length > 0 ? (
            <ul className="health-findings" aria-label="Findings" data-testid="health-findings">
              {findings.map((finding) => (
                <li key={`${finding.kind} ${finding.layer}`}>{finding.message}</li>
              ))}
            </ul>
          ) : (
            <p className="health-quiet muted" data-testid="health-quiet">
              Nothing unusual: no dead layers, update sizes in range, gradients neither vanishing nor exploding.
            </p>
          )}
          <div className="health-layers">
            {layers.map((series) => (
              <LayerHealthCard key={series.layer} series={series} />
            ))}
          </div>
          <div className="health-schedule">
            <Sparkline title="Learning rate (schedule)" points={schedule} log />
          </div>
        </>
      )}
      <StepTimeBars />
    </section>
  );
}
