/**
 * The connect form's rules, checked before anything crosses IPC so mistakes show next to
 * the field instead of as a round trip to the helpdesk. The core validates again; this
 * only catches what can be known locally.
 */
import type { MessageKey } from '../i18n/translate';
import type { ConnectRequest, ZendeskAuth } from '../ipc';

/** The helpdesks the form connects; the request names which one it is for. */
export type Helpdesk = ConnectRequest['kind'];

export const HELPDESKS: readonly Helpdesk[] = ['zendesk', 'freshdesk'];

export interface ConnectDraft {
  kind: Helpdesk;
  name: string;
  address: string;
  auth: ZendeskAuth;
  email: string;
  token: string;
}

export type ConnectField = 'name' | 'address' | 'email' | 'token';
export type ConnectErrors = Partial<Record<ConnectField, MessageKey>>;

/** Field order on screen: the first invalid one gets the focus. */
export const CONNECT_FIELDS: readonly ConnectField[] = ['name', 'address', 'email', 'token'];

export const AUTH_METHODS: readonly ZendeskAuth[] = ['api_token', 'o_auth'];

/** `token` holds Zendesk's token or Freshdesk's API key, whichever the form is for. */
export const EMPTY_DRAFT: ConnectDraft = { kind: 'zendesk', name: '', address: '', auth: 'api_token', email: '', token: '' };

/** Deliberately loose: one @, something on both sides, no spaces. Zendesk has the final say. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Only Zendesk's API-token sign-in identifies the admin by email; OAuth tokens and
 * Freshdesk's API keys carry the user. */
export function needsEmail(draft: Pick<ConnectDraft, 'kind' | 'auth'>): boolean {
  return draft.kind === 'zendesk' && draft.auth === 'api_token';
}

/** Per-field message keys; empty when the draft can be sent. */
export function validateConnect(draft: ConnectDraft, existingNames: readonly string[] = []): ConnectErrors {
  const errors: ConnectErrors = {};
  const name = draft.name.trim();
  const address = draft.address.trim();
  if (name === '') errors.name = 'connect.error.nameRequired';
  else if (existingNames.includes(name)) errors.name = 'connect.error.nameTaken';
  const freshdesk = draft.kind === 'freshdesk';
  if (address === '') errors.address = freshdesk ? 'connect.freshdesk.addressRequired' : 'connect.error.addressRequired';
  else if (/\s/.test(address)) errors.address = freshdesk ? 'connect.freshdesk.addressInvalid' : 'connect.error.addressInvalid';
  if (needsEmail(draft)) {
    const email = draft.email.trim();
    if (email === '') errors.email = 'connect.error.emailRequired';
    else if (!EMAIL.test(email)) errors.email = 'connect.error.emailInvalid';
  }
  if (draft.token.trim() === '') errors.token = freshdesk ? 'connect.freshdesk.keyRequired' : 'connect.error.tokenRequired';
  return errors;
}

export function firstInvalidField(errors: ConnectErrors): ConnectField | null {
  return CONNECT_FIELDS.find((field) => errors[field] !== undefined) ?? null;
}

/** The request the core expects: trimmed, for the chosen helpdesk, and no email for OAuth. */
export function toConnectRequest(draft: ConnectDraft): ConnectRequest {
  const name = draft.name.trim();
  const address = draft.address.trim();
  if (draft.kind === 'freshdesk') return { kind: 'freshdesk', name, address, key: draft.token.trim() };
  return {
    kind: 'zendesk',
    name,
    address,
    email: needsEmail(draft) ? draft.email.trim() : null,
    token: draft.token.trim(),
    auth: draft.auth,
  };
}
