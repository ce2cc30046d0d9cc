// Finds the Chromium that e2e tests and benchmarks drive, and the flags that give it WebGPU without a GPU.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Full Chromium (new headless mode) with WebGPU on, falling back to SwiftShader where there is no GPU. */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** CHROMIUM_PATH, else Playwright's own Chromium if installed, else Debian's; throws naming what to install. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  const playwrights = chromium.executablePath();
  if (playwrights && existsSync(playwrights)) return playwrights;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  throw new Error(
    'No Chromium found for e2e tests and benchmarks. Install one: `apt-get install -y chromium` (Debian/Ubuntu), ' +
      'or `npx playwright install chromium` where downloads are allowed, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}
