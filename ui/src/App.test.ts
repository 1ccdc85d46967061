import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import App from './App.svelte';
import * as ipc from './lib/ipc';
import {
  NOW_MS,
  overviewFixture,
  runsFixture,
  sourcesFixture,
  workspaceFixture,
  zendeskWorkspaceFixture,
} from './test/fixtures';

vi.mock(import('./lib/ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  overview: vi.fn(),
  openWorkspace: vi.fn(),
  generatesDemo: vi.fn(async () => false),
  setMenuLanguage: vi.fn(async () => {}),
  setWindowTheme: vi.fn(async () => {}),
  onMenu: vi.fn(async () => () => {}),
  onWorkspaceChanged: vi.fn(async () => () => {}),
  listSources: vi.fn(),
  syncHistory: vi.fn(),
  feedback: vi.fn(() => new Promise<ipc.FeedbackScreen>(() => {})),
  exploreDimensions: vi.fn(async () => []),
  backlog: vi.fn(() => new Promise<ipc.BacklogScreen>(() => {})),
  flow: vi.fn(() => new Promise<ipc.FlowScreen>(() => {})),
  anomalies: vi.fn(() => new Promise<ipc.AnomalyReport>(() => {})),
}));

describe('App shell', () => {
  beforeEach(() => {
    vi.mocked(ipc.overview).mockResolvedValue(overviewFixture);
    vi.mocked(ipc.openWorkspace).mockReset();
    vi.mocked(ipc.setMenuLanguage).mockClear();
    vi.mocked(ipc.setWindowTheme).mockClear();
  });

  it('says it prepares the demo only while the first start generates it', async () => {
    vi.mocked(ipc.generatesDemo).mockResolvedValueOnce(true);
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await waitFor(() =>
      expect(screen.getByTestId('loading-state')).toHaveTextContent('Preparing the demo workspace…'),
    );
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo data');
  });

  it('opens an existing workspace quietly, then shows the demo badge, time zone and cards', async () => {
    let opened: (info: ipc.WorkspaceInfo) => void = () => {};
    vi.mocked(ipc.openWorkspace).mockReturnValue(new Promise((resolve) => (opened = resolve)));
    render(App);
    await waitFor(() => expect(ipc.openWorkspace).toHaveBeenCalled());
    const loading = screen.getByTestId('loading-state');
    expect(loading).toHaveTextContent('Opening the workspace…');
    expect(loading).toHaveAttribute('data-quiet', 'true');
    expect(loading).not.toHaveTextContent('Preparing');
    opened(workspaceFixture);
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo data');
    expect(screen.getByTestId('workspace-tz')).toHaveTextContent('Europe/Berlin');
    expect(await screen.findAllByTestId('kpi-card')).toHaveLength(6);
  });

  it('hides the badge for a real workspace', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue({ ...workspaceFixture, is_demo: false });
    render(App);
    await screen.findAllByTestId('kpi-card');
    expect(screen.queryByTestId('demo-badge')).toBeNull();
  });

  it('offers Retry when the workspace cannot be opened', async () => {
    vi.mocked(ipc.openWorkspace)
      .mockRejectedValueOnce({ code: 'workspace', message: 'database is locked' })
      .mockResolvedValueOnce(workspaceFixture);
    render(App);
    expect(await screen.findByRole('alert')).toHaveTextContent('database is locked');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('kpi-card')).toHaveLength(6);
  });

  it('reloads on R and F5 but not while typing', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    vi.mocked(ipc.overview).mockClear();
    render(App);
    await screen.findAllByTestId('kpi-card');
    expect(ipc.overview).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(window, { key: 'r' });
    await waitFor(() => expect(ipc.overview).toHaveBeenCalledTimes(2));
    await fireEvent.keyDown(window, { key: 'F5' });
    await waitFor(() => expect(ipc.overview).toHaveBeenCalledTimes(3));
    await fireEvent.keyDown(screen.getByTestId('period-preset'), { key: 'r' });
    expect(ipc.overview).toHaveBeenCalledTimes(3);
  });

  it('picks presets with Alt+1..4', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', altKey: true });
    await waitFor(() => expect(ipc.overview).toHaveBeenLastCalledWith({ period: { kind: 'last_full_month' }, tz: null }));
    expect(screen.getByTestId('period-preset')).toHaveValue('last_full_month');
    await fireEvent.keyDown(window, { key: '4', code: 'Digit4', altKey: true });
    await waitFor(() => expect(ipc.overview).toHaveBeenLastCalledWith({ period: { kind: 'last_7_days' }, tz: null }));
  });

  it('handles the native menu: refresh, theme and about', async () => {
    let menu: ((action: ipc.MenuAction) => void) | undefined;
    vi.mocked(ipc.onMenu).mockImplementation(async (handler) => {
      menu = handler;
      return () => {};
    });
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    vi.mocked(ipc.overview).mockClear();
    render(App);
    await screen.findAllByTestId('kpi-card');
    expect(menu).toBeDefined();

    menu?.('refresh');
    await waitFor(() => expect(ipc.overview).toHaveBeenCalledTimes(2));

    const before = document.documentElement.dataset.theme;
    // A new window already wears the platform's theme: nothing to tell it at start.
    expect(ipc.setWindowTheme).not.toHaveBeenCalled();
    menu?.('theme');
    expect(document.documentElement.dataset.theme).toBeDefined();
    // The window (and the menus the platform draws) follows the theme the user chose.
    await waitFor(() => expect(ipc.setWindowTheme).toHaveBeenLastCalledWith('light'));
    menu?.('theme');
    await waitFor(() => expect(ipc.setWindowTheme).toHaveBeenLastCalledWith('dark'));
    menu?.('theme');
    await waitFor(() => expect(ipc.setWindowTheme).toHaveBeenLastCalledWith(null));
    expect(document.documentElement.dataset.theme).toBe(before);

    const dialog = document.querySelector('dialog');
    expect(dialog?.open).toBe(false);
    menu?.('about');
    await waitFor(() => expect(dialog?.open).toBe(true));
    expect(dialog).toHaveTextContent('Version 0.1.0');
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(dialog?.open).toBe(false));
  });

  it('switches language and sets <html lang>', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    // The menu starts in English: nothing to tell the shell yet.
    expect(ipc.setMenuLanguage).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Language English' }));
    await fireEvent.click(await screen.findByTestId('language-select-option-ko'));
    expect(document.documentElement.lang).toBe('ko');
    expect(screen.getByTestId('demo-badge')).toHaveTextContent('데모 데이터');
    await waitFor(() => expect(ipc.setMenuLanguage).toHaveBeenLastCalledWith('ko'));
    await fireEvent.click(screen.getByRole('button', { name: '언어 한국어' }));
    await fireEvent.click(await screen.findByTestId('language-select-option-en'));
    await waitFor(() => expect(ipc.setMenuLanguage).toHaveBeenLastCalledWith('en'));
  });
});

describe('App shell: Sources and workspace changes', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
    history.replaceState(null, '', '#');
    vi.mocked(ipc.overview).mockReset();
    vi.mocked(ipc.overview).mockResolvedValue(overviewFixture);
    vi.mocked(ipc.openWorkspace).mockReset();
    vi.mocked(ipc.listSources).mockResolvedValue(sourcesFixture);
    vi.mocked(ipc.syncHistory).mockResolvedValue(runsFixture);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists Sources sixth in the navigation and opens it on click', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(zendeskWorkspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    const links = screen.getByRole('navigation').querySelectorAll('a');
    expect([...links].map((link) => link.dataset.testid)).toEqual(['nav-overview', 'nav-explore', 'nav-feedback', 'nav-people', 'nav-operations', 'nav-sources']);
    expect(screen.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');

    await fireEvent.click(screen.getByTestId('nav-sources'));
    expect(await screen.findByTestId('source-card')).toBeInTheDocument();
    expect(screen.getByTestId('nav-sources')).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByTestId('kpi-card')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Sources' })));
    expect(location.hash).toBe('#sources');
  });

  it('switches screens with Ctrl+6 and Ctrl+1, but not behind a dialog', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(zendeskWorkspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    await fireEvent.keyDown(window, { key: '6', code: 'Digit6', ctrlKey: true });
    expect(await screen.findByTestId('sources')).toBeInTheDocument();

    await fireEvent.click(await screen.findByTestId('source-remove'));
    await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
    expect(screen.getByTestId('sources')).toBeInTheDocument();
    await fireEvent.keyDown(screen.getByTestId('remove-dialog'), { key: 'Escape' });

    await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
    expect(await screen.findAllByTestId('kpi-card')).toHaveLength(6);
  });

  it('opens Operations with Ctrl+5 and focuses its heading', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    await fireEvent.keyDown(window, { key: '5', code: 'Digit5', ctrlKey: true });
    expect(await screen.findByTestId('operations')).toBeInTheDocument();
    expect(screen.getByTestId('nav-operations')).toHaveAttribute('title', 'Operations (Ctrl+5)');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Operations' })));
  });

  it('opens Feedback with Ctrl+3 and focuses its heading', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    await fireEvent.keyDown(window, { key: '3', code: 'Digit3', ctrlKey: true });
    expect(await screen.findByTestId('feedback')).toBeInTheDocument();
    expect(screen.getByTestId('nav-feedback')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('nav-feedback')).toHaveAttribute('title', 'Feedback (Ctrl+3)');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Feedback' })));
    expect(ipc.feedback).toHaveBeenCalledOnce();
  });

  it('shows when the data was last synced and links it to Sources', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(zendeskWorkspaceFixture);
    render(App);
    const indicator = await screen.findByTestId('last-synced');
    expect(indicator).toHaveTextContent('Synced 5 minutes ago');
    expect(indicator).toHaveAttribute('data-synced-at', String(NOW_MS / 1000 - 300));
    await fireEvent.click(indicator);
    expect(await screen.findByTestId('sources')).toBeInTheDocument();
  });

  it('keeps the demo badge instead of a sync time for the demo', async () => {
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await screen.findByTestId('demo-badge');
    expect(screen.queryByTestId('last-synced')).toBeNull();
  });

  it('refreshes the header and reloads the Overview on workspace-changed', async () => {
    let changed: ((info: ipc.WorkspaceInfo) => void) | undefined;
    vi.mocked(ipc.onWorkspaceChanged).mockImplementation(async (handler) => {
      changed = handler;
      return () => {};
    });
    vi.mocked(ipc.openWorkspace).mockResolvedValue(workspaceFixture);
    render(App);
    await screen.findAllByTestId('kpi-card');
    expect(ipc.overview).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('demo-badge')).toBeInTheDocument();

    changed?.(zendeskWorkspaceFixture);
    await waitFor(() => expect(screen.queryByTestId('demo-badge')).toBeNull());
    expect(screen.getByTestId('workspace-tz')).toHaveTextContent('America/New_York');
    expect(screen.getByTestId('last-synced')).toHaveTextContent('Synced 5 minutes ago');
    await waitFor(() => expect(ipc.overview).toHaveBeenCalledTimes(2));

    // The same info again (a command's answer, then the event) does not reload twice.
    changed?.({ ...zendeskWorkspaceFixture });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ipc.overview).toHaveBeenCalledTimes(2);
  });
});
