//! The native menu. Items that concern the page are forwarded to it as a `menu` event
//! whose payload names the action.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// Menu ids that the page handles.
const PAGE_ACTIONS: [&str; 3] = ["refresh", "theme", "about"];

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let file = SubmenuBuilder::new(app, "File").quit().build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(
            &MenuItemBuilder::with_id("refresh", "Reload data")
                .accelerator("CmdOrCtrl+R")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("theme", "Switch theme")
                .accelerator("CmdOrCtrl+Shift+L")
                .build(app)?,
        )
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&MenuItemBuilder::with_id("about", "About Deskbench").build(app)?)
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
