// The WGSL files, imported as strings and named for error messages.
import type { ShaderSource } from './pipelines';
import gatherCode from '../../../shaders/gather.wgsl?raw';

export const GATHER_SHADER: ShaderSource = { file: 'shaders/gather.wgsl', code: gatherCode };
