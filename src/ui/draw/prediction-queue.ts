// Sends drawings to the model one at a time: while one is being predicted, only the newest waiting drawing is kept.

export type PredictionAnswer = { probabilities: number[] } | { error: string };

export interface PredictionQueue {
  /** Asks for `pixels`' prediction; replaces any drawing still waiting for its turn. */
  request(pixels: Float32Array): void;
  /** Drops the waiting drawing, and the answer to the one in flight (the pad was cleared). */
  clear(): void;
}

export function createPredictionQueue(send: (pixels: Float32Array) => Promise<number[]>, onAnswer: (answer: PredictionAnswer) => void): PredictionQueue {
  let busy = false;
  let waiting: Float32Array | undefined;
  let generation = 0; // answers to drawings from before a clear are dropped
  const pump = (): void => {
    if (busy || !waiting) return;
    const [pixels, asked] = [waiting, generation];
    waiting = undefined;
    busy = true;
    const answer = (value: PredictionAnswer) => {
      if (asked === generation) onAnswer(value);
    };
    send(pixels)
      .then(
        (probabilities) => answer({ probabilities }),
        (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        busy = false;
        pump();
      });
  };
  return {
    request(pixels) {
      waiting = pixels;
      pump();
    },
    clear() {
      waiting = undefined;
      generation++;
    },
  };
}
