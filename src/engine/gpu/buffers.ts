// Creates labelled GPU buffers and tracks the live ones, so leaks show up in tests.

export interface LiveBuffers {
  count: number;
  bytes: number;
}

/** Owns buffer creation for one device; every buffer it makes must be released through it. */
export class BufferRegistry {
  private readonly live = new Set<GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  /** Creates a buffer; a label is required so validation errors name it. */
  create(descriptor: GPUBufferDescriptor & { label: string }): GPUBuffer {
    const buffer = this.device.createBuffer(descriptor);
    this.live.add(buffer);
    return buffer;
  }

  /**
   * Creates a buffer holding `data`, padded with zeros to a multiple of 4 bytes.
   * Uses queue.writeBuffer rather than mappedAtCreation: Dawn in Node aborts at exit
   * after large mapped-at-creation buffers.
   */
  createWithData(label: string, data: ArrayBufferView, usage: GPUBufferUsageFlags): GPUBuffer {
    const size = Math.max(4, Math.ceil(data.byteLength / 4) * 4);
    const buffer = this.create({ label, size, usage: usage | GPUBufferUsage.COPY_DST });
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const aligned = bytes.byteLength === size ? bytes : padded(bytes, size);
    this.device.queue.writeBuffer(buffer, 0, aligned.buffer, aligned.byteOffset, size);
    return buffer;
  }

  destroy(buffer: GPUBuffer): void {
    if (this.live.delete(buffer)) buffer.destroy();
  }

  /** How many buffers (and bytes) are alive now. */
  stats(): LiveBuffers {
    let bytes = 0;
    for (const buffer of this.live) bytes += buffer.size;
    return { count: this.live.size, bytes };
  }
}

function padded(bytes: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(size);
  copy.set(bytes);
  return copy;
}
