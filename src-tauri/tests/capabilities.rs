//! Every command the app registers is declared for a permission (`build.rs`) and granted
//! to the window (`capabilities/default.json`), and nothing else is: a command missing
//! from either is refused at run time, which no unit test would see.

use std::collections::BTreeSet;

const APP: &str = include_str!("../src/lib.rs");
const BUILD: &str = include_str!("../build.rs");
const CAPABILITY: &str = include_str!("../capabilities/default.json");

/// The names of `tauri::generate_handler![commands::module::name, …]`.
fn registered() -> BTreeSet<String> {
    let start = APP
        .find("generate_handler![")
        .expect("the app registers commands");
    let list = &APP[start..];
    let list = &list[..list.find(']').expect("the list ends")];
    list.split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty() && !name.contains('['))
        .map(str::to_owned)
        .collect()
}

/// The quoted names of `AppManifest::new().commands(&[…])`.
fn declared() -> BTreeSet<String> {
    let start = BUILD
        .find(".commands(&[")
        .expect("build.rs declares commands");
    let list = &BUILD[start..];
    let list = &list[..list.find("])").expect("the list ends")];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The app's own `allow-…` grants, as command names.
fn granted() -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(CAPABILITY).expect("valid JSON");
    json["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect()
}

#[test]
fn every_registered_command_is_declared_and_granted_and_nothing_more() {
    let registered = registered();
    assert!(registered.len() > 20, "{registered:?}");
    assert_eq!(declared(), registered, "build.rs's list");
    assert_eq!(granted(), registered, "capabilities/default.json");
}
