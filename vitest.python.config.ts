// Python tier: the exported PyTorch script trained with Python on the CPU, against the engine on Dawn (as the gpu tier finds it).
import { defineConfig } from 'vitest/config';
import { configureVulkanDriver } from './tests/gpu/vulkan-driver.ts';

// Test files run in forked processes, which inherit this environment, so Dawn finds a driver.
console.log(`python tier: Vulkan driver ${configureVulkanDriver()}`);

export default defineConfig({
  test: {
    include: ['tests/python/**/*.python.test.ts'],
    setupFiles: ['tests/gpu/setup.ts', 'tests/python/setup.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
