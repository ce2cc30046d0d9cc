// Column sums on the GPU: db[col] = Σ_row dY[row, col], the bias gradient of a Dense layer, with its health statistics when asked.
import type { GpuContext } from '../device';
import { awaitAll, createKernelOp, type ComputeOp, type HealthRecording, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { FOLDED_INDEX_SHADER } from './folded-index';
import type { UnitStatsTarget } from './health';
import columnSumCode from '../../../../shaders/column_sum.wgsl?raw';

const COLUMN_SUM_SHADER: ShaderSource = { file: 'shaders/column_sum.wgsl', code: columnSumCode, includes: [FOLDED_INDEX_SHADER] };
const WORKGROUP_SIZE = 64;

export interface ColumnSumOptions {
  rows: number;
  cols: number;
  dY: GPUBuffer | GPUBufferBinding; // dY: f32 [rows, cols]
  db: GPUBuffer | GPUBufferBinding; // db: f32 [cols]
  label?: string;
  /** The layer whose dZ is dY: its Y ([rows, cols]), and where `encodeWithHealth` adds its column statistics. */
  unitStats?: { y: KernelResource; target: UnitStatsTarget };
}

/** A column sum bound to its buffers; `encode` records one dispatch into a pass, `encodeWithHealth` (with `unitStats`) one that also adds the statistics. */
export type ColumnSumOp = ComputeOp & Partial<HealthRecording>;

export async function createColumnSum(ctx: GpuContext, cache: PipelineCache, options: ColumnSumOptions): Promise<ColumnSumOp> {
  const { rows, cols, dY, db } = options;
  for (const [name, value] of Object.entries({ rows, cols })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`column sum ${name} must be a whole number ≥ 1, got ${value}`);
  }
  // Four columns per invocation when rows of dY start on 16-byte boundaries.
  const columnsPerInvocation = cols % 4 === 0 ? 4 : 1;
  const kernel = (variant: string, storage: readonly KernelResource[]) =>
    createKernelOp(ctx, cache, {
      pipeline: { shader: COLUMN_SUM_SHADER, entryPoint: `${columnsPerInvocation === 4 ? 'column_sum_vec4' : 'column_sum'}${variant}`, constants: { WORKGROUP_SIZE } },
      label: options.label ?? `column sum ${rows}×${cols}`,
      params: new Uint32Array([rows, cols, 0, 0]),
      dispatch: { invocations: cols / columnsPerInvocation, workgroupSize: WORKGROUP_SIZE },
      storage,
    });
  const { unitStats } = options;
  if (!unitStats) return kernel('', [dY, db]);
  const [plain, withStats] = await awaitAll([kernel('', [dY, db]), kernel('_with_unit_stats', [dY, db, unitStats.y, unitStats.target.sums, unitStats.target.alive])]);
  return {
    encode: plain!.encode,
    encodeWithHealth: withStats!.encode,
    dispose() {
      plain!.dispose();
      withStats!.dispose();
    },
  };
}
