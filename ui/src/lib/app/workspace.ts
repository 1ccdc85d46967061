/** Facts derived from `WorkspaceInfo` for the shell (header indicator, refresh decisions). */
import type { WorkspaceInfo } from '../ipc';

/** The most recent successful sync of any source (unix seconds), or null if none ever ran. */
export function lastSyncedAt(workspace: Pick<WorkspaceInfo, 'sources'>): number | null {
  let latest: number | null = null;
  for (const source of workspace.sources) {
    if (source.last_synced_at !== null && (latest === null || source.last_synced_at > latest)) {
      latest = source.last_synced_at;
    }
  }
  return latest;
}

/**
 * Whether two infos describe the same state. A command's answer and the
 * `workspace-changed` event carry the same info; comparing them avoids reloading twice.
 */
export function sameWorkspace(a: WorkspaceInfo | null, b: WorkspaceInfo): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
