// gpu tier: the pipeline cache reuses pipelines and reports WGSL errors with file, line and column.
import { describe, expect, it } from 'vitest';
import { testGpu } from '../../../tests/gpu/context';
import { ShaderCompileError, type ShaderSource } from './pipelines';

const helper: ShaderSource = { file: 'shaders/helper.wgsl', code: 'fn twice(x: f32) -> f32 {\n  return 2.0 * x;\n}' };
const good: ShaderSource = {
  file: 'shaders/good.wgsl',
  includes: [helper],
  code: '@group(0) @binding(0) var<storage, read_write> out: array<f32>;\noverride SCALE: f32 = 1.0;\n@compute @workgroup_size(1)\nfn main() { out[0] = twice(SCALE); }',
};
const broken: ShaderSource = {
  file: 'shaders/broken.wgsl',
  includes: [helper],
  code: '@compute @workgroup_size(1)\nfn main() {\n  let x: f32 = undefined_thing;\n}',
};

describe('PipelineCache', () => {
  it('returns the same pipeline for the same file, entry point and constants, a new one for new constants', async () => {
    const { cache } = await testGpu();
    const first = await cache.pipeline({ shader: good, entryPoint: 'main', constants: { SCALE: 3 } });
    const again = await cache.pipeline({ shader: good, entryPoint: 'main', constants: { SCALE: 3 } });
    const other = await cache.pipeline({ shader: good, entryPoint: 'main', constants: { SCALE: 4 } });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(first.label).toBe('shaders/good.wgsl#main(SCALE=3)');
  });

  it('reports a compile error at its line in the original file, not in the assembled module', async () => {
    const { cache } = await testGpu();
    const attempt = cache.pipeline({ shader: broken, entryPoint: 'main' });
    await expect(attempt).rejects.toBeInstanceOf(ShaderCompileError);
    await expect(attempt).rejects.toThrow(/^shaders\/broken\.wgsl:3:\d+: .*undefined_thing/);
  });
});
