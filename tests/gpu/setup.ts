// Runs before each gpu-tier test file: exposes Dawn's WebGPU globals (GPUBufferUsage, …) in Node.
import { globals } from 'webgpu';

Object.assign(globalThis, globals);
