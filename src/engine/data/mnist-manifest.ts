// The manifest written beside the served MNIST copies: which file holds what, and its exact size.
import type { MnistFileId } from './mnist';

export const MNIST_MANIFEST_NAME = 'manifest.json';

export interface MnistManifestEntry {
  /** File name under the mnist/ folder (gzip-compressed IDX). */
  path: string;
  /** Size of the IDX file after decompression. */
  bytes: number;
  gzipBytes: number;
  sha256: string;
  sourceStamp: string;
}

export interface MnistManifest {
  files: Record<MnistFileId, MnistManifestEntry>;
}
