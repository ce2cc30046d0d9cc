// The WGSL of a folded dispatch's flat invocation index, included by the kernels that fold theirs (see dispatch.ts).
import type { ShaderSource } from '../pipelines';
import foldedIndexCode from '../../../../shaders/folded_index.wgsl?raw';

export const FOLDED_INDEX_SHADER: ShaderSource = { file: 'shaders/folded_index.wgsl', code: foldedIndexCode };
