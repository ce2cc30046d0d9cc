// GPU tier: WGSL kernels on a real WebGPU device in Node through Dawn (the `webgpu` package).
import { defineConfig } from 'vitest/config';
import { configureVulkanDriver } from './tests/gpu/vulkan-driver.ts';

// Test files run in forked processes, which inherit this environment, so Dawn finds a driver.
console.log(`gpu tier: Vulkan driver ${configureVulkanDriver()}`);

export default defineConfig({
  test: {
    include: ['src/**/*.gpu.test.ts', 'tests/gpu/**/*.gpu.test.ts'],
    setupFiles: ['tests/gpu/setup.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
