/**
 * "Latest request wins": a screen asks the core again whenever its query changes, and
 * answers can come back out of order. Only the newest request may update `data`, `error`
 * and `loading`; an older answer (or failure) is dropped. The previous data stays while
 * a new request runs, so a screen can dim it instead of jumping.
 */
import { toIpcError, type IpcError } from '../ipc';

export class Latest<A, T> {
  /** The newest answer so far, or null before the first one. */
  data = $state.raw<T | null>(null);
  /** True while the newest request is on its way. */
  loading = $state(false);
  /** Why the newest request failed, as the core said it; null once a request starts. */
  error = $state.raw<IpcError | null>(null);

  readonly #load: (args: A) => Promise<T>;
  #newest = 0;
  #last: { args: A } | null = null;

  constructor(load: (args: A) => Promise<T>) {
    this.#load = load;
  }

  /**
   * Asks with `args`. Resolves when the answer is in (never rejects), with true when
   * it was applied and false when a newer request had started meanwhile.
   */
  async run(args: A): Promise<boolean> {
    const id = ++this.#newest;
    this.#last = { args };
    this.loading = true;
    this.error = null;
    try {
      const answer = await this.#load(args);
      if (id !== this.#newest) return false;
      this.data = answer;
    } catch (reason) {
      if (id !== this.#newest) return false;
      this.error = toIpcError(reason);
    }
    this.loading = false;
    return true;
  }

  /** Shows an answer got another way (an edit that returns what it made); a request on its way is dropped. */
  show(answer: T): void {
    ++this.#newest;
    this.data = answer;
    this.error = null;
    this.loading = false;
  }

  /** Asks again with the last arguments (a Retry button); nothing before the first run. */
  async retry(): Promise<boolean> {
    return this.#last ? this.run(this.#last.args) : false;
  }
}
