import { describe, expect, it } from 'vitest';

import { isIpcError, toIpcError } from './errors';

describe('toIpcError', () => {
  it('keeps a well-formed core error', () => {
    expect(toIpcError({ code: 'workspace', message: 'locked', extra: 1 })).toEqual({
      code: 'workspace',
      message: 'locked',
    });
  });

  it('keeps the unconfirmed-host code the Sources screen acts on', () => {
    expect(toIpcError({ code: 'unconfirmed_host', message: 'confirm it' })).toEqual({
      code: 'unconfirmed_host',
      message: 'confirm it',
    });
  });

  it('wraps strings, Errors and unknown values as internal errors', () => {
    expect(toIpcError('boom')).toEqual({ code: 'internal', message: 'boom' });
    expect(toIpcError(new Error('bad'))).toEqual({ code: 'internal', message: 'bad' });
    expect(toIpcError({ code: 'nope', message: 'odd' })).toEqual({ code: 'internal', message: 'odd' });
    expect(toIpcError(42)).toEqual({ code: 'internal', message: '42' });
  });

  it('recognises the exact shape only', () => {
    expect(isIpcError({ code: 'invalid_input', message: 'x' })).toBe(true);
    expect(isIpcError({ code: 'invalid_input' })).toBe(false);
    expect(isIpcError(null)).toBe(false);
  });
});
