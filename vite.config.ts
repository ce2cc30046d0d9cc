// Vite build and dev-server settings for the app (a worker bundle plus the React page).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // E2E_DIST lets two checkouts build and preview side by side (with E2E_PORT).
  build: { target: 'es2022', outDir: process.env.E2E_DIST ?? 'dist' },
  preview: { port: 4173, strictPort: true },
});
