// Unit tier: one prediction in flight at a time, only the newest drawing waits, a clear drops stale answers.
import { describe, expect, it } from 'vitest';
import { createPredictionQueue, type PredictionAnswer } from './prediction-queue';

/** A send whose answers the test releases by hand, in order. */
function manualSend() {
  const sent: { pixels: Float32Array; resolve: (p: number[]) => void; reject: (e: Error) => void }[] = [];
  const send = (pixels: Float32Array) => new Promise<number[]>((resolve, reject) => sent.push({ pixels, resolve, reject }));
  return { send, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const drawing = (value: number) => Float32Array.of(value);

describe('createPredictionQueue', () => {
  it('sends one at a time and, of the drawings made meanwhile, only the newest', async () => {
    const { send, sent } = manualSend();
    const answers: PredictionAnswer[] = [];
    const queue = createPredictionQueue(send, (answer) => answers.push(answer));
    queue.request(drawing(1));
    queue.request(drawing(2));
    queue.request(drawing(3));
    expect(sent.map((s) => s.pixels[0])).toEqual([1]);
    sent[0]!.resolve([0.9]);
    await settle();
    expect(sent.map((s) => s.pixels[0])).toEqual([1, 3]);
    sent[1]!.resolve([0.8]);
    await settle();
    expect(answers).toEqual([{ probabilities: [0.9] }, { probabilities: [0.8] }]);
  });

  it('reports a failed prediction with its message and carries on', async () => {
    const { send, sent } = manualSend();
    const answers: PredictionAnswer[] = [];
    const queue = createPredictionQueue(send, (answer) => answers.push(answer));
    queue.request(drawing(1));
    sent[0]!.reject(new Error('There is no model yet'));
    await settle();
    queue.request(drawing(2));
    sent[1]!.resolve([1]);
    await settle();
    expect(answers).toEqual([{ error: 'There is no model yet' }, { probabilities: [1] }]);
  });

  it('after a clear, drops the answer in flight and the waiting drawing', async () => {
    const { send, sent } = manualSend();
    const answers: PredictionAnswer[] = [];
    const queue = createPredictionQueue(send, (answer) => answers.push(answer));
    queue.request(drawing(1));
    queue.request(drawing(2));
    queue.clear();
    sent[0]!.resolve([0.5]);
    await settle();
    expect(sent).toHaveLength(1);
    expect(answers).toEqual([]);
    queue.request(drawing(3));
    sent[1]!.resolve([0.7]);
    await settle();
    expect(answers).toEqual([{ probabilities: [0.7] }]);
  });
});
