//! The words of the native menu in each language of the UI. The shell builds the menu
//! from them; keeping them here keeps the shell to wiring, and tests them without it.

use crate::charts::Locale;

/// Every entry of the menu that has words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Import,
    Quit,
    View,
    Refresh,
    Theme,
    Help,
    About,
}

pub const ENTRIES: [Entry; 8] = [
    Entry::File,
    Entry::Import,
    Entry::Quit,
    Entry::View,
    Entry::Refresh,
    Entry::Theme,
    Entry::Help,
    Entry::About,
];

impl Entry {
    /// The menu id of the entry (Quit, a predefined item, has one of its own).
    pub fn id(self) -> &'static str {
        match self {
            Entry::File => "file",
            Entry::Import => "import",
            Entry::Quit => "quit",
            Entry::View => "view",
            Entry::Refresh => "refresh",
            Entry::Theme => "theme",
            Entry::Help => "help",
            Entry::About => "about",
        }
    }

    pub fn of(id: &str) -> Option<Entry> {
        ENTRIES.into_iter().find(|entry| entry.id() == id)
    }

    /// The entry's words in `locale`, in the UI's own terms.
    pub fn label(self, locale: Locale) -> &'static str {
        let [en, ko, ru] = match self {
            Entry::File => ["File", "파일", "Файл"],
            Entry::Import => ["Import a file…", "파일 가져오기…", "Импорт файла…"],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_found_by_its_id() {
        for entry in ENTRIES {
            assert_eq!(Entry::of(entry.id()), Some(entry));
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
