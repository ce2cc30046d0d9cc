// Runs before each gpu-tier test file: exposes Dawn's WebGPU globals in Node, then opens the device.
// Without an adapter the file fails here, before any test, with a message saying what to install.
import { globals } from 'webgpu';
import { testGpu } from './context';

Object.assign(globalThis, globals);
await testGpu();
