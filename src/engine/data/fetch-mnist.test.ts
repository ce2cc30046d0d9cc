// unit: loading the served MNIST files, gzip-encoded or already inflated, and refusing bad ones.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMnistFiles } from '../../../scripts/mnist-package';
import { DatasetLoadError, fetchMnist } from './fetch-mnist';
import { MNIST_FILES, MNIST_FILE_IDS, type MnistFileId } from './mnist';
import type { MnistManifest } from './mnist-manifest';

const BASE = 'http://app.test/mnist/';
const raw = readMnistFiles();

/** A fake server for the manifest and four files; `gzip` says whether files arrive compressed. */
function fakeServer(gzip: boolean, override: Partial<Record<string, Uint8Array | number>> = {}): typeof fetch {
  const manifest: MnistManifest = { files: {} as MnistManifest['files'] };
  const bodies = new Map<string, Uint8Array | number>();
  for (const id of MNIST_FILE_IDS) {
    const path = `${MNIST_FILES[id].name}.gz`;
    manifest.files[id] = { path, bytes: raw[id].byteLength, gzipBytes: 0, sha256: '', sourceStamp: '' };
    bodies.set(BASE + path, gzip ? gzipSync(raw[id], { level: 1 }) : raw[id]);
  }
  bodies.set(`${BASE}manifest.json`, new TextEncoder().encode(JSON.stringify(manifest)));
  for (const [path, body] of Object.entries(override)) bodies.set(BASE + path, body!);
  return (async (url: string | URL | Request) => {
    const body = bodies.get(String(url)) ?? 404;
    return typeof body === 'number' ? new Response('missing', { status: body }) : new Response(body as Uint8Array<ArrayBuffer>);
  }) as typeof fetch;
}

const fileOf = (id: MnistFileId) => `${MNIST_FILES[id].name}.gz`;

describe('fetchMnist', () => {
  it.each([true, false])('loads and validates all four files (gzip-encoded body: %s)', async (gzip) => {
    const { train, test } = await fetchMnist(BASE, fakeServer(gzip));
    expect(train.count).toBe(60_000);
    expect(test.labels.length).toBe(10_000);
  });

  it('names the missing file and the HTTP status', async () => {
    const attempt = fetchMnist(BASE, fakeServer(true, { [fileOf('testLabels')]: 404 }));
    await expect(attempt).rejects.toThrow(DatasetLoadError);
    await expect(attempt).rejects.toThrow(`Fetching ${BASE}t10k-labels-idx1-ubyte.gz failed with HTTP 404.`);
  });

  it('stops inflating a file that grows past the size in the manifest', async () => {
    const bomb = gzipSync(new Uint8Array(raw.trainLabels.byteLength + 1_000_000));
    const attempt = fetchMnist(BASE, fakeServer(true, { [fileOf('trainLabels')]: bomb }));
    await expect(attempt).rejects.toThrow(/train-labels-idx1-ubyte\.gz is larger than the 60008 bytes the manifest lists/);
  });

  it('refuses a short file and a corrupt one, saying how to fix it', async () => {
    const short = fetchMnist(BASE, fakeServer(false, { [fileOf('testLabels')]: raw.testLabels.subarray(0, 100) }));
    await expect(short).rejects.toThrow(/t10k-labels-idx1-ubyte\.gz holds 100 bytes, the manifest lists 10008\. Run `npm run dev`/);
    const corrupt = raw.trainImages.slice();
    corrupt[2] = 0x0d;
    const attempt = fetchMnist(BASE, fakeServer(false, { [fileOf('trainImages')]: corrupt }));
    await expect(attempt).rejects.toThrow(/corrupt: train-images-idx3-ubyte: not an unsigned-byte IDX file/);
  });

  it('refuses a manifest that is not JSON', async () => {
    const attempt = fetchMnist(BASE, fakeServer(false, { 'manifest.json': new TextEncoder().encode('<html>') }));
    await expect(attempt).rejects.toThrow(`${BASE}manifest.json is not a valid dataset manifest.`);
  });
});
