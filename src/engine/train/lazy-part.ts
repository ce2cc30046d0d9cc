// A part of a model built on first use (a predictor, an inspector): once, again after a failed build, refused once freed.

export interface LazyPart<T> {
  /** The part, built by the first call; rejects with the refusal once `dispose` has run. */
  get(): Promise<T>;
  /** Frees the part at once, or as soon as a build in progress ends. */
  dispose(): void;
}

/** `refusal`: the message of the error later uses get, e.g. "This model was replaced or freed, so it cannot predict." */
export function lazyPart<T extends { dispose(): void }>(build: () => Promise<T>, refusal: string): LazyPart<T> {
  let building: Promise<T> | undefined;
  let built: T | undefined;
  let disposed = false;
  const refused = () => new Error(refusal);
  const start = async (): Promise<T> => {
    try {
      const part = await build();
      if (disposed) {
        part.dispose();
        throw refused();
      }
      built = part;
      return part;
    } catch (error) {
      building = undefined;
      throw error;
    }
  };
  return {
    async get() {
      if (disposed) throw refused();
      building ??= start();
      const part = await building;
      if (disposed) throw refused();
      return part;
    },
    dispose() {
      disposed = true;
      built?.dispose();
      built = undefined;
    },
  };
}
