// Turns kernel-benchmark results into the printed table, the warm-up summary, the list of problems and the saved records.
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
