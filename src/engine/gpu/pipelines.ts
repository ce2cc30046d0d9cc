// Compiles WGSL once per file and compute pipelines once per (file, entry point, override constants).

/**
 * A WGSL file as imported with `?raw`, named so compile errors can point into it.
 * `includes` (e.g. shared activation functions) are prepended, whole files only.
 */
export interface ShaderSource {
  file: string;
  code: string;
  includes?: readonly ShaderSource[];
}

/** One module's code: included files first, then the file itself, with each file's first line. */
function assemble(shader: ShaderSource): { code: string; starts: { file: string; firstLine: number }[] } {
  const parts = [...(shader.includes ?? []), shader];
  const starts: { file: string; firstLine: number }[] = [];
  let line = 1;
  for (const part of parts) {
    starts.push({ file: part.file, firstLine: line });
    line += part.code.split('\n').length;
  }
  return { code: parts.map((part) => part.code).join('\n'), starts };
}

/** Maps a line of the assembled module back to its file and line. */
function locate(starts: { file: string; firstLine: number }[], lineNum: number): string {
  const start = starts.findLast((s) => s.firstLine <= lineNum) ?? starts[0]!;
  return `${start.file}:${lineNum - start.firstLine + 1}`;
}

export interface PipelineKey {
  shader: ShaderSource;
  entryPoint: string;
  constants?: Record<string, number>;
}

/** A WGSL compile or pipeline error, with file:line:column for each message. */
export class ShaderCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShaderCompileError';
  }
}

function formatMessages(starts: { file: string; firstLine: number }[], messages: readonly GPUCompilationMessage[]): string {
  return messages
    .filter((m) => m.type === 'error')
    .map((m) => `${locate(starts, m.lineNum)}:${m.linePos}: ${m.message}`)
    .join('\n');
}

function keyOf({ shader, entryPoint, constants = {} }: PipelineKey): string {
  const sorted = Object.keys(constants)
    .sort()
    .map((name) => `${name}=${constants[name]}`);
  return `${shader.file}#${entryPoint}(${sorted.join(',')})`;
}

/** Per-device cache; pipelines use layout 'auto', so bind groups come from getBindGroupLayout. */
export class PipelineCache {
  private readonly modules = new Map<string, Promise<GPUShaderModule>>();
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();

  constructor(private readonly device: GPUDevice) {}

  /** The compiled pipeline for `key`, compiling on first use. */
  pipeline(key: PipelineKey): Promise<GPUComputePipeline> {
    const id = keyOf(key);
    let pipeline = this.pipelines.get(id);
    if (!pipeline) {
      pipeline = this.createPipeline(key, id);
      this.pipelines.set(id, pipeline);
      pipeline.catch(() => this.pipelines.delete(id));
    }
    return pipeline;
  }

  private module(shader: ShaderSource): Promise<GPUShaderModule> {
    let module = this.modules.get(shader.file);
    if (!module) {
      module = this.compile(shader);
      this.modules.set(shader.file, module);
      module.catch(() => this.modules.delete(shader.file));
    }
    return module;
  }

  private async compile(shader: ShaderSource): Promise<GPUShaderModule> {
    const { code, starts } = assemble(shader);
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ label: shader.file, code });
    const info = await module.getCompilationInfo();
    const validation = await this.device.popErrorScope();
    const errors = formatMessages(starts, info.messages);
    if (errors) throw new ShaderCompileError(errors);
    if (validation) throw new ShaderCompileError(`${shader.file}: ${validation.message}`);
    return module;
  }

  private async createPipeline(key: PipelineKey, id: string): Promise<GPUComputePipeline> {
    const module = await this.module(key.shader);
    try {
      return await this.device.createComputePipelineAsync({
        label: id,
        layout: 'auto',
        compute: { module, entryPoint: key.entryPoint, constants: key.constants ?? {} },
      });
    } catch (error) {
      throw new ShaderCompileError(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
