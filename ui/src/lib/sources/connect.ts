/**
 * The connect form's rules, checked before anything crosses IPC so mistakes show next to
 * the field instead of as a round trip to Zendesk. The core validates again; this only
 * catches what can be known locally.
 */
import type { MessageKey } from '../i18n/translate';
import type { ConnectRequest, ZendeskAuth } from '../ipc';

export interface ConnectDraft {
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

export const EMPTY_DRAFT: ConnectDraft = { name: '', address: '', auth: 'api_token', email: '', token: '' };

/** Deliberately loose: one @, something on both sides, no spaces. Zendesk has the final say. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Only API-token sign-in identifies the admin by email; OAuth tokens carry the user. */
export function needsEmail(auth: ZendeskAuth): boolean {
  return auth === 'api_token';
}

/** Per-field message keys; empty when the draft can be sent. */
export function validateConnect(draft: ConnectDraft, existingNames: readonly string[] = []): ConnectErrors {
  const errors: ConnectErrors = {};
  const name = draft.name.trim();
  const address = draft.address.trim();
  if (name === '') errors.name = 'connect.error.nameRequired';
  else if (existingNames.includes(name)) errors.name = 'connect.error.nameTaken';
  if (address === '') errors.address = 'connect.error.addressRequired';
  else if (/\s/.test(address)) errors.address = 'connect.error.addressInvalid';
  if (needsEmail(draft.auth)) {
    const email = draft.email.trim();
    if (email === '') errors.email = 'connect.error.emailRequired';
    else if (!EMAIL.test(email)) errors.email = 'connect.error.emailInvalid';
  }
  if (draft.token.trim() === '') errors.token = 'connect.error.tokenRequired';
  return errors;
}

export function firstInvalidField(errors: ConnectErrors): ConnectField | null {
  return CONNECT_FIELDS.find((field) => errors[field] !== undefined) ?? null;
}

/** The request the core expects: trimmed, and no email for OAuth. */
export function toConnectRequest(draft: ConnectDraft): ConnectRequest {
  return {
    name: draft.name.trim(),
    address: draft.address.trim(),
    email: needsEmail(draft.auth) ? draft.email.trim() : null,
    token: draft.token.trim(),
    auth: draft.auth,
  };
}
