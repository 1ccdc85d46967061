//! The native menu, in the UI's language. Items that concern the page are forwarded to
//! it as a `menu` event whose payload names the action. The page tells the shell its
//! language at start and on every change, and the menu is built again in it.

use deskbench::charts::Locale;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// Menu ids that the page handles.
const PAGE_ACTIONS: [&str; 3] = ["refresh", "theme", "about"];

/// Every entry of the menu that has words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    File,
    Quit,
    View,
    Refresh,
    Theme,
    Help,
    About,
}

impl Entry {
    #[cfg(test)]
    const ALL: [Entry; 7] = [
        Entry::File,
        Entry::Quit,
        Entry::View,
        Entry::Refresh,
        Entry::Theme,
        Entry::Help,
        Entry::About,
    ];

    /// The entry's words in `locale`, in the UI's own terms.
    fn label(self, locale: Locale) -> &'static str {
        let [en, ko, ru] = match self {
            Entry::File => ["File", "파일", "Файл"],
            Entry::Quit => ["Quit", "종료", "Выйти"],
            Entry::View => ["View", "보기", "Вид"],
            Entry::Refresh => ["Reload data", "데이터 새로 고침", "Обновить данные"],
            Entry::Theme => ["Switch theme", "테마 전환", "Сменить тему"],
            Entry::Help => ["Help", "도움말", "Справка"],
            Entry::About => ["About Deskbench", "Deskbench 정보", "О программе Deskbench"],
        };
        match locale {
            Locale::En => en,
            Locale::Ko => ko,
            Locale::Ru => ru,
        }
    }
}

/// The menu at start, before the page has said its language.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    build_in(app, Locale::En)
}

/// The menu in `locale`.
pub fn build_in<R: Runtime>(app: &AppHandle<R>, locale: Locale) -> tauri::Result<Menu<R>> {
    let text = |entry: Entry| entry.label(locale);
    let file = SubmenuBuilder::new(app, text(Entry::File))
        .quit_with_text(text(Entry::Quit))
        .build()?;
    let view = SubmenuBuilder::new(app, text(Entry::View))
        .item(
            &MenuItemBuilder::with_id("refresh", text(Entry::Refresh))
                .accelerator("CmdOrCtrl+R")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("theme", text(Entry::Theme))
                .accelerator("CmdOrCtrl+Shift+L")
                .build(app)?,
        )
        .build()?;
    let help = SubmenuBuilder::new(app, text(Entry::Help))
        .item(&MenuItemBuilder::with_id("about", text(Entry::About)).build(app)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &view, &help]).build()
}

pub fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if let Some(action) = PAGE_ACTIONS.iter().find(|a| **a == id) {
        // A closed window cannot receive it; nothing else to do then.
        let _ = app.emit("menu", *action);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [Locale; 3] = [Locale::En, Locale::Ko, Locale::Ru];

    #[test]
    fn every_entry_has_words_in_every_language() {
        for entry in Entry::ALL {
            for locale in LOCALES {
                assert!(
                    !entry.label(locale).trim().is_empty(),
                    "{entry:?} has no words in {locale:?}"
                );
            }
        }
    }

    #[test]
    fn korean_and_russian_are_translations_not_english_copies() {
        for entry in Entry::ALL {
            let english = entry.label(Locale::En);
            for locale in [Locale::Ko, Locale::Ru] {
                let words = entry.label(locale);
                // "About Deskbench" keeps the product's name; the rest of it is translated.
                assert_ne!(
                    words, english,
                    "{entry:?} in {locale:?} is the English text"
                );
                let script = words.chars().any(|c| match locale {
                    Locale::Ko => ('\u{AC00}'..='\u{D7A3}').contains(&c),
                    _ => ('\u{0400}'..='\u{04FF}').contains(&c),
                });
                assert!(
                    script,
                    "{entry:?} in {locale:?} is not in its script: {words}"
                );
            }
        }
    }

    #[test]
    fn the_entries_of_one_language_are_distinct() {
        for locale in LOCALES {
            let mut words: Vec<_> = Entry::ALL.iter().map(|e| e.label(locale)).collect();
            words.sort_unstable();
            words.dedup();
            assert_eq!(
                words.len(),
                Entry::ALL.len(),
                "two entries share words in {locale:?}"
            );
        }
    }
}
