import { describe, expect, it } from 'vitest';

import { EMPTY_DRAFT, firstInvalidField, needsEmail, toConnectRequest, validateConnect, type ConnectDraft } from './connect';

const valid: ConnectDraft = {
  kind: 'zendesk',
  name: 'Acme support',
  address: 'acme',
  auth: 'api_token',
  email: 'admin@acme.test',
  token: 'secret',
};

describe('validateConnect', () => {
  it('accepts a complete draft', () => {
    expect(validateConnect(valid)).toEqual({});
  });

  it('requires every field of an empty draft, name first', () => {
    const errors = validateConnect(EMPTY_DRAFT);
    expect(errors).toEqual({
      name: 'connect.error.nameRequired',
      address: 'connect.error.addressRequired',
      email: 'connect.error.emailRequired',
      token: 'connect.error.tokenRequired',
    });
    expect(firstInvalidField(errors)).toBe('name');
    expect(firstInvalidField({ token: 'connect.error.tokenRequired' })).toBe('token');
    expect(firstInvalidField({})).toBeNull();
  });

  it('treats whitespace as empty', () => {
    expect(validateConnect({ ...valid, name: '  ', token: ' \t' })).toEqual({
      name: 'connect.error.nameRequired',
      token: 'connect.error.tokenRequired',
    });
  });

  it('checks the email format loosely', () => {
    expect(validateConnect({ ...valid, email: 'admin' }).email).toBe('connect.error.emailInvalid');
    expect(validateConnect({ ...valid, email: 'a b@c.d' }).email).toBe('connect.error.emailInvalid');
    expect(validateConnect({ ...valid, email: ' admin@localhost ' }).email).toBeUndefined();
  });

  it('needs no email for OAuth', () => {
    expect(validateConnect({ ...valid, auth: 'o_auth', email: '' })).toEqual({});
  });

  it('rejects spaces in the address and duplicate names', () => {
    expect(validateConnect({ ...valid, address: 'acme corp' }).address).toBe('connect.error.addressInvalid');
    expect(validateConnect({ ...valid, name: ' Acme support ' }, ['Acme support']).name).toBe('connect.error.nameTaken');
  });
});

describe('toConnectRequest', () => {
  it('trims the fields', () => {
    expect(toConnectRequest({ ...valid, name: ' Acme ', address: ' https://acme.zendesk.com ', token: ' t ' })).toEqual({
      kind: 'zendesk',
      name: 'Acme',
      address: 'https://acme.zendesk.com',
      email: 'admin@acme.test',
      token: 't',
      auth: 'api_token',
    });
  });

  it('sends no email for OAuth', () => {
    expect(toConnectRequest({ ...valid, auth: 'o_auth' })).toMatchObject({ kind: 'zendesk', email: null });
  });

  it('sends Freshdesk the API key and nothing of Zendesk’s sign-in', () => {
    const draft: ConnectDraft = { ...valid, kind: 'freshdesk', address: ' https://support.acme.com/ ', token: ' key ' };
    expect(toConnectRequest(draft)).toEqual({
      kind: 'freshdesk',
      name: 'Acme support',
      address: 'https://support.acme.com/',
      key: 'key',
    });
  });
});

describe('validateConnect for Freshdesk', () => {
  const freshdesk: ConnectDraft = { ...EMPTY_DRAFT, kind: 'freshdesk' };

  it('asks for a name, an address and the API key, never an email', () => {
    expect(validateConnect(freshdesk)).toEqual({
      name: 'connect.error.nameRequired',
      address: 'connect.freshdesk.addressRequired',
      token: 'connect.freshdesk.keyRequired',
    });
    expect(validateConnect({ ...freshdesk, name: 'Acme', address: 'acme', token: 'key' })).toEqual({});
  });

  it('names Freshdesk’s address forms when the address has spaces', () => {
    expect(validateConnect({ ...freshdesk, address: 'acme desk' }).address).toBe('connect.freshdesk.addressInvalid');
  });

  it('needs no email whatever sign-in a Zendesk draft had chosen', () => {
    expect(needsEmail({ kind: 'freshdesk', auth: 'api_token' })).toBe(false);
    expect(needsEmail({ kind: 'zendesk', auth: 'api_token' })).toBe(true);
  });
});
