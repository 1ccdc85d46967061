/**
 * The user's edits of a report's themes besides renaming: merge with other themes of its
 * language, split by a phrase, undo the merge or split that shaped it. The core keeps
 * them per workspace. A split returns the report it was checked on; after the others the
 * screen reloads the report.
 */
import { mergeThemes, removeThemeEdit, splitTheme, type FeedbackScreen, type Theme } from '../ipc';

export type ThemeEditRequest =
  | { kind: 'merge'; ids: string[]; name: string | null }
  | { kind: 'split'; phrase: string }
  | { kind: 'undo' };

/**
 * Sends the edit of `theme`; a merge joins the others into it, named as asked or as it is.
 * Resolves to the report a split made, or null when the report must be asked for again.
 */
export async function editTheme(theme: Theme, edit: ThemeEditRequest): Promise<FeedbackScreen | null> {
  switch (edit.kind) {
    case 'merge':
      await mergeThemes([theme.id, ...edit.ids], edit.name);
      return null;
    case 'split':
      return splitTheme(theme.id, edit.phrase);
    case 'undo':
      // Only offered for a theme an edit shaped.
      if (theme.edit) await removeThemeEdit(theme.edit.id);
      return null;
  }
}

/** The themes `theme` can merge with: the others of its language, in report order. */
export function mergeCandidates(theme: Theme, themes: readonly Theme[]): Theme[] {
  return themes.filter((other) => other.lang === theme.lang && other.id !== theme.id);
}
