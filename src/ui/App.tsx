// The page layout: header, GPU status line and notices, the network, training and share panels, the charts and the data.
import { lazy, Suspense } from 'react';
import { DataPanel } from './DataPanel';
import { DrawPanel } from './draw/DrawPanel';
import { NetworkPanel } from './NetworkPanel';
import { Notices } from './Notices';
import { SharePanel } from './share/SharePanel';
import { StatusLine } from './StatusLine';
import { ThemeToggle } from './ThemeToggle';
import { TrainingPanel } from './TrainingPanel';

// recharts is most of the page's code: loading it separately lets the rest of the page appear first.
const TrainingCharts = lazy(() => import('./charts/TrainingCharts').then((module) => ({ default: module.TrainingCharts })));

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Backprop Studio</h1>
          <p className="tagline">Train a neural network on MNIST with your own GPU, right in the browser.</p>
        </div>
        <div className="header-actions">
          <ThemeToggle />
        </div>
      </header>
      <StatusLine />
      <Notices />
      <main className="panels">
        <NetworkPanel />
        <div className="panel-stack">
          <TrainingPanel />
          <SharePanel />
          <DrawPanel />
        </div>
        <section className="panel training-charts-panel" aria-labelledby="charts-heading">
          <h2 id="charts-heading">Charts</h2>
          <Suspense fallback={<p className="muted">Loading charts…</p>}>
            <TrainingCharts />
          </Suspense>
        </section>
        <DataPanel />
      </main>
    </div>
  );
}
