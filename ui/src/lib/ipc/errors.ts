/**
 * Turns whatever a rejected `invoke` produced into the typed `IpcError` the UI shows.
 * The Rust side rejects with `{ code, message }`; anything else (a bare string from Tauri
 * itself, a JS exception when no Tauri runtime exists) becomes an `internal` error.
 */
import type { ErrorCode } from './bindings/ErrorCode';
import type { IpcError } from './bindings/IpcError';

const ERROR_CODES: readonly ErrorCode[] = ['invalid_input', 'workspace', 'unconfirmed_host', 'internal'];

/** True when `value` already has the exact `IpcError` shape. */
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(code) &&
    typeof message === 'string'
  );
}

/** Normalises a rejection reason; never throws. */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return { code: reason.code, message: reason.message };
  if (typeof reason === 'string') return { code: 'internal', message: reason };
  if (reason instanceof Error) return { code: 'internal', message: reason.message };
  if (typeof reason === 'object' && reason !== null) {
    const message = (reason as Record<string, unknown>).message;
    if (typeof message === 'string') return { code: 'internal', message };
  }
  return { code: 'internal', message: String(reason) };
}
