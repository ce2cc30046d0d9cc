// Requests a WebGPU adapter and device with the limits the app needs, and watches for errors and loss.
import { BufferRegistry } from './buffers';
import { GpuUnavailableError } from './errors';

/** What the page shows about the adapter. */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface GpuContext {
  /** Held for the device's lifetime: Dawn for Node frees its instance when the GPU object is collected. */
  gpu: GPU;
  device: GPUDevice;
  adapter: AdapterSummary;
  buffers: BufferRegistry;
  /** Resolves when the device is lost (destroyed on purpose or by the driver). */
  lost: Promise<GPUDeviceLostInfo>;
}

export interface AcquireOptions {
  /** Smallest storage binding the caller needs, in bytes (e.g. the packed training images). */
  minStorageBindingBytes: number;
  onUncapturedError?: (message: string) => void;
  onLost?: (info: GPUDeviceLostInfo) => void;
}

/** Limits raised to the adapter's maximum: bigger models and datasets fit than with defaults. */
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Minimums below which the kernels cannot run at all. */
const MIN_STORAGE_BUFFERS_PER_STAGE = 8;

export function summarizeAdapter(info: GPUAdapterInfo): AdapterSummary {
  return {
    vendor: info.vendor || 'unknown vendor',
    architecture: info.architecture || 'unknown architecture',
    device: info.device || '',
    description: info.description || '',
  };
}

function checkAdapterLimits(adapter: GPUAdapter, options: AcquireOptions): void {
  const { limits } = adapter;
  const needBytes = options.minStorageBindingBytes;
  if (limits.maxStorageBufferBindingSize < needBytes || limits.maxBufferSize < needBytes) {
    throw new GpuUnavailableError(
      'adapter-too-small',
      `needs storage buffers of ${needBytes} bytes, the adapter allows ${Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize)}`,
    );
  }
  if (limits.maxStorageBuffersPerShaderStage < MIN_STORAGE_BUFFERS_PER_STAGE) {
    throw new GpuUnavailableError(
      'adapter-too-small',
      `needs ${MIN_STORAGE_BUFFERS_PER_STAGE} storage buffers per shader stage, the adapter allows ${limits.maxStorageBuffersPerShaderStage}`,
    );
  }
}

/**
 * Gets a device from `gpu` (the browser's navigator.gpu or Dawn's in Node).
 * Throws GpuUnavailableError naming the step that failed.
 */
export async function acquireGpu(gpu: GPU | undefined, options: AcquireOptions): Promise<GpuContext> {
  if (!gpu) throw new GpuUnavailableError('no-webgpu');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    throw new GpuUnavailableError('no-adapter', String(error));
  }
  if (!adapter) throw new GpuUnavailableError('no-adapter');
  checkAdapterLimits(adapter, options);

  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  // Timestamp queries time kernels for the health panel where the adapter offers them; nothing else needs them.
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ label: 'backprop-studio', requiredLimits, requiredFeatures });
  } catch (error) {
    throw new GpuUnavailableError('device-request-failed', error instanceof Error ? error.message : String(error));
  }

  device.addEventListener('uncapturederror', (event) => {
    const message = (event as GPUUncapturedErrorEvent).error.message;
    if (options.onUncapturedError) options.onUncapturedError(message);
    else console.error(`WebGPU error: ${message}`);
  });
  const lost = device.lost.then((info) => {
    options.onLost?.(info);
    return info;
  });
  return { gpu, device, adapter: summarizeAdapter(adapter.info), buffers: new BufferRegistry(device), lost };
}
