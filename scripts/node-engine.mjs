// Preload for scripts that run the engine in Node (e.g. scripts/bench-cnn.ts starts one with it): Vite's `?raw` shader imports
// load, and Dawn's WebGPU globals (GPUBufferUsage…) exist before any engine module reads them.
import { register } from 'node:module';
import { globals } from 'webgpu';

register('./raw-import-hooks.mjs', import.meta.url);
Object.assign(globalThis, globals);
