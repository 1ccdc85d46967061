import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import Filters from '../../components/explore/Filters.svelte';
import { createTranslator } from '../i18n/translate';
import * as ipc from '../ipc';
import { dimensionLabel, Dimensions, valueLabel } from './dimensions.svelte';

// Only the IPC layer is replaced.
vi.mock(import('../ipc'), async (importOriginal) => ({
  ...(await importOriginal()),
  exploreDimensions: vi.fn(),
  dimensionValues: vi.fn(),
}));

const en = createTranslator('en');
const ko = createTranslator('ko');

describe('dimension labels', () => {
  it('names built-in dimensions in the reader’s language and keeps a custom field’s title', () => {
    expect(dimensionLabel({ name: 'channel', label: null }, en)).toBe('Channel');
    expect(dimensionLabel({ name: 'channel', label: null }, ko)).toBe('채널');
    expect(dimensionLabel({ name: 'field:360001', label: 'Product area' }, ko)).toBe('Product area');
  });

  it('falls back to the core’s name for a dimension the dictionaries do not know', () => {
    expect(dimensionLabel({ name: 'field:42', label: null }, en)).toBe('field:42');
  });

  it('says “no value” for the null key and keeps any other label as the core wrote it', () => {
    expect(valueLabel({ key: null, label: '(none)' }, en)).toBe('(no value)');
    expect(valueLabel({ key: null, label: '(none)' }, ko)).toBe('(값 없음)');
    expect(valueLabel({ key: '7', label: '<b>Billing</b>' }, en)).toBe('<b>Billing</b>');
  });
});

describe('Dimensions', () => {
  beforeEach(() => vi.mocked(ipc.exploreDimensions).mockReset());

  it('offers the core’s list, nothing before it answers, and its error as the core said it', async () => {
    vi.mocked(ipc.exploreDimensions).mockResolvedValueOnce([{ name: 'channel', label: null }]);
    const dimensions = new Dimensions();
    expect(dimensions.options).toEqual([]);
    await dimensions.load();
    expect(dimensions.options).toEqual([{ name: 'channel', label: null }]);
    vi.mocked(ipc.exploreDimensions).mockRejectedValueOnce({ code: 'workspace', message: 'no workspace open' });
    await dimensions.load();
    expect(dimensions.error).toEqual({ code: 'workspace', message: 'no workspace open' });
    expect(dimensions.options).toEqual([{ name: 'channel', label: null }]);
  });

  it('asks again on Retry only after a failure', async () => {
    vi.mocked(ipc.exploreDimensions).mockResolvedValue([]);
    const dimensions = new Dimensions();
    await dimensions.load();
    await dimensions.retry();
    expect(ipc.exploreDimensions).toHaveBeenCalledOnce();
    vi.mocked(ipc.exploreDimensions).mockRejectedValueOnce({ code: 'internal', message: 'database is locked' });
    await dimensions.load();
    await dimensions.retry();
    expect(ipc.exploreDimensions).toHaveBeenCalledTimes(3);
    expect(dimensions.error).toBeNull();
  });
});

describe('filter menus', () => {
  const valuesMock = vi.mocked(ipc.dimensionValues);

  beforeEach(() => valuesMock.mockReset());

  async function openMenu(onchange = vi.fn()) {
    render(Filters, {
      dimensions: [
        { name: 'group', label: null },
        { name: 'field:9', label: 'Plan' },
      ],
      filters: { group: ['42'] },
      onchange,
    });
    const menu = screen.getByTestId('filter-group') as HTMLDetailsElement;
    menu.open = true;
    await fireEvent(menu, new Event('toggle'));
    return menu;
  }

  it('names each menu and labels its values, “no value” included, loading them once', async () => {
    valuesMock.mockResolvedValue([
      { key: '42', label: 'Billing', tickets: 1200 },
      { key: null, label: '(none)', tickets: 31 },
    ]);
    const menu = await openMenu();
    expect(screen.getByTestId('filter-field:9')).toHaveTextContent('Plan');
    await waitFor(() => expect(menu).toHaveTextContent('(no value)'));
    expect(menu.querySelector('summary')).toHaveTextContent('Group: Billing');
    expect(menu).toHaveTextContent('1,200');
    await fireEvent(menu, new Event('toggle'));
    expect(valuesMock).toHaveBeenCalledOnce();
    expect(valuesMock).toHaveBeenCalledWith('group', null);
  });

  it('adds a value to the filters and shows a failure as the core’s message', async () => {
    valuesMock.mockResolvedValueOnce([{ key: null, label: '(none)', tickets: 3 }]);
    const onchange = vi.fn();
    const menu = await openMenu(onchange);
    await fireEvent.click(await screen.findByRole('checkbox'));
    expect(onchange).toHaveBeenCalledWith({ group: ['42', null] });

    valuesMock.mockRejectedValueOnce({ code: 'internal', message: 'database is locked' });
    const other = screen.getByTestId('filter-field:9') as HTMLDetailsElement;
    other.open = true;
    await fireEvent(other, new Event('toggle'));
    expect(await screen.findByRole('alert')).toHaveTextContent('database is locked');
    expect(menu).toBeInTheDocument();
  });
});

describe('filter chips', () => {
  const valuesMock = vi.mocked(ipc.dimensionValues);
  const assignees = [
    { key: '7', label: 'Dana Kim', tickets: 505 },
    { key: '8', label: 'Ilya Petrov', tickets: 300 },
    { key: '9', label: 'Min-jun Lee', tickets: 12 },
  ];
  const scope = (filters: string[]): ipc.ValueScope => ({
    period: { kind: 'last_30_days' },
    request: { from: null, to: null, tz: null, every: null, by: null, filters, kpis: [], hours: null, top: null },
  });

  beforeEach(() => {
    valuesMock.mockReset();
    valuesMock.mockResolvedValue(assignees);
  });

  function chip(): HTMLElement {
    return screen.getByTestId('filter-assignee').querySelector('summary')!;
  }

  it('names the one value chosen, never “1 selected”, before the menu is ever opened', async () => {
    render(Filters, {
      dimensions: [{ name: 'assignee', label: null }],
      filters: { assignee: ['7'] },
      scope: scope(['assignee=7']),
      onchange: vi.fn(),
    });
    await waitFor(() => expect(chip()).toHaveTextContent('Assignee: Dana Kim'));
    expect(chip()).toHaveAttribute('title', 'Assignee: Dana Kim');
  });

  it('names the first of several and counts the rest', async () => {
    const { rerender } = render(Filters, {
      dimensions: [{ name: 'assignee', label: null }],
      filters: { assignee: ['7', '9', null] },
      onchange: vi.fn(),
    });
    await waitFor(() => expect(chip()).toHaveTextContent('Assignee: Dana Kim +2'));
    await rerender({ filters: {} });
    expect(chip()).toHaveTextContent(/^Assignee$/);
  });

  it('counts values in the report’s scope and asks again only when the scope changes', async () => {
    const { rerender } = render(Filters, {
      dimensions: [{ name: 'assignee', label: null }],
      filters: { assignee: ['7'] },
      scope: scope(['assignee=7']),
      onchange: vi.fn(),
    });
    await waitFor(() => expect(valuesMock).toHaveBeenCalledWith('assignee', scope(['assignee=7'])));
    const menu = screen.getByTestId('filter-assignee') as HTMLDetailsElement;
    menu.open = true;
    await fireEvent(menu, new Event('toggle'));
    expect(menu).toHaveTextContent('Tickets created in the period');
    expect([...menu.querySelectorAll('[data-testid="filter-count"]')].map((c) => c.textContent)).toEqual(['505', '300', '12']);
    await rerender({ scope: scope(['assignee=7']) });
    expect(valuesMock).toHaveBeenCalledOnce();
    await rerender({ scope: scope(['assignee=7', 'channel=email']) });
    await waitFor(() => expect(valuesMock).toHaveBeenCalledTimes(2));
    expect(valuesMock).toHaveBeenLastCalledWith('assignee', scope(['assignee=7', 'channel=email']));
  });

  it('closes on Escape, giving focus back to the chip, and on a press outside', async () => {
    render(Filters, { dimensions: [{ name: 'assignee', label: null }], filters: {}, onchange: vi.fn() });
    const menu = screen.getByTestId('filter-assignee') as HTMLDetailsElement;
    menu.open = true;
    await fireEvent(menu, new Event('toggle'));
    const search = menu.querySelector('input')!;
    search.focus();
    await fireEvent.keyDown(search, { key: 'Escape' });
    expect(menu.open).toBe(false);
    expect(document.activeElement).toBe(chip());

    menu.open = true;
    await fireEvent.pointerDown(menu.querySelector('.panel')!);
    expect(menu.open).toBe(true);
    await fireEvent.pointerDown(document.body);
    expect(menu.open).toBe(false);
  });
});
