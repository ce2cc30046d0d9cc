// Finds a Vulkan driver for Dawn in Node: the user's, a real GPU's, else Chromium's SwiftShader.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where Debian's `chromium` package puts its SwiftShader Vulkan ICD. */
export const CHROMIUM_SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const PROBE = `
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const adapter = await create([]).requestAdapter();
console.log(JSON.stringify(adapter ? { vendor: adapter.info.vendor, description: adapter.info.description } : null));
process.exit(0);
`;

/** Asks Dawn, in a child process with the current environment, which adapter it would get. */
function probeSystemAdapter(): string | null {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lastLine = result.stdout?.trim().split('\n').pop() ?? '';
  try {
    const adapter = JSON.parse(lastLine) as { vendor: string; description: string } | null;
    // Mesa's lavapipe (llvmpipe) is too old for Dawn on Debian 12; prefer SwiftShader over it.
    if (!adapter || /llvmpipe|lavapipe/i.test(adapter.description)) return null;
    return `${adapter.vendor} ${adapter.description}`.trim();
  } catch {
    return null;
  }
}

/**
 * Sets VK_ICD_FILENAMES / LD_LIBRARY_PATH in process.env (inherited by test workers)
 * and returns a one-line description of the driver chosen.
 */
export function configureVulkanDriver(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) {
    return `from the environment (${env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES})`;
  }
  const system = probeSystemAdapter();
  if (system) return `system driver (${system})`;
  if (existsSync(CHROMIUM_SWIFTSHADER_ICD)) {
    env.VK_ICD_FILENAMES = CHROMIUM_SWIFTSHADER_ICD;
    const libDir = dirname(CHROMIUM_SWIFTSHADER_ICD);
    env.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${libDir}:${env.LD_LIBRARY_PATH}` : libDir;
    return `Chromium's SwiftShader (${CHROMIUM_SWIFTSHADER_ICD})`;
  }
  return 'none found';
}
