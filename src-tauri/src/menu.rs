//! The native menu, in the UI's language. Items that concern the page are forwarded to
//! it as a `menu` event whose payload names the action. The page tells the shell its
//! language when it is not English and on every change; the menu's words then change
//! in place (a new menu would register its shortcuts again).

use deskbench::app::menu_words::Entry;
use deskbench::charts::Locale;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, MenuItemKind, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// Menu ids that the page handles.
const PAGE_ACTIONS: [&str; 4] = ["import", "refresh", "theme", "about"];

/// The menu at start, in English until the page says its language.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let text = |entry: Entry| entry.label(Locale::En);
    let submenu = |entry: Entry| SubmenuBuilder::with_id(app, entry.id(), text(entry));
    let item = |entry: Entry, keys: &str| {
        let item = MenuItemBuilder::with_id(entry.id(), text(entry));
        if keys.is_empty() {
            item
        } else {
            item.accelerator(keys)
        }
        .build(app)
    };
    let file = (submenu(Entry::File).item(&item(Entry::Import, "CmdOrCtrl+I")?))
        .separator()
        .quit_with_text(text(Entry::Quit));
    let view = submenu(Entry::View)
        .item(&item(Entry::Refresh, "CmdOrCtrl+R")?)
        .item(&item(Entry::Theme, "CmdOrCtrl+Shift+L")?);
    let help = submenu(Entry::Help).item(&item(Entry::About, "")?);
    MenuBuilder::new(app)
        .items(&[&file.build()?, &view.build()?, &help.build()?])
        .build()
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
    fn every_page_action_has_words() {
        for action in PAGE_ACTIONS {
            assert!(Entry::of(action).is_some(), "{action} has words");
        }
    }
}
