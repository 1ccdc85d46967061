//! The merges and splits the user made to feedback themes (migration 0008): read by
//! every feedback run and applied in the order they were made, written when themes are
//! merged, split or an edit is undone. How a signature finds its theme again is the
//! feedback module's (`feedback::theme_edits`).

use rusqlite::params;

use super::write::Writer;
use super::{Store, StoreError};

/// A kept merge or split of one language's themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeEditRow {
    /// Its number: edits apply in this order, and undo names it.
    pub id: i64,
    /// `en`, `ko` or `ru`.
    pub lang: String,
    pub edit: KeptEdit,
}

/// What was done, to themes known by their signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptEdit {
    /// The themes are one; `name` is the user's (`None`: named from its texts).
    Merge {
        signatures: Vec<String>,
        name: Option<String>,
    },
    /// The texts of the theme that say `phrase` are a theme of their own.
    Split { signature: String, phrase: String },
}

impl Store {
    pub fn theme_edits(&self) -> Result<Vec<ThemeEditRow>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, lang, kind, signatures, phrase, name FROM theme_edits ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(2)?;
            let signatures: String = r.get(3)?;
            let phrase: Option<String> = r.get(4)?;
            let name: Option<String> = r.get(5)?;
            let edit = match (kind.as_str(), phrase) {
                ("merge", _) => Some(KeptEdit::Merge {
                    signatures: signatures.lines().map(str::to_owned).collect(),
                    name,
                }),
                ("split", Some(phrase)) => Some(KeptEdit::Split {
                    signature: signatures,
                    phrase,
                }),
                // The schema allows no other row; one would be no edit.
                _ => None,
            };
            let (id, lang) = (r.get(0)?, r.get(1)?);
            Ok(edit.map(|edit| ThemeEditRow { id, lang, edit }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }
}

impl Writer<'_> {
    /// Keeps an edit after every earlier one; returns its id.
    pub fn add_theme_edit(&self, lang: &str, edit: &KeptEdit, at: i64) -> Result<i64, StoreError> {
        let (kind, signatures, phrase, name) = match edit {
            KeptEdit::Merge { signatures, name } => {
                ("merge", signatures.join("\n"), None, name.as_deref())
            }
            KeptEdit::Split { signature, phrase } => {
                ("split", signature.clone(), Some(phrase.as_str()), None)
            }
        };
        self.tx.execute(
            "INSERT INTO theme_edits (lang, kind, signatures, phrase, name, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![lang, kind, signatures, phrase, name, at],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Names a merge's theme (`None`: from its texts again).
    pub fn set_theme_edit_name(&self, id: i64, name: Option<&str>) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE theme_edits SET name = ?2 WHERE id = ?1 AND kind = 'merge'",
            params![id, name],
        )?;
        Ok(())
    }

    /// Forgets edit `id`, so its themes are as the clustering finds them again; false
    /// when there is none.
    pub fn remove_theme_edit(&self, id: i64) -> Result<bool, StoreError> {
        let removed = self
            .tx
            .execute("DELETE FROM theme_edits WHERE id = ?1", params![id])?;
        Ok(removed > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_kept_in_order_renamed_and_undone() {
        let mut store = Store::open_in_memory().unwrap();
        let merge = KeptEdit::Merge {
            signatures: vec!["log sign".into(), "account lock".into()],
            name: Some("Sign-in".into()),
        };
        let split = KeptEdit::Split {
            signature: "slack stop sync".into(),
            phrase: "Salesforce".into(),
        };
        let w = store.write().unwrap();
        let first = w.add_theme_edit("en", &merge, 1).unwrap();
        let second = w.add_theme_edit("ru", &split, 2).unwrap();
        w.commit().unwrap();
        let row = |id, lang: &str, edit: &KeptEdit| ThemeEditRow {
            id,
            lang: lang.into(),
            edit: edit.clone(),
        };
        assert_eq!(
            store.theme_edits().unwrap(),
            [row(first, "en", &merge), row(second, "ru", &split)],
            "read back as written, oldest first"
        );

        let w = store.write().unwrap();
        w.set_theme_edit_name(first, None).unwrap();
        w.set_theme_edit_name(second, Some("ignored")).unwrap();
        w.remove_theme_edit(second).unwrap();
        w.commit().unwrap();
        let unnamed = KeptEdit::Merge {
            signatures: vec!["log sign".into(), "account lock".into()],
            name: None,
        };
        assert_eq!(store.theme_edits().unwrap(), [row(first, "en", &unnamed)]);
    }
}
