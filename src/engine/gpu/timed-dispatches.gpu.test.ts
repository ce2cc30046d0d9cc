// gpu tier: recorded dispatches replay one timed pass each, with the same results as in one pass, and a time for each.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../tests/gpu/context';
import { inputBuffer, poisonedBuffer, randomArray, readPoisoned, release } from '../../../tests/gpu/harness';
import { createRng } from '../random';
import { createActivationBackward } from './kernels/activation';
import { createColumnSum } from './kernels/column-sum';
import { canTimeDispatches, DispatchRecorder, TimedDispatches } from './timed-dispatches';

describe('timed dispatches', () => {
  let gpu: TestGpu;
  beforeAll(async () => {
    gpu = await testGpu();
  });

  it('time every dispatch of a recorded sequence, labelled by family, layer and phase', async () => {
    const { ctx, cache } = gpu;
    expect(canTimeDispatches(ctx)).toBe(true); // SwiftShader and real GPUs offer timestamp-query
    const [rows, cols] = [257, 65];
    const rng = createRng(7);
    const [zValues, dYValues] = [randomArray(rng, rows * cols), randomArray(rng, rows * cols)];
    const [z, dY] = [inputBuffer(ctx, 'Z', zValues), inputBuffer(ctx, 'dY', dYValues)];
    const [dZ, db] = [poisonedBuffer(ctx, 'dZ', rows * cols), poisonedBuffer(ctx, 'db', cols)];
    const activation = await createActivationBackward(ctx, cache, { activation: 'relu', count: rows * cols, z, dY, dZ });
    const columnSum = await createColumnSum(ctx, cache, { rows, cols, dY: dZ, db });

    const recorder = new DispatchRecorder();
    recorder.section({ layer: 2, phase: 'backward' }, (pass) => {
      activation.encode(pass);
      columnSum.encode(pass);
    });
    const timed = new TimedDispatches(ctx, recorder.dispatches, 1);
    const encoder = ctx.device.createCommandEncoder();
    timed.encode(encoder);
    // The same two kernels again in one pass timed whole.
    const whole = encoder.beginComputePass({ timestampWrites: timed.wholePass(0) });
    activation.encode(whole);
    columnSum.encode(whole);
    whole.end();
    timed.resolve(encoder);
    ctx.device.queue.submit([encoder.finish()]);
    const { times, wholePassMs } = await timed.read();
    expect(wholePassMs).toHaveLength(1);
    expect(wholePassMs[0]).toBeGreaterThan(0);

    expect(times.map(({ family, layer, phase }) => `${family} ${layer} ${phase}`)).toEqual(['activation_backward 2 backward', 'column_sum 2 backward']);
    expect(times.every(({ ms }) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    expect(times.some(({ ms }) => ms > 0)).toBe(true);
    // The replay ran the kernels: db is the column sum of dZ = dY ⊙ [Z > 0].
    const expected = Array.from({ length: cols }, (_, col) => {
      let sum = 0;
      for (let row = 0; row < rows; row++) sum += zValues[row * cols + col]! > 0 ? dYValues[row * cols + col]! : 0;
      return sum;
    });
    const result = await readPoisoned(ctx, db, cols);
    expect(result.canaryIntact).toBe(true);
    result.values.forEach((value, col) => expect(value).toBeCloseTo(expected[col]!, 3));
    activation.dispose();
    columnSum.dispose();
    release(ctx, z, dY, dZ, db);
  });
});
