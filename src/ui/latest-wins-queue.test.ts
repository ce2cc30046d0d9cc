// Unit tier: one request in flight at a time, only the newest waiting one is sent next, a clear drops stale answers.
import { describe, expect, it } from 'vitest';
import { createLatestWinsQueue, type Settled } from './latest-wins-queue';

/** A send whose answers the test releases by hand, in order. */
function manualSend<Q>() {
  const sent: { query: Q; resolve: (answer: string) => void; reject: (error: Error) => void }[] = [];
  const send = (query: Q) => new Promise<string>((resolve, reject) => sent.push({ query, resolve, reject }));
  return { send, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A queue over a manual send, recording each answer with the request it answers. */
function recordedQueue<Q>() {
  const { send, sent } = manualSend<Q>();
  const answers: [Settled<string>, Q][] = [];
  const queue = createLatestWinsQueue(send, (answer, query: Q) => answers.push([answer, query]));
  return { queue, sent, answers };
}

describe('createLatestWinsQueue', () => {
  it('sends one at a time and, of the requests made meanwhile, only the newest', async () => {
    const { queue, sent, answers } = recordedQueue<number>();
    queue.request(1);
    queue.request(2);
    queue.request(3);
    expect(sent.map((s) => s.query)).toEqual([1]);
    sent[0]!.resolve('one');
    await settle();
    expect(sent.map((s) => s.query)).toEqual([1, 3]);
    sent[1]!.resolve('three');
    await settle();
    expect(answers).toEqual([
      [{ value: 'one' }, 1],
      [{ value: 'three' }, 3],
    ]);
  });

  it('reports a failed request with its message and carries on', async () => {
    const { queue, sent, answers } = recordedQueue<number>();
    queue.request(1);
    sent[0]!.reject(new Error('There is no model yet'));
    await settle();
    queue.request(2);
    sent[1]!.resolve('two');
    await settle();
    expect(answers).toEqual([
      [{ error: 'There is no model yet' }, 1],
      [{ value: 'two' }, 2],
    ]);
  });

  it('after a clear, drops the answer in flight and the waiting request', async () => {
    const { queue, sent, answers } = recordedQueue<number>();
    queue.request(1);
    queue.request(2);
    queue.clear();
    sent[0]!.resolve('one');
    await settle();
    expect(sent).toHaveLength(1);
    expect(answers).toEqual([]);
    queue.request(3);
    sent[1]!.resolve('three');
    await settle();
    expect(answers).toEqual([[{ value: 'three' }, 3]]);
  });

  it('queues requests that carry no value (undefined is a request too)', async () => {
    const { queue, sent, answers } = recordedQueue<undefined>();
    queue.request(undefined);
    queue.request(undefined);
    sent[0]!.resolve('first');
    await settle();
    expect(sent).toHaveLength(2);
    sent[1]!.resolve('second');
    await settle();
    expect(answers.map(([answer]) => answer)).toEqual([{ value: 'first' }, { value: 'second' }]);
  });
});
