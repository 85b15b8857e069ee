/**
 * What a long-lived process (the bot) keeps between events, because GitHub's answer cannot
 * change: a file at a commit sha, the merge-base of two shas, and the record of a completed
 * run's attempt (its artifact is immutable: a second upload of the name is a 409). Each map
 * holds its newest `max` entries.
 */
export class RunSourceCache {
  readonly #maps = new Map<string, Map<string, Promise<unknown>>>();
  constructor(readonly max = 500) {}

  /** `make()`'s answer for `key`, made once; a failed or uncacheable answer is not kept. */
  get<T>(
    kind: string,
    key: string,
    make: () => Promise<T>,
    keep: (value: T) => boolean,
  ): Promise<T> {
    let map = this.#maps.get(kind);
    if (!map) this.#maps.set(kind, (map = new Map<string, Promise<unknown>>()));
    const found = map.get(key) as Promise<T> | undefined;
    if (found) return found;
    const made = make();
    map.set(key, made);
    if (map.size > this.max) map.delete(map.keys().next().value!);
    made.then(
      (value) => {
        if (!keep(value)) map.delete(key);
      },
      () => map.delete(key),
    );
    return made;
  }
}
