/**
 * The Import dialog's preview: one dry run at a time (the core runs one import job at a
 * time). A newer request cancels the running one and runs once it has stopped, so only
 * the newest choice's answer is shown and a slow file never queues stale runs.
 */
import { toIpcError, type ImportChoice, type ImportProgress, type ImportView, type IpcError } from '../ipc';

type Preview = (choice: ImportChoice, onProgress: (progress: ImportProgress) => void) => Promise<ImportView>;

export class PreviewRunner {
  /** The newest choice's preview, or null before the first answer. */
  view = $state.raw<ImportView | null>(null);
  /** Why the newest choice cannot be previewed (a bad zone, an unknown field…). */
  error = $state.raw<IpcError | null>(null);
  busy = $state(false);
  progress = $state.raw<ImportProgress | null>(null);

  readonly #preview: Preview;
  readonly #cancel: () => Promise<void>;
  #pending: ImportChoice | null = null;
  /** Bumped by `stop`, so an answer to a stopped run is dropped. */
  #generation = 0;

  constructor(preview: Preview, cancel: () => Promise<void>) {
    this.#preview = preview;
    this.#cancel = cancel;
  }

  /** Previews `choice`; resolves when no run is left (never rejects). */
  async request(choice: ImportChoice): Promise<void> {
    const running = this.busy;
    this.#pending = choice;
    if (running) {
      // The running one ends with a cancel error, which nobody is shown.
      await this.#cancel().catch(() => {});
      return;
    }
    this.busy = true;
    const generation = this.#generation;
    while (this.#pending) {
      const next = this.#pending;
      this.#pending = null;
      this.progress = null;
      try {
        const view = await this.#preview(next, (p) => (this.progress = p));
        if (!this.#pending && generation === this.#generation) [this.view, this.error] = [view, null];
      } catch (reason) {
        if (!this.#pending && generation === this.#generation) [this.view, this.error] = [null, toIpcError(reason)];
      }
    }
    this.busy = false;
  }

  /** Forgets the preview and stops a running one (the dialog closes); its answer is dropped. */
  stop(): void {
    this.#generation += 1;
    [this.view, this.error, this.progress] = [null, null, null];
    if (!this.busy) return;
    this.#pending = null;
    void this.#cancel().catch(() => {});
  }
}
