/**
 * The Import dialog's logic, apart from its markup: what the user set becomes the core's
 * `ImportChoice`, the status table joins the preset's rows with the file's unknown
 * statuses, skipped rows are worded per reason, and progress becomes a share.
 */
import type { MessageKey, Translator } from '../i18n';
import type { ImportChoice, ImportProgress, PresetOption, SkipCode, SkipGroup, StatusChoice } from '../ipc';

/** A column left out of the import (the `<select>` value for "not imported"). */
export const NOT_IMPORTED = '';

/** A column kept as a custom field named like its header. */
export const CUSTOM_FIELD = 'field:';

/** What the user set in the dialog. */
export interface ImportDraft {
  preset: string;
  /** Header → field, only for columns the user changed by hand. */
  columns: Readonly<Record<string, string>>;
  /** File status → state, only for rows the user changed. */
  statuses: Readonly<Record<string, string>>;
  source: string;
  tz: string;
  dateFormat: string;
  excludeNeutral: boolean;
}

export const EMPTY_DRAFT: ImportDraft = {
  preset: 'generic',
  columns: {},
  statuses: {},
  source: '',
  tz: '',
  dateFormat: '',
  excludeNeutral: false,
};

const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * The core's request for a draft, saving the mapping as `savePreset` when given; a
 * custom-field choice names the field after its column.
 */
export function toChoice(draft: ImportDraft, savePreset = ''): ImportChoice {
  return {
    preset: draft.preset,
    columns: Object.entries(draft.columns).map(([column, field]) => ({
      column,
      field: field === CUSTOM_FIELD ? `${CUSTOM_FIELD}${column}` : field,
    })),
    statuses: Object.entries(draft.statuses).map(([value, state]) => ({ value, state })),
    source: blankToNull(draft.source),
    tz: blankToNull(draft.tz),
    date_format: blankToNull(draft.dateFormat),
    exclude_neutral: draft.excludeNeutral,
    save_preset: blankToNull(savePreset),
  };
}

/**
 * The field a column's picker shows: the user's choice (a blank one leaves the column
 * out, even one the preset maps), else what the preview mapped it to.
 */
export function columnValue(draft: ImportDraft, header: string, mapped: string | null): string {
  const chosen = draft.columns[header];
  if (chosen !== undefined) return chosen;
  if (mapped === null) return NOT_IMPORTED;
  return mapped.startsWith(CUSTOM_FIELD) ? CUSTOM_FIELD : mapped;
}

/**
 * The status table: the preset's rows, then the statuses the file has and nothing maps
 * (empty state until the user picks one), each with the user's change applied.
 */
export function statusRows(
  preset: PresetOption | undefined,
  unknown: readonly string[],
  edits: Readonly<Record<string, string>>,
): StatusChoice[] {
  const rows: StatusChoice[] = (preset?.statuses ?? []).map((row) => ({ ...row }));
  for (const value of unknown) {
    if (!rows.some((row) => row.value === value)) rows.push({ value, state: '' });
  }
  for (const [value, state] of Object.entries(edits)) {
    const row = rows.find((r) => r.value === value);
    if (row) row.state = state;
    else rows.push({ value, state });
  }
  return rows;
}

const SKIP_KEYS: Readonly<Record<SkipCode, MessageKey>> = {
  unreadable: 'import.skip.unreadable',
  cell_count: 'import.skip.cellCount',
  missing_id: 'import.skip.missingId',
  missing: 'import.skip.missing',
  bad_date: 'import.skip.badDate',
  unknown_status: 'import.skip.unknownStatus',
  bad_score: 'import.skip.badScore',
  not_kept: 'import.skip.notKept',
  unmatched: 'import.skip.unmatched',
};

/** Why a group's rows are skipped, in the user's language; the subject stays as the file wrote it. */
export function skipReason(group: SkipGroup, t: Translator): string {
  return t(SKIP_KEYS[group.code], { subject: group.subject ?? '' });
}

/** The group's first lines, "3, 8, 12" and "…" when it has more. */
export function skipLines(group: SkipGroup, count: (n: number) => string): string {
  const lines = group.lines.map(count).join(', ');
  return group.count > group.lines.length ? `${lines}, …` : lines;
}

/** How far the file is read, 0–100; null before the size is known. */
export function progressPercent(progress: ImportProgress | null): number | null {
  if (!progress || progress.total_bytes <= 0) return null;
  return Math.min(100, Math.round((progress.bytes_read / progress.total_bytes) * 100));
}

/** The delimiter as the dialog names it: a tab has no visible character. */
export function delimiterLabel(delimiter: string | null, t: Translator): string {
  if (delimiter === null) return '—';
  return delimiter === 'tab' ? t('import.delimiter.tab') : `"${delimiter}"`;
}
