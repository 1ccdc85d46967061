/**
 * The user's edits of a report's themes besides renaming: merge with other themes of its
 * language, split by a phrase, undo the merge or split that shaped it. The core keeps
 * them per workspace; the screen reloads the report after each.
 */
import { mergeThemes, removeThemeEdit, splitTheme, type Theme } from '../ipc';

export type ThemeEditRequest =
  | { kind: 'merge'; ids: string[]; name: string | null }
  | { kind: 'split'; phrase: string }
  | { kind: 'undo' };

/** Sends the edit of `theme`; a merge joins the others into it, named as asked or as it is. */
export function editTheme(theme: Theme, edit: ThemeEditRequest): Promise<void> {
  switch (edit.kind) {
    case 'merge':
      return mergeThemes([theme.id, ...edit.ids], edit.name);
    case 'split':
      return splitTheme(theme.id, edit.phrase);
    case 'undo':
      // Only offered for a theme an edit shaped.
      return theme.edit ? removeThemeEdit(theme.edit.id) : Promise.resolve();
  }
}

/** The themes `theme` can merge with: the others of its language, in report order. */
export function mergeCandidates(theme: Theme, themes: readonly Theme[]): Theme[] {
  return themes.filter((other) => other.lang === theme.lang && other.id !== theme.id);
}
