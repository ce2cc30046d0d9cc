// Turns kernel-benchmark results into the printed tables, the warm-up summary, the list of problems and the saved records.
import type { ConvRow } from '../bench/conv-bench';
import { CONTENDERS, MAX_RELATIVE_ERROR, shapeLabel, type ContenderName, type ShapeResult } from '../bench/protocol';
import { formatNumber } from './bench-page';

function gflopsOf(result: ShapeResult, name: ContenderName): number | undefined {
  const measured = result.results[name];
  return 'gflops' in measured ? measured.gflops : undefined;
}

/** How many times faster ours is than a peer, where both were measured. */
function ratioVs(result: ShapeResult, peer: ContenderName): number | undefined {
  const ours = gflopsOf(result, 'ours');
  const theirs = gflopsOf(result, peer);
  return ours !== undefined && theirs !== undefined ? ours / theirs : undefined;
}

/** `128x784x128 nn  ours 3.1  tfjs 0.64  jax 2.9  ratio_vs_tfjs 4.8  ratio_vs_jax 1.07` (GFLOP/s; '-' where not measured). */
export function formatShapeLine(result: ShapeResult): string {
  const cell = (value: number | undefined) => (value === undefined ? '-' : formatNumber(value));
  const speeds = CONTENDERS.map((name) => `${name} ${cell(gflopsOf(result, name))}`);
  const ratios = [`ratio_vs_tfjs ${cell(ratioVs(result, 'tfjs'))}`, `ratio_vs_jax ${cell(ratioVs(result, 'jax'))}`];
  return [shapeLabel(result.shape), ...speeds, ...ratios].join('  ');
}

/** Setup, upload, shader compilation and first run, per shape (untimed in the table above). */
export function formatWarmups(shapes: ShapeResult[]): string {
  const lines = shapes.map((result) => {
    const cells = CONTENDERS.map((name) => {
      const measured = result.results[name];
      return `${name} ${'warmupMs' in measured ? measured.warmupMs.toFixed(0) : '-'}`;
    });
    return `  ${shapeLabel(result.shape)}  ${cells.join('  ')}`;
  });
  return ['warm-up ms (setup, upload, compile, first run):', ...lines].join('\n');
}

/** Each contender's errors (once per distinct message) and every result that failed the float64 check. */
export function problemsOf(shapes: ShapeResult[]): string[] {
  const problems = new Set<string>();
  for (const result of shapes) {
    for (const name of CONTENDERS) {
      const measured = result.results[name];
      if ('error' in measured) problems.add(`${name} failed: ${measured.error}`);
      else if (!(measured.maxRelativeError <= MAX_RELATIVE_ERROR)) {
        problems.add(`${name} is WRONG at ${shapeLabel(result.shape)}: relative error ${measured.maxRelativeError} > ${MAX_RELATIVE_ERROR}`);
      }
    }
  }
  return [...problems];
}

/** A shape's results with the ratios the table prints, for the saved JSON. */
export function withRatios(result: ShapeResult): ShapeResult & { ratioVsTfjs: number | null; ratioVsJax: number | null } {
  return { ...result, ratioVsTfjs: ratioVs(result, 'tfjs') ?? null, ratioVsJax: ratioVs(result, 'jax') ?? null };
}

/** `conv 1 forward  250×1×28×28 → 24×24×24 k5/1  conv 1.41  matmul 144000x25x24 nn (general) 0.9  conv/matmul 1.57` (GFLOP/s). */
export function formatConvLine({ name, geometry: { batch, input, output, window }, gemm, conv, matmul }: ConvRow): string {
  const speed = (result: ConvRow['conv']) => ('error' in result ? `failed: ${result.error}` : formatNumber(result.gflops));
  const sizes = `${batch}×${input.channels}×${input.height}×${input.width} → ${output.channels}×${output.height}×${output.width} k${window.size}/${window.stride}`;
  const path = 'path' in matmul ? ` (${matmul.path})` : '';
  const ratio = 'gflops' in conv && 'gflops' in matmul ? `  conv/matmul ${formatNumber(conv.gflops / matmul.gflops)}` : '';
  return `${name.padEnd(14)}  ${sizes}  conv ${speed(conv)}  matmul ${gemm.m}x${gemm.k}x${gemm.n} ${gemm.layout}${path} ${speed(matmul)}${ratio}`;
}

/** The conv rows that failed, once per message. */
export const convProblems = (rows: readonly ConvRow[]): string[] => [
  ...new Set(rows.flatMap(({ name, conv, matmul }) => [conv, matmul].flatMap((result) => ('error' in result ? [`${name} failed: ${result.error}`] : [])))),
];
