// Sends a panel's requests one at a time: while one is in flight only the newest waiting request is kept (latest wins).

/** What a request came to: its value, or the error's message. */
export type Settled<A> = { value: A } | { error: string };

export interface LatestWinsQueue<Q> {
  /** Asks for `query`; replaces any request still waiting for its turn. */
  request(query: Q): void;
  /** Drops the waiting request, and the answer to the one in flight (what it asked is no longer wanted). */
  clear(): void;
}

/** `onAnswer` hears each answer with the request it answers (the newest request may still be waiting). */
export function createLatestWinsQueue<Q, A>(send: (query: Q) => Promise<A>, onAnswer: (answer: Settled<A>, query: Q) => void): LatestWinsQueue<Q> {
  let busy = false;
  let waiting: { query: Q } | undefined;
  let generation = 0; // answers to requests from before a clear are dropped
  const pump = (): void => {
    if (busy || !waiting) return;
    const [{ query }, asked] = [waiting, generation];
    waiting = undefined;
    busy = true;
    const answer = (value: Settled<A>) => {
      if (asked === generation) onAnswer(value, query);
    };
    send(query)
      .then(
        (value) => answer({ value }),
        (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        busy = false;
        pump();
      });
  };
  return {
    request(query) {
      waiting = { query };
      pump();
    },
    clear() {
      waiting = undefined;
      generation++;
    },
  };
}
