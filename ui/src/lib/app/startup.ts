/**
 * What the shell says while the workspace opens. Generating the demo helpdesk takes
 * seconds and deserves an explanation; opening an existing workspace is quick, so it
 * gets a quiet line and never the demo's words.
 */
import type { MessageKey } from '../i18n';

export interface OpeningMessage {
  title: MessageKey;
  detail: MessageKey | null;
  quiet: boolean;
}

/** The loading message for a start that generates the demo (`generating`) or not. */
export function openingMessage(generating: boolean): OpeningMessage {
  return generating
    ? { title: 'loading.title', detail: 'loading.detail', quiet: false }
    : { title: 'loading.opening', detail: null, quiet: true };
}
