//! The names the user gave feedback themes (migration 0007): read by every feedback run,
//! written when a theme is renamed or reset. Keyed by the theme's language code and
//! signature; what a signature is and how a name finds its theme again is the feedback
//! module's (`feedback::theme_names`).

use rusqlite::params;

use super::write::Writer;
use super::{Store, StoreError};

/// A kept theme name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeName {
    /// `en`, `ko` or `ru`.
    pub lang: String,
    /// The theme's heaviest word stems, sorted, joined by spaces.
    pub signature: String,
    pub name: String,
}

impl Store {
    pub fn theme_names(&self) -> Result<Vec<ThemeName>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT lang, signature, name FROM theme_names ORDER BY lang, signature")?;
        let rows = stmt.query_map([], |r| {
            Ok(ThemeName {
                lang: r.get(0)?,
                signature: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Writer<'_> {
    /// Keeps a theme's name, replacing an earlier one of the same theme.
    pub fn set_theme_name(&self, name: &ThemeName, at: i64) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO theme_names (lang, signature, name, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (lang, signature) DO UPDATE
             SET name = excluded.name, updated_at = excluded.updated_at",
            params![name.lang, name.signature, name.name, at],
        )?;
        Ok(())
    }

    /// Forgets a theme's name: the theme is named from its texts again.
    pub fn clear_theme_name(&self, lang: &str, signature: &str) -> Result<(), StoreError> {
        self.tx.execute(
            "DELETE FROM theme_names WHERE lang = ?1 AND signature = ?2",
            params![lang, signature],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kept_replaced_and_cleared() {
        let mut store = Store::open_in_memory().unwrap();
        let name = |n: &str| ThemeName {
            lang: "en".into(),
            signature: "log sign".into(),
            name: n.into(),
        };
        let w = store.write().unwrap();
        w.set_theme_name(&name("Sign-in"), 1).unwrap();
        w.set_theme_name(&name("Login"), 2).unwrap();
        w.commit().unwrap();
        assert_eq!(store.theme_names().unwrap(), [name("Login")]);
        let w = store.write().unwrap();
        w.clear_theme_name("en", "log sign").unwrap();
        w.commit().unwrap();
        assert!(store.theme_names().unwrap().is_empty());
    }
}
