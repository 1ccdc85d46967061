import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';

import type { Column } from '../lib/table/columns';
import DataTable from './DataTable.svelte';

interface Row {
  id: string;
  name: string;
  tickets: number | null;
}

const rows: Row[] = [
  { id: '1', name: 'Anna', tickets: 12 },
  { id: '2', name: '<b>Boris</b>', tickets: null },
  { id: '3', name: 'Chen', tickets: 40 },
];

/** A cell that shows one field of the row as text. */
const text = (field: keyof Row) =>
  createRawSnippet<[Row, Column<Row>]>((row) => ({
    render: () => '<span></span>',
    setup: (node) => {
      node.textContent = String(row()[field] ?? '—');
    },
  }));

const columns: Column<Row>[] = [
  { id: 'name', header: 'Name', cell: text('name'), rowHeader: true, sortValue: (row) => row.name },
  { id: 'tickets', header: 'Tickets', cell: text('tickets'), numeric: true, sortValue: (row) => row.tickets },
  { id: 'note', header: 'Note', cell: text('id'), wrap: true },
];

const names = () => screen.getAllByTestId('row').map((row) => row.querySelector('th')?.textContent);

function setup(props: Partial<{ rows: Row[]; onrowclick: (row: Row) => void }> = {}) {
  return render(DataTable<Row>, {
    rows,
    columns,
    key: (row: Row) => row.id,
    testid: 'table',
    rowAttributes: (row: Row) => ({ 'data-testid': 'row', 'data-id': row.id }),
    ...props,
  });
}

describe('DataTable', () => {
  it('heads columns and rows for assistive technology and aligns numbers right', () => {
    setup();
    const table = screen.getByTestId('table');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((th) => th.getAttribute('scope'))).toEqual(['col', 'col', 'col']);
    expect(headers.map((th) => th.textContent?.trim())).toEqual(['Name', 'Tickets', 'Note']);
    expect(within(table).getAllByRole('rowheader').map((th) => th.getAttribute('scope'))).toEqual(['row', 'row', 'row']);
    const tickets = screen.getAllByTestId('row')[0]!.querySelectorAll('td')[0]!;
    expect(tickets).toHaveClass('number');
    expect(headers[1]).toHaveClass('number');
    expect(headers[0]).not.toHaveClass('number');
  });

  it('shows rows in the given order until a header is clicked', () => {
    setup();
    expect(names()).toEqual(['Anna', '<b>Boris</b>', 'Chen']);
    expect(screen.getAllByRole('columnheader').map((th) => th.getAttribute('aria-sort'))).toEqual(['none', 'none', null]);
  });

  it('sorts on a header button, numbers highest first, then flips, without values last', async () => {
    setup();
    const tickets = screen.getByTestId('sort-tickets');
    expect(tickets.tagName).toBe('BUTTON');
    await fireEvent.click(tickets);
    expect(tickets.closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual(['Chen', 'Anna', '<b>Boris</b>']);
    await fireEvent.click(tickets);
    expect(tickets.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['Anna', 'Chen', '<b>Boris</b>']);
    await fireEvent.click(screen.getByTestId('sort-name'));
    expect(screen.getByTestId('sort-name').closest('th')).toHaveAttribute('aria-sort', 'ascending');
    expect(tickets.closest('th')).toHaveAttribute('aria-sort', 'none');
    expect(names()).toEqual(['<b>Boris</b>', 'Anna', 'Chen']);
    // A column without a sort value has a plain header.
    expect(screen.queryByTestId('sort-note')).toBeNull();
  });

  it('keeps cell text as text', () => {
    setup();
    expect(screen.getByTestId('table').querySelector('b')).toBeNull();
  });

  it('says what an empty table means instead of drawing it', () => {
    render(DataTable<Row>, {
      rows: [],
      columns,
      key: (row: Row) => row.id,
      testid: 'table',
      empty: 'No agents in this period.',
      emptyTestid: 'table-empty',
    });
    expect(screen.getByTestId('table-empty')).toHaveTextContent('No agents in this period.');
    expect(screen.queryByTestId('table')).toBeNull();
  });

  it('draws the headers alone for an empty table without an empty text', () => {
    setup({ rows: [] });
    expect(within(screen.getByTestId('table')).getAllByRole('columnheader')).toHaveLength(3);
    expect(screen.queryAllByTestId('row')).toHaveLength(0);
  });

  it('opens a row on click', async () => {
    const onrowclick = vi.fn();
    setup({ onrowclick });
    await fireEvent.click(screen.getAllByTestId('row')[2]!);
    expect(onrowclick).toHaveBeenCalledWith(rows[2]);
    expect(screen.queryByTestId('export-menu')).toBeNull();
  });

  it('offers the data export above the table when given one', () => {
    render(DataTable<Row>, {
      rows,
      columns,
      key: (row: Row) => row.id,
      exports: { data: { kind: 'feedback', table: 'kb_gaps' }, name: 'gaps' },
    });
    expect(screen.getByTestId('export-menu')).toBeInTheDocument();
    expect(screen.getByTestId('export-menu').tagName).toBe('DETAILS');
  });

  it('disables the export of an empty table and says why', () => {
    render(DataTable<Row>, {
      rows: [],
      columns,
      key: (row: Row) => row.id,
      exports: { data: { kind: 'feedback', table: 'kb_gaps' }, name: 'gaps' },
    });
    const menu = screen.getByTestId('export-menu');
    expect(menu).toBeDisabled();
    expect(menu).toHaveAttribute('title', 'Nothing to export for this period');
    expect(menu).toHaveAccessibleDescription('Nothing to export for this period');
  });
});
