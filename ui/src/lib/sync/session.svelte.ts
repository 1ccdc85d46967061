/**
 * The sync run as app state rather than screen state: a sync keeps going (and keeps
 * reporting) when the analyst switches to the Overview and back, and the header can say
 * "Syncing…" meanwhile. One instance is created by the shell; tests create their own.
 */
import { cancelSync, syncSources, toIpcError, type IpcError } from '../ipc';
import { IDLE_SYNC, isSyncActive, reduceSync, type SyncAction, type SyncState } from './progress';

export class SyncSession {
  state = $state.raw<SyncState>(IDLE_SYNC);
  /** Increases when a run ends (any outcome): screens reload their lists on it. */
  completed = $state(0);

  get active(): boolean {
    return isSyncActive(this.state);
  }

  private apply(action: SyncAction): void {
    this.state = reduceSync(this.state, action);
  }

  /**
   * Syncs every Zendesk source; `sources` are their names, shown as queued at first.
   * Resolves with the error when the sync could not run at all, so the caller can act on
   * its code (an unconfirmed host), else with `null`.
   */
  async start(full: boolean, sources: readonly string[]): Promise<IpcError | null> {
    if (this.active) return null;
    this.apply({ kind: 'start', full, sources });
    try {
      const results = await syncSources(full, (progress) => this.apply({ kind: 'progress', progress }));
      this.apply({ kind: 'finish', results });
      return null;
    } catch (reason) {
      const error = toIpcError(reason);
      this.apply({ kind: 'fail', error: error.message });
      return error;
    } finally {
      this.completed += 1;
    }
  }

  /** Asks the core to stop; the run then ends as cancelled and keeps what it stored. */
  async cancel(): Promise<void> {
    if (this.state.status !== 'running') return;
    this.apply({ kind: 'cancel' });
    try {
      await cancelSync();
    } catch (reason) {
      this.apply({ kind: 'cancel_failed', error: toIpcError(reason).message });
    }
  }

  /** Hides the finished run's summary. */
  dismiss(): void {
    this.apply({ kind: 'dismiss' });
  }
}
