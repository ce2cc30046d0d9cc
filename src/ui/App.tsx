// The page layout: header, GPU status line and notices, the network, training and share panels, the charts and the data.
import { TrainingCharts } from './charts/TrainingCharts';
import { DataPanel } from './DataPanel';
import { NetworkPanel } from './NetworkPanel';
import { Notices } from './Notices';
import { SharePanel } from './share/SharePanel';
import { StatusLine } from './StatusLine';
import { ThemeToggle } from './ThemeToggle';
import { TrainingPanel } from './TrainingPanel';

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
        </div>
        <section className="panel training-charts-panel" aria-labelledby="charts-heading">
          <h2 id="charts-heading">Charts</h2>
          <TrainingCharts />
        </section>
        <DataPanel />
      </main>
    </div>
  );
}
