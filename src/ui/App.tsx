// The page: a compact header, notices, then the workspace — the run and its live charts, the network, the settings —
// and below it what the network learned, its training health, the runs kept, drawing and the data.
import { lazy, Suspense } from 'react';
import { AppHeader } from './AppHeader';
import { DataPanel } from './DataPanel';
import { DrawPanel } from './draw/DrawPanel';
import { HealthPanel } from './health/HealthPanel';
import { HelpSheet } from './help/HelpSheet';
import { InsightSection } from './insight/InsightSection';
import { NetworkPanel } from './NetworkPanel';
import { Notices } from './Notices';
import { RunPanel } from './RunPanel';
import { RunsPanel } from './runs/RunsPanel';
import { SettingsPanel } from './SettingsPanel';
import { SharePanel } from './share/SharePanel';

// recharts is most of the page's code: loading it separately lets the rest of the page appear first.
const TrainingCharts = lazy(() => import('./charts/TrainingCharts').then((module) => ({ default: module.TrainingCharts })));

export function App() {
  return (
    <div className="app">
      <a className="skip-link" href="#run-heading">
        Skip to the training controls
      </a>
      <AppHeader />
      <Notices />
      {/* DOM order is the phone's order (run, charts, network, settings); wide screens place them in columns. */}
      <main className="workspace">
        <div className="workspace-run">
          <RunPanel />
          <section className="panel training-charts-panel" aria-labelledby="charts-heading">
            <h2 id="charts-heading" className="visually-hidden">
              Charts
            </h2>
            <Suspense fallback={<p className="muted">Loading charts…</p>}>
              <TrainingCharts />
            </Suspense>
          </section>
        </div>
        <div className="workspace-network">
          <NetworkPanel />
        </div>
        <div className="workspace-side">
          <SettingsPanel />
          <SharePanel />
        </div>
      </main>
      <div className="below-workspace">
        <InsightSection />
        <HealthPanel />
        <RunsPanel />
        <DrawPanel />
        <DataPanel />
      </div>
      <HelpSheet />
    </div>
  );
}
