// Entry point of the page: mounts the React app and starts the training worker.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startEngine } from '../store/engine-client';
import { startModelSync } from '../store/model-sync';
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
startModelSync();
