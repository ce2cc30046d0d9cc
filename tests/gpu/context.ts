// One WebGPU device per gpu-tier test file, from Dawn in Node; fails loudly when there is none.
import { create } from 'webgpu';
import { acquireGpu, type GpuContext } from '../../src/engine/gpu/device';
import { PipelineCache } from '../../src/engine/gpu/pipelines';

const INSTALL_HINT =
  'The gpu tier needs a WebGPU adapter in Node. On Debian/Ubuntu without a GPU run `apt-get install -y chromium` ' +
  "(its SwiftShader Vulkan driver is found automatically); with a GPU install its Vulkan driver; or point VK_ICD_FILENAMES at an ICD json.";

export interface TestGpu {
  ctx: GpuContext;
  cache: PipelineCache;
}

let shared: Promise<TestGpu> | undefined;

async function open(): Promise<TestGpu> {
  try {
    const ctx = await acquireGpu(create([]), {
      minStorageBindingBytes: 64 * 1024 * 1024,
      onUncapturedError: (message) => {
        throw new Error(`uncaptured WebGPU error: ${message}`);
      },
    });
    const { vendor, architecture, description } = ctx.adapter;
    console.log(`WebGPU adapter: ${vendor} / ${architecture} / ${description} (driver: ${process.env.VK_ICD_FILENAMES ?? 'system'})`);
    return { ctx, cache: new PipelineCache(ctx.device) };
  } catch (error) {
    throw new Error(`${INSTALL_HINT}\nCause: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The test file's device; every call returns the same one. */
export function testGpu(): Promise<TestGpu> {
  shared ??= open();
  return shared;
}
