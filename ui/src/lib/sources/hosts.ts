/**
 * The addresses a sync would send tokens to that the user has not confirmed on this
 * computer. A workspace folder can come from anyone, so its sources' names and addresses
 * are shown to the user as text before any token goes there.
 */
import { confirmSourceHost, type SourceView } from '../ipc';
import { isSyncable } from './view';

export interface HostToConfirm {
  /** The source's name, as the workspace stores it. */
  name: string;
  /** The address the token would be sent to. */
  baseUrl: string;
}

export function hostsToConfirm(sources: readonly SourceView[]): HostToConfirm[] {
  return sources
    .filter((source) => isSyncable(source) && !source.host_confirmed)
    .map((source) => ({ name: source.name, baseUrl: source.base_url ?? '' }));
}

/** Confirms each host in turn; rejects with the first failure. */
export async function confirmHosts(hosts: readonly HostToConfirm[]): Promise<void> {
  for (const host of hosts) {
    await confirmSourceHost(host.name, host.baseUrl);
  }
}
