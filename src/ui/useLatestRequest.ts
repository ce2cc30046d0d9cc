// A panel's requests to the worker through a latest-wins queue, and the newest answer with the request it answers.
import { useEffect, useState } from 'react';
import { createLatestWinsQueue, type Settled } from './latest-wins-queue';

export interface LatestAnswer<Q, A> {
  query: Q;
  result: Settled<A>;
  /** Counts the answers, so a repeated error is a new one. */
  id: number;
}

export interface LatestRequest<Q, A> {
  answer?: LatestAnswer<Q, A>;
  /** Stable across renders: safe in effect dependencies. */
  request(query: Q): void;
  /** Forgets the answer and any request still on its way. */
  clear(): void;
}

export function useLatestRequest<Q, A>(send: (query: Q) => Promise<A>): LatestRequest<Q, A> {
  const [answer, setAnswer] = useState<LatestAnswer<Q, A>>();
  const [queue] = useState(() => createLatestWinsQueue(send, (result, query: Q) => setAnswer((last) => ({ query, result, id: (last?.id ?? 0) + 1 }))));
  useEffect(() => () => queue.clear(), [queue]);
  const [actions] = useState(() => ({
    request: (query: Q) => queue.request(query),
    clear: () => {
      queue.clear();
      setAnswer(undefined);
    },
  }));
  return { answer, ...actions };
}
