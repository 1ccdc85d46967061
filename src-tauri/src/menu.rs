//! The native menu, in the UI's language. Items that concern the page are forwarded to
//! it as a `menu` event whose payload names the action. The page tells the shell its
//! language when it is not English and on every change; the menu's words then change
//! in place (a new menu would register its shortcuts again).

use deskbench::charts::Locale;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, MenuItemKind, SubmenuBuilder};
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

const ENTRIES: [Entry; 7] = [
    Entry::File,
    Entry::Quit,
    Entry::View,
    Entry::Refresh,
    Entry::Theme,
    Entry::Help,
    Entry::About,
];

impl Entry {
    /// The menu id of the entry (Quit, a predefined item, has one of its own).
    fn id(self) -> &'static str {
        match self {
            Entry::File => "file",
            Entry::Quit => "quit",
            Entry::View => "view",
            Entry::Refresh => "refresh",
            Entry::Theme => "theme",
            Entry::Help => "help",
            Entry::About => "about",
        }
    }

    fn of(id: &str) -> Option<Entry> {
        ENTRIES.into_iter().find(|entry| entry.id() == id)
    }

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

/// The menu at start, in English until the page says its language.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let text = |entry: Entry| entry.label(Locale::En);
    let file = SubmenuBuilder::with_id(app, Entry::File.id(), text(Entry::File))
        .quit_with_text(text(Entry::Quit))
        .build()?;
    let view = SubmenuBuilder::with_id(app, Entry::View.id(), text(Entry::View))
        .item(
            &MenuItemBuilder::with_id(Entry::Refresh.id(), text(Entry::Refresh))
                .accelerator("CmdOrCtrl+R")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id(Entry::Theme.id(), text(Entry::Theme))
                .accelerator("CmdOrCtrl+Shift+L")
                .build(app)?,
        )
        .build()?;
    let help = SubmenuBuilder::with_id(app, Entry::Help.id(), text(Entry::Help))
        .item(&MenuItemBuilder::with_id(Entry::About.id(), text(Entry::About)).build(app)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &view, &help]).build()
}

/// Puts every entry of `menu` in `locale`.
pub fn translate<R: Runtime>(menu: &Menu<R>, locale: Locale) -> tauri::Result<()> {
    menu.items()?
        .iter()
        .try_for_each(|item| relabel(item, locale))
}

fn relabel<R: Runtime>(item: &MenuItemKind<R>, locale: Locale) -> tauri::Result<()> {
    match item {
        MenuItemKind::Submenu(submenu) => {
            if let Some(entry) = Entry::of(submenu.id().as_ref()) {
                submenu.set_text(entry.label(locale))?;
            }
            submenu
                .items()?
                .iter()
                .try_for_each(|child| relabel(child, locale))
        }
        MenuItemKind::MenuItem(item) => match Entry::of(item.id().as_ref()) {
            Some(entry) => item.set_text(entry.label(locale)),
            None => Ok(()),
        },
        // Quit is the menu's only predefined item.
        MenuItemKind::Predefined(quit) => quit.set_text(Entry::Quit.label(locale)),
        _ => Ok(()),
    }
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

    #[test]
    fn every_entry_is_found_by_its_id() {
        for entry in ENTRIES {
            assert_eq!(Entry::of(entry.id()), Some(entry));
        }
        for action in PAGE_ACTIONS {
            assert!(Entry::of(action).is_some(), "{action} has words");
        }
    }

    const LOCALES: [Locale; 3] = [Locale::En, Locale::Ko, Locale::Ru];

    #[test]
    fn every_entry_has_words_in_every_language() {
        for entry in ENTRIES {
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
        for entry in ENTRIES {
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
            let mut words: Vec<_> = ENTRIES.iter().map(|e| e.label(locale)).collect();
            words.sort_unstable();
            words.dedup();
            assert_eq!(
                words.len(),
                ENTRIES.len(),
                "two entries share words in {locale:?}"
            );
        }
    }
}
