//! The user's edits of the last feedback report's themes, kept per workspace for every
//! later report: merging themes, splitting a theme by a phrase, and undoing either.
//! Renaming is `Session::rename_theme`.

use super::feedback::FeedbackScreen;
use super::limits::check_text;
use super::{AppError, Session};
use crate::feedback::report::{EditOutcome, Theme, ThemeEditKind};
use crate::feedback::{theme_edits, FeedbackReport};
use crate::store::KeptEdit;

/// Theme `id` of `report`.
pub(super) fn theme_of<'r>(report: &'r FeedbackReport, id: &str) -> Result<&'r Theme, AppError> {
    report
        .themes
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::NotInFeedbackReport {
            kind: "theme",
            id: id.chars().take(40).collect(),
        })
}

/// A name the user typed: trimmed, `None` when empty, refused when too long.
pub(super) fn typed_name(name: Option<&str>) -> Result<Option<&str>, AppError> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(name) = name {
        check_text(name)?;
    }
    Ok(name)
}

impl Session {
    /// Merges themes `ids` (two or more of one language) of the last report into one,
    /// named `name` or else the first theme's name.
    pub fn merge_themes(&self, ids: &[String], name: Option<&str>) -> Result<(), AppError> {
        ids.iter().try_for_each(check_text)?;
        let name = typed_name(name)?;
        let run = self.last_feedback()?;
        let mut themes: Vec<&Theme> = Vec::new();
        for id in ids {
            let theme = theme_of(&run.report, id)?;
            if !themes.iter().any(|t| t.id == theme.id) {
                themes.push(theme);
            }
        }
        let first = match themes.as_slice() {
            [first, rest @ ..] if !rest.is_empty() && rest.iter().all(|t| t.lang == first.lang) => {
                *first
            }
            _ => return Err(AppError::MergeNeedsThemes),
        };
        let edit = theme_edits::merged(&themes, Some(name.unwrap_or(&first.label)));
        self.keep_edit(first, &edit).map(drop)
    }

    /// Splits the texts of theme `id` of the last report that say `phrase` into a
    /// theme of their own, named by the phrase. A phrase that no text or every text of
    /// the theme says is refused and not kept; the report it makes becomes the last and
    /// is returned, since it was computed to check the split.
    pub fn split_theme(&self, id: &str, phrase: &str) -> Result<FeedbackScreen, AppError> {
        check_text(id)?;
        check_text(phrase)?;
        let phrase = phrase.trim();
        let run = self.last_feedback()?;
        let theme = theme_of(&run.report, id)?;
        let shown = || phrase.chars().take(40).collect();
        if theme_edits::phrase_stems(theme.lang, phrase).is_empty() {
            return Err(AppError::NoSplitWords(shown()));
        }
        let number = self.start_feedback()?;
        let edit = self.keep_edit(theme, &theme_edits::split_off(theme, phrase))?;
        let screen = self.feedback_again(&run)?;
        let outcome = screen
            .report
            .edits
            .iter()
            .find(|e| e.id == edit)
            .map(|e| e.outcome);
        let refused = match outcome {
            Some(EditOutcome::Applied) => None,
            Some(EditOutcome::PhraseInEveryText) => Some(AppError::SplitsOffEverything(shown())),
            _ => Some(AppError::SplitsOffNothing(shown())),
        };
        if let Some(err) = refused {
            self.remove_theme_edit(edit)?;
            return Err(err);
        }
        self.keep_feedback(number, screen.report.clone(), run.query.clone())?;
        Ok(screen)
    }

    /// Forgets kept edit `edit` (of the last report's `edits`), whether or not it
    /// changes the last report: an edit whose themes are gone is removed this way.
    pub fn remove_theme_edit(&self, edit: i64) -> Result<(), AppError> {
        self.with_open(|open| {
            let w = open.workspace.store_mut().write()?;
            if !w.remove_theme_edit(edit)? {
                return Err(AppError::NoThemeEdit(edit));
            }
            Ok(w.commit()?)
        })
    }

    /// Undoes the merge or split that last shaped theme `id` of the last report.
    pub fn undo_theme_edit(&self, id: &str) -> Result<(), AppError> {
        check_text(id)?;
        let run = self.last_feedback()?;
        let theme = theme_of(&run.report, id)?;
        let edit = theme
            .edit
            .as_ref()
            .ok_or_else(|| AppError::NothingToUndo(theme.id.clone()))?;
        self.remove_theme_edit(edit.id)
    }

    /// Names a merged theme (`None`: from its texts); false when `theme` is not one.
    pub(super) fn rename_merged(
        &self,
        theme: &Theme,
        name: Option<&str>,
    ) -> Result<bool, AppError> {
        let Some(edit) = theme
            .edit
            .as_ref()
            .filter(|e| e.kind == ThemeEditKind::Merged)
        else {
            return Ok(false);
        };
        self.with_open(|open| {
            let w = open.workspace.store_mut().write()?;
            w.set_theme_edit_name(edit.id, name)?;
            Ok(w.commit()?)
        })?;
        Ok(true)
    }

    /// Keeps `edit` of `theme`'s language; returns its id.
    fn keep_edit(&self, theme: &Theme, edit: &KeptEdit) -> Result<i64, AppError> {
        let at = self.now();
        self.with_open(|open| {
            let w = open.workspace.store_mut().write()?;
            let id = w.add_theme_edit(theme.lang.code(), edit, at)?;
            w.commit()?;
            Ok(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::analytics::views::overview::PeriodPreset;
    use crate::app::testing::{demo, refused};
    use crate::export::{feedback_table, Cell, FeedbackTable, TableSource};
    use crate::feedback::text::Lang;
    use crate::feedback::FeedbackRequest;
    use crate::store::TicketKey;

    fn report(session: &Session) -> FeedbackReport {
        session
            .feedback(Some(&PeriodPreset::Last90Days), FeedbackRequest::default())
            .unwrap()
            .report
    }

    fn edited(report: &FeedbackReport, kind: ThemeEditKind) -> Vec<&Theme> {
        report
            .themes
            .iter()
            .filter(|t| t.edit.as_ref().is_some_and(|e| e.kind == kind))
            .collect()
    }

    /// The `edit` and `split_by` cells of every row of the report's themes export.
    fn exported_edits(report: &FeedbackReport) -> Vec<(Cell, Cell)> {
        let mut table = feedback_table(report, FeedbackTable::Themes, chrono_tz::UTC);
        let at = |name: &str| table.columns().iter().position(|c| c.name == name).unwrap();
        let (edit, by) = (at("edit"), at("split_by"));
        let rows = table.next_rows().unwrap().unwrap_or_default();
        rows.into_iter()
            .map(|r| (r[edit].clone(), r[by].clone()))
            .collect()
    }

    fn tickets<'a>(themes: impl IntoIterator<Item = &'a Theme>) -> BTreeSet<TicketKey> {
        themes.into_iter().flat_map(|t| t.tickets.clone()).collect()
    }

    #[test]
    fn merged_themes_are_one_theme_named_by_the_first_until_undone() {
        let (_dir, session) = demo();
        let before = report(&session);
        let en: Vec<&Theme> = before
            .themes
            .iter()
            .filter(|t| t.lang == Lang::En)
            .collect();
        let (a, b) = (en[0], en[2]);
        session
            .merge_themes(&[a.id.clone(), b.id.clone()], None)
            .unwrap();
        let after = report(&session);
        let merged = edited(&after, ThemeEditKind::Merged);
        assert_eq!(merged.len(), 1, "one theme holds both");
        let merged = merged[0];
        assert_eq!(
            (merged.label.as_str(), merged.renamed),
            (a.label.as_str(), true)
        );
        assert_eq!(
            tickets([merged]),
            tickets([a, b]),
            "the union of their tickets, nothing else"
        );
        assert_eq!(after.themes.len() + 1, before.themes.len());
        assert!(merged.examples.len() >= 3, "quotes ranked again");

        let at = after.themes.iter().position(|t| t.id == merged.id).unwrap();
        assert_eq!(
            exported_edits(&after)[at],
            (Cell::Text("merged".into()), Cell::Null),
            "exports say which theme was merged"
        );

        session.rename_theme(&merged.id, Some("Both")).unwrap();
        let renamed = report(&session);
        assert_eq!(edited(&renamed, ThemeEditKind::Merged)[0].label, "Both");

        session.undo_theme_edit(&merged.id).unwrap();
        let undone = report(&session);
        let labels = |r: &FeedbackReport| -> Vec<(String, u64)> {
            r.themes
                .iter()
                .map(|t| (t.label.clone(), t.count))
                .collect()
        };
        assert_eq!(
            labels(&undone),
            labels(&before),
            "as the texts make them again"
        );
    }

    #[test]
    fn a_split_moves_the_texts_saying_the_phrase_into_a_theme_named_by_it() {
        let (_dir, session) = demo();
        let before = report(&session);
        let theme = before.themes.iter().find(|t| t.lang == Lang::En).unwrap();
        let phrase = theme.terms[1].clone();
        let split = session
            .split_theme(&theme.id, &format!(" {phrase} "))
            .unwrap();
        assert_eq!(
            split.report,
            session.last_feedback().unwrap().report,
            "the report that checked the split is returned and kept"
        );
        let asked = session
            .feedback(Some(&PeriodPreset::Last90Days), FeedbackRequest::default())
            .unwrap();
        let json = |s: &FeedbackScreen| serde_json::to_value(s).unwrap();
        assert_eq!(
            json(&split),
            json(&asked),
            "charts and all, as asking again makes it"
        );
        let after = asked.report;
        let (off, rest) = (
            edited(&after, ThemeEditKind::SplitOff),
            edited(&after, ThemeEditKind::SplitRest),
        );
        assert_eq!(
            (off.len(), rest.len()),
            (1, 1),
            "two parts: {phrase:?} and the rest"
        );
        assert_eq!(off[0].label, phrase);
        assert_eq!(
            off[0].edit.as_ref().unwrap().phrase.as_deref(),
            Some(phrase.as_str())
        );
        assert!(off[0].count > 0 && rest[0].count > 0);
        let exported = exported_edits(&after);
        for (theme, kind) in [(off[0], "split_off"), (rest[0], "split_rest")] {
            let at = after.themes.iter().position(|t| t.id == theme.id).unwrap();
            assert_eq!(
                exported[at],
                (Cell::Text(kind.into()), Cell::Text(phrase.clone())),
                "exports say which theme was split by what"
            );
        }
        assert_eq!(
            tickets([off[0], rest[0]]),
            tickets([theme]),
            "no ticket gained or lost"
        );

        session.undo_theme_edit(&off[0].id).unwrap();
        let undone = report(&session);
        assert!(undone.themes.iter().all(|t| t.edit.is_none()));
        assert_eq!(undone.themes.len(), before.themes.len());
    }

    #[test]
    fn edits_that_cannot_be_made_are_refused_with_the_reason() {
        let (_dir, session) = demo();
        let before = report(&session);
        let en = before.themes.iter().find(|t| t.lang == Lang::En).unwrap();
        let ko = before.themes.iter().find(|t| t.lang == Lang::Ko).unwrap();
        let merge = |ids: &[&str]| {
            let ids: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
            refused(session.merge_themes(&ids, None))
        };
        assert!(merge(&[&en.id]).contains("two or more"));
        assert!(
            merge(&[&en.id, &en.id]).contains("two or more"),
            "one theme twice"
        );
        assert!(merge(&[&en.id, &ko.id]).contains("one language"));
        assert!(merge(&[&en.id, "xx-9"]).contains("no theme"));
        assert!(refused(session.split_theme(&en.id, " the ")).contains("no words"));
        assert!(
            refused(session.split_theme(&en.id, "zebra crossing")).contains("no text"),
            "a phrase no text says splits nothing and is not kept"
        );
        assert!(refused(session.undo_theme_edit(&en.id)).contains("not merged or split"));
        assert!(refused(session.remove_theme_edit(999)).contains("no theme edit"));
        assert!(
            session.last_feedback().is_ok() && report(&session).themes == before.themes,
            "nothing was kept"
        );
        assert!(report(&session).edits.is_empty());
    }

    #[test]
    fn themes_keep_their_ids_across_an_edit_of_others_and_edits_are_listed_and_removed() {
        let (_dir, session) = demo();
        let before = report(&session);
        let en: Vec<&Theme> = before
            .themes
            .iter()
            .filter(|t| t.lang == Lang::En)
            .collect();
        session
            .merge_themes(&[en[0].id.clone(), en[1].id.clone()], Some("Both"))
            .unwrap();
        let after = report(&session);
        for untouched in &en[2..] {
            let same = after.themes.iter().find(|t| t.id == untouched.id);
            assert_eq!(
                same.map(|t| t.count),
                Some(untouched.count),
                "{} keeps its id",
                untouched.id
            );
        }
        let [edit] = after.edits.as_slice() else {
            panic!("one edit: {:?}", after.edits)
        };
        assert_eq!(
            (edit.kind, edit.words.as_deref(), edit.outcome),
            (ThemeEditKind::Merged, Some("Both"), EditOutcome::Applied)
        );
        let ko = session
            .feedback(
                Some(&PeriodPreset::Last90Days),
                FeedbackRequest {
                    lang: Some("ko".into()),
                    ..FeedbackRequest::default()
                },
            )
            .unwrap()
            .report;
        assert_eq!(
            ko.edits[0].outcome,
            EditOutcome::NoTextsInLanguage,
            "an English edit changes nothing in a Korean report"
        );
        session.remove_theme_edit(edit.id).unwrap();
        let removed = report(&session);
        assert!(removed.edits.is_empty());
        assert_eq!(removed.themes, before.themes, "as before the merge");
    }
}
