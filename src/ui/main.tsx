// Entry point of the page: mounts the React app, starts the training worker, opens a share link in the address.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sendRememberedCollapseGuard } from '../store/collapse-guard';
import { sendRememberedHealthStatistics } from '../store/health-statistics';
import { startEngine } from '../store/engine-client';
import { startModelSync } from '../store/model-sync';
import { openShareLink } from '../store/share-actions';
import { startRunRecorder } from '../store/runs/recorder';
import { startRunsStorage } from '../store/runs/runs-store';
import { guardUnsavedTraining } from '../store/unsaved-model';
import { adoptAddressExperiment, startUrlSync } from '../store/url-sync';
import { App } from './App';
import { applyStoredTheme } from './ThemeToggle';
import './styles.css';

applyStoredTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startEngine();
sendRememberedCollapseGuard();
sendRememberedHealthStatistics();
// A share link in the address sets the experiment (and the first model's weights) before the first model is built.
const fragment = location.hash.slice(1);
void (fragment ? openShareLink(fragment, { build: false }) : Promise.resolve(undefined)).then((weights) => {
  startModelSync(weights);
  startUrlSync(); // from now on the address follows the edits
});
window.addEventListener('hashchange', () => {
  if (location.hash.length > 1) void openShareLink(location.hash.slice(1)).then(adoptAddressExperiment);
});
guardUnsavedTraining();
// Every run is kept as it trains, whether or not the runs panel is in view.
void startRunsStorage();
startRunRecorder();
