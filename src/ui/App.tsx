// The page layout: header, GPU status line, and the panels.
import { DataPanel } from './DataPanel';
import { StatusLine } from './StatusLine';
import { TrainingPanel } from './TrainingPanel';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Backprop Studio</h1>
        <p className="tagline">Train a neural network on MNIST with your own GPU, right in the browser.</p>
      </header>
      <StatusLine />
      <main className="panels">
        <TrainingPanel />
        <DataPanel />
      </main>
    </div>
  );
}
