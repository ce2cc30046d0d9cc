// Typed reasons why the app cannot get a usable WebGPU device, each with what the user can do.

export type GpuUnavailableReason = 'no-webgpu' | 'no-adapter' | 'adapter-too-small' | 'device-request-failed';

const ADVICE: Record<GpuUnavailableReason, string> = {
  'no-webgpu':
    'This browser has no WebGPU. Open the page in a current Chrome or Edge (version 113 or later) on desktop or Android.',
  'no-adapter':
    'WebGPU is present but found no usable GPU. Update the graphics driver, check that hardware acceleration is on in the browser settings, or try another machine.',
  'adapter-too-small':
    'The GPU found is too small for the MNIST dataset. Try a machine with a more capable GPU.',
  'device-request-failed':
    'The GPU refused to create a device. Close other GPU-heavy tabs and reload the page.',
};

/** Thrown by acquireGpu; `reason` says which step failed, `advice` what to do about it. */
export class GpuUnavailableError extends Error {
  readonly advice: string;

  constructor(
    readonly reason: GpuUnavailableReason,
    detail?: string,
  ) {
    super(detail ? `${ADVICE[reason]} (${detail})` : ADVICE[reason]);
    this.name = 'GpuUnavailableError';
    this.advice = ADVICE[reason];
  }
}
