// Entry point of the page: mounts the React app and starts the training worker.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startEngine } from '../store/engine-client';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startEngine();
