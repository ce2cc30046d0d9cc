// bench:cnn: trains a conv preset (ConvNet by default) in Node on Dawn for N epochs of all 60,000 images, tests all 10,000
// after each, prints accuracy per epoch and the wall time (scripts/bench-cnn-settings.ts states the settings).
// Usage: npm run bench:cnn [-- --epochs 3 --expect 0.99 --preset convnet|lenet5 --lr 0.002 --batch 128 --schedule cosine|constant --images 6000]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { configureVulkanDriver } from '../tests/gpu/vulkan-driver';

// Dawn loads the Vulkan loader through LD_LIBRARY_PATH, which a process reads once when it starts: the training runs in a
// child started with the chosen driver's environment, as the gpu test tier's workers are.
console.log(`Vulkan driver: ${configureVulkanDriver()}`);
const child = spawnSync(
  process.execPath,
  [...process.execArgv, '--import', join(import.meta.dirname, 'node-engine.mjs'), join(import.meta.dirname, 'bench-cnn-train.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env },
);
process.exitCode = child.status ?? 1;
