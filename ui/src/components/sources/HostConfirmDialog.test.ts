// @vitest-environment-options {"settings": {"enableJavaScriptEvaluation": true, "suppressInsecureJavaScriptEnvironmentWarning": true}}
//
// The host confirmation names a source and the address its token would go to. Both come
// from a workspace folder anyone may have made, so markup in them is shown literally,
// creates no element and runs nothing (scripts and inline handlers are switched on in
// this DOM, so the checks can fail).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import HostConfirmDialog from './HostConfirmDialog.svelte';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';

type Probe = { __pwned?: number };
const probe = (): Probe => window as unknown as Probe;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const hosts = [
  { name: `acme ${IMG}`, baseUrl: 'https://evil.example' },
  { name: 'billing', baseUrl: `https://x.example/${SCRIPT}` },
];

describe('HostConfirmDialog', () => {
  beforeEach(() => {
    delete probe().__pwned;
  });

  afterEach(() => {
    delete probe().__pwned;
    document.body.replaceChildren();
  });

  it('names each source and host as text, and runs nothing', async () => {
    render(HostConfirmDialog, { open: true, hosts, onconfirm: vi.fn() });
    const dialog = screen.getByTestId('host-confirm-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    await settle();
    expect(dialog).toHaveTextContent('Send the API token to this address?');
    const names = within(dialog).getAllByTestId('host-name').map((e) => e.textContent);
    const urls = within(dialog).getAllByTestId('host-url').map((e) => e.textContent);
    expect(names).toEqual([`acme ${IMG}`, 'billing']);
    expect(urls).toEqual(['https://evil.example', `https://x.example/${SCRIPT}`]);
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.querySelector('script')).toBeNull();
    expect(dialog.querySelector('[onerror]')).toBeNull();
    expect(probe().__pwned).toBeUndefined();
  });

  it('starts on Cancel, which confirms nothing', async () => {
    const onconfirm = vi.fn();
    render(HostConfirmDialog, { open: true, hosts, onconfirm });
    const dialog = screen.getByTestId('host-confirm-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(document.activeElement).toBe(within(dialog).getByTestId('confirm-cancel'));
    await fireEvent.click(within(dialog).getByTestId('confirm-cancel'));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(onconfirm).not.toHaveBeenCalled();
  });

  it('confirms on the accept button', async () => {
    const onconfirm = vi.fn();
    render(HostConfirmDialog, { open: true, hosts, onconfirm });
    const dialog = screen.getByTestId('host-confirm-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    await fireEvent.click(within(dialog).getByTestId('confirm-accept'));
    expect(onconfirm).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(dialog.open).toBe(false));
  });
});
