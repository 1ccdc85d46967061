import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as ipc from '../../lib/ipc';
import { zendeskWorkspaceFixture } from '../../test/fixtures';
import ConnectForm from './ConnectForm.svelte';

vi.mock(import('../../lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  testConnection: vi.fn(),
  connectSource: vi.fn(),
}));

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function fill(values: { name?: string; address?: string; email?: string; token?: string }): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await fireEvent.input(field(`connect-${key}`), { target: { value } });
  }
}

const complete = { name: ' Acme support ', address: 'acme', email: 'admin@acme.test', token: 'tok-123' };
const expectedRequest = {
  kind: 'zendesk',
  name: 'Acme support',
  address: 'acme',
  email: 'admin@acme.test',
  token: 'tok-123',
  auth: 'api_token',
};

function setup(props: { isDemo?: boolean; existingNames?: string[] } = {}) {
  const onconnected = vi.fn();
  render(ConnectForm, { isDemo: false, onconnected, ...props });
  return { onconnected };
}

describe('ConnectForm', () => {
  beforeEach(() => {
    vi.mocked(ipc.testConnection).mockReset();
    vi.mocked(ipc.connectSource).mockReset();
  });

  it('has the fields, a password token input and the help text', () => {
    setup();
    expect(screen.getByTestId('connect-form')).toBeInTheDocument();
    expect(field('connect-address')).toHaveAttribute('placeholder', 'acme or https://acme.zendesk.com');
    expect(field('connect-token')).toHaveAttribute('type', 'password');
    expect(screen.getByTestId('connect-help')).toHaveTextContent('Admin Center → Apps and integrations → APIs → Zendesk API');
    expect(screen.getByTestId('connect-help')).toHaveTextContent('Add API token');
  });

  it('shows inline errors, focuses the first one and sends nothing', async () => {
    setup({ existingNames: ['Acme support'] });
    await fireEvent.click(screen.getByTestId('connect-submit'));
    expect(screen.getByTestId('connect-name-error')).toHaveTextContent('Give the source a name.');
    expect(screen.getByTestId('connect-address-error')).toHaveTextContent('Enter your Zendesk address.');
    expect(screen.getByTestId('connect-email-error')).toHaveTextContent('Enter the email of the admin');
    expect(screen.getByTestId('connect-token-error')).toHaveTextContent('Paste the token.');
    expect(field('connect-name')).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(field('connect-name'));

    // Errors then follow the typing.
    await fill({ name: 'Acme support', email: 'not-an-email' });
    expect(screen.getByTestId('connect-name-error')).toHaveTextContent('already exists');
    expect(screen.getByTestId('connect-email-error')).toHaveTextContent('does not look like an email');
    await fill({ name: 'Acme 2' });
    expect(screen.queryByTestId('connect-name-error')).toBeNull();

    await fireEvent.click(screen.getByTestId('connect-test'));
    expect(ipc.testConnection).not.toHaveBeenCalled();
    expect(ipc.connectSource).not.toHaveBeenCalled();
  });

  it('tests the connection and shows who the token belongs to', async () => {
    vi.mocked(ipc.testConnection).mockResolvedValue({ base_url: 'https://acme.zendesk.com', user: 'Jane Admin', role: 'admin' });
    setup();
    await fill(complete);
    await fireEvent.click(screen.getByTestId('connect-test'));
    expect(ipc.testConnection).toHaveBeenCalledWith(expectedRequest);
    const result = await screen.findByText(/Connected as Jane Admin \(admin\)/);
    expect(result).toHaveTextContent('✓');
    expect(ipc.connectSource).not.toHaveBeenCalled();
    // Editing a field clears a result that no longer applies.
    await fill({ token: 'other' });
    expect(screen.queryByText(/Connected as/)).toBeNull();
  });

  it('shows the core error when the test fails', async () => {
    vi.mocked(ipc.testConnection).mockRejectedValue({
      code: 'invalid_input',
      message: 'Zendesk refused the credentials (401): check the email and the API token',
    });
    setup();
    await fill(complete);
    await fireEvent.click(screen.getByTestId('connect-test'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Zendesk refused the credentials (401): check the email and the API token',
    );
  });

  it('connects on submit (Enter), clears the token and reports the new workspace', async () => {
    vi.mocked(ipc.connectSource).mockResolvedValue(zendeskWorkspaceFixture);
    const { onconnected } = setup();
    await fill(complete);
    await fireEvent.submit(screen.getByTestId('connect-form'));
    await waitFor(() => expect(onconnected).toHaveBeenCalledWith(zendeskWorkspaceFixture));
    expect(ipc.connectSource).toHaveBeenCalledWith(expectedRequest);
    expect(field('connect-token').value).toBe('');
    expect(field('connect-name').value).toBe('');
    expect(screen.getByTestId('connect-result')).toHaveTextContent('Acme support is connected.');
  });

  it('keeps the fields when connecting fails', async () => {
    vi.mocked(ipc.connectSource).mockRejectedValue({ code: 'workspace', message: 'the keychain is locked' });
    const { onconnected } = setup();
    await fill(complete);
    await fireEvent.click(screen.getByTestId('connect-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent('the keychain is locked');
    expect(field('connect-token').value).toBe('tok-123');
    expect(onconnected).not.toHaveBeenCalled();
  });

  it('asks before replacing the demo, and Esc cancels', async () => {
    vi.mocked(ipc.connectSource).mockResolvedValue(zendeskWorkspaceFixture);
    const { onconnected } = setup({ isDemo: true });
    await fill(complete);
    await fireEvent.click(screen.getByTestId('connect-submit'));

    const dialog = screen.getByTestId('demo-replace-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    expect(dialog).toHaveTextContent('Connecting replaces the demo data');
    expect(document.activeElement).toBe(within(dialog).getByTestId('confirm-cancel'));
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(ipc.connectSource).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('connect-submit'));
    await waitFor(() => expect(dialog.open).toBe(true));
    await fireEvent.click(within(dialog).getByTestId('confirm-accept'));
    await waitFor(() => expect(onconnected).toHaveBeenCalledWith(zendeskWorkspaceFixture));
    expect(ipc.connectSource).toHaveBeenCalledTimes(1);
  });

  it('needs no email for an OAuth token', async () => {
    vi.mocked(ipc.testConnection).mockResolvedValue({ base_url: 'https://acme.zendesk.com', user: 'Bot', role: 'admin' });
    setup();
    await fireEvent.change(screen.getByTestId('connect-auth'), { target: { value: 'o_auth' } });
    expect(screen.queryByTestId('connect-email')).toBeNull();
    await fill({ name: 'Acme', address: 'https://acme.zendesk.com', token: 'oauth' });
    await fireEvent.click(screen.getByTestId('connect-test'));
    expect(ipc.testConnection).toHaveBeenCalledWith({
      kind: 'zendesk',
      name: 'Acme',
      address: 'https://acme.zendesk.com',
      email: null,
      token: 'oauth',
      auth: 'o_auth',
    });
  });

  it('connects Freshdesk with its API key, with help on where the key is', async () => {
    vi.mocked(ipc.testConnection).mockResolvedValue({ base_url: 'https://acme.freshdesk.com/api/v2/', user: null, role: null });
    vi.mocked(ipc.connectSource).mockResolvedValue(zendeskWorkspaceFixture);
    const { onconnected } = setup();
    await fill({ token: 'zendesk-token' });
    await fireEvent.change(screen.getByTestId('connect-kind'), { target: { value: 'freshdesk' } });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Connect Freshdesk');
    expect(field('connect-token').value).toBe('');
    expect(screen.queryByTestId('connect-email')).toBeNull();
    expect(screen.queryByTestId('connect-auth')).toBeNull();
    expect(screen.getByTestId('connect-help')).toHaveTextContent('Profile settings');
    expect(screen.getByTestId('connect-help')).toHaveTextContent('admin');

    await fireEvent.click(screen.getByTestId('connect-test'));
    expect(screen.getByTestId('connect-token-error')).toHaveTextContent('Paste the API key.');
    expect(ipc.testConnection).not.toHaveBeenCalled();

    await fill({ name: 'Acme desk', address: 'acme', token: 'fd-key' });
    await fireEvent.click(screen.getByTestId('connect-test'));
    const request = { kind: 'freshdesk', name: 'Acme desk', address: 'acme', key: 'fd-key' };
    expect(ipc.testConnection).toHaveBeenCalledWith(request);
    expect(await screen.findByText(/The API key works on https:\/\/acme.freshdesk.com/)).toHaveTextContent('✓');

    await fireEvent.submit(screen.getByTestId('connect-form'));
    await waitFor(() => expect(onconnected).toHaveBeenCalled());
    expect(ipc.connectSource).toHaveBeenCalledWith(request);
    expect((screen.getByTestId('connect-kind') as HTMLSelectElement).value).toBe('freshdesk');
  });

  it('says plainly when Freshdesk refuses the key', async () => {
    vi.mocked(ipc.testConnection).mockRejectedValue({
      code: 'invalid_input',
      message: 'the API key was refused: check it under Profile settings → Your API Key',
    });
    setup();
    await fireEvent.change(screen.getByTestId('connect-kind'), { target: { value: 'freshdesk' } });
    await fill({ name: 'Acme desk', address: 'acme', token: 'wrong' });
    await fireEvent.click(screen.getByTestId('connect-test'));
    expect(await screen.findByRole('alert')).toHaveTextContent('the API key was refused');
  });
});
