//! The dependency rules of the house, checked on the source text so anyone can repeat
//! them (`cargo test --test all architecture`): which folders may use SQLite, HTTP,
//! polars, plotters and Tauri, and that the parts of `src/analytics` import one another
//! in one direction only. Paths are read from the code with comments and strings left
//! out, so a rule is broken by a `use` line or a path in an expression, never by prose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each crate and the folders that may name it (paths from the repository root).
const CRATE_RULES: &[(&str, &[&str])] = &[
    ("rusqlite", &["src/store"]),
    ("reqwest", &["src/sources", "src/sync"]),
    ("polars", &["src/analytics", "src/feedback", "src/export"]),
    ("plotters", &["src/charts"]),
    ("tauri", &["src-tauri"]),
];

/// The product's code. Tests and benchmarks may reach past the rules to set up or inspect.
const CHECKED: &[&str] = &["src", "src-tauri/src"];

const ANALYTICS: &str = "src/analytics/";

#[test]
fn only_their_folders_use_sqlite_http_polars_plotters_and_tauri() {
    let broken = crate_violations(&product_files());
    assert!(
        broken.is_empty(),
        "crates used outside their folders:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_parts_of_analytics_import_one_another_in_one_direction() {
    let graph = analytics_graph(&product_files());
    assert!(
        graph.edges.len() > 3,
        "the graph was read: {:?}",
        graph.edges
    );
    if let Some(circle) = graph.circle() {
        panic!(
            "import circle in src/analytics: {}",
            graph.describe(&circle)
        );
    }
}

/// Every checked `.rs` file as (path from the repository root, text).
fn product_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in CHECKED {
        collect(root, &root.join(dir), &mut files);
    }
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source folder can be listed") {
        let path = entry.expect("a folder entry can be read").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file can be read");
            let name = path.strip_prefix(root).expect("under the root");
            files.push((name.to_string_lossy().replace('\\', "/"), text));
        }
    }
}

/// `file:line: uses crate` for every path to a crate outside the folders allowed it.
fn crate_violations(files: &[(String, String)]) -> Vec<String> {
    let mut broken = Vec::new();
    for (file, text) in files {
        for path in paths(&tokens(text)) {
            let first = &path.segments[0];
            for (krate, allowed) in CRATE_RULES {
                let names_it = first == krate || first.starts_with(&format!("{krate}_"));
                let inside = allowed
                    .iter()
                    .any(|dir| file.starts_with(&format!("{dir}/")));
                if names_it && !inside {
                    broken.push(format!("{file}:{}: uses {krate}", path.line));
                }
            }
        }
    }
    broken
}

/// Which parts of `src/analytics` (a folder, or a file at its top) use which, with the
/// first place each use was seen.
#[derive(Debug, Default)]
struct Graph {
    edges: BTreeMap<String, BTreeMap<String, String>>,
}

impl Graph {
    /// One circle (its first part repeated at the end), if any.
    fn circle(&self) -> Option<Vec<String>> {
        let mut done = BTreeSet::new();
        for start in self.edges.keys() {
            let mut trail = Vec::new();
            if let Some(circle) = self.walk(start, &mut trail, &mut done) {
                return Some(circle);
            }
        }
        None
    }

    fn walk(
        &self,
        part: &str,
        trail: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = trail.iter().position(|p| p == part) {
            let mut circle = trail[at..].to_vec();
            circle.push(part.to_owned());
            return Some(circle);
        }
        if done.contains(part) {
            return None;
        }
        trail.push(part.to_owned());
        for next in self.edges.get(part).into_iter().flat_map(|e| e.keys()) {
            if let Some(circle) = self.walk(next, trail, done) {
                return Some(circle);
            }
        }
        trail.pop();
        done.insert(part.to_owned());
        None
    }

    /// `a → b → a (a/x.rs:3 uses b; b/y.rs:9 uses a)`.
    fn describe(&self, circle: &[String]) -> String {
        let places: Vec<String> = circle
            .windows(2)
            .map(|w| format!("{} uses {}", self.edges[&w[0]][&w[1]], w[1]))
            .collect();
        format!("{} ({})", circle.join(" → "), places.join("; "))
    }
}

fn analytics_graph(files: &[(String, String)]) -> Graph {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(f, _)| module_of(f)).collect();
    let parts: BTreeSet<String> = files.iter().filter_map(|(f, _)| part_of(f)).collect();
    // Names the top module re-exports (`pub use frame::Frame`) belong to their part.
    let mut exported = BTreeMap::new();
    for (file, text) in files {
        if file == &format!("{ANALYTICS}mod.rs") {
            for path in paths(&tokens(text)) {
                if parts.contains(&path.segments[0]) {
                    let name = path.segments.last().expect("a path has a segment");
                    exported.insert(name.clone(), path.segments[0].clone());
                }
            }
        }
    }
    let mut graph = Graph::default();
    for (file, text) in files {
        let Some(from) = part_of(file) else { continue };
        for path in paths(&tokens(text)) {
            let mut here = module_of(file);
            here.extend(path.scope.iter().cloned());
            let Some(target) = resolve(&here, &path.segments, &modules) else {
                continue;
            };
            let to = match target.as_slice() {
                [top, name, ..] if top == "analytics" && parts.contains(name) => name,
                [top, name, ..] if top == "analytics" => match exported.get(name) {
                    Some(part) => part,
                    None => continue,
                },
                _ => continue,
            };
            if *to != from {
                let place = format!("{file}:{}", path.line);
                let uses = graph.edges.entry(from.clone()).or_default();
                uses.entry(to.clone()).or_insert(place);
            }
        }
    }
    graph
}

/// The module a file holds, from `src/`: `src/analytics/frame/mod.rs` → analytics, frame.
fn module_of(file: &str) -> Vec<String> {
    let inner = file.strip_prefix("src/").unwrap_or(file);
    let inner = inner.strip_suffix(".rs").unwrap_or(inner);
    let mut module: Vec<String> = inner.split('/').map(str::to_owned).collect();
    if module.last().is_some_and(|m| m == "mod" || m == "lib") {
        module.pop();
    }
    module
}

/// The part of `src/analytics` a file belongs to; none for its top `mod.rs`.
fn part_of(file: &str) -> Option<String> {
    let inner = file.strip_prefix(ANALYTICS)?;
    match inner.split_once('/') {
        Some((folder, _)) => Some(folder.to_owned()),
        None if inner == "mod.rs" => None,
        None => Some(inner.trim_end_matches(".rs").to_owned()),
    }
}

/// The absolute module path a path names, when it starts at the crate, `super`, `self`
/// or a child module of `here`; none for other crates and names in scope.
fn resolve(
    here: &[String],
    segments: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut base = here.to_vec();
    let mut rest = segments;
    match segments[0].as_str() {
        "crate" => {
            base.clear();
            rest = &segments[1..];
        }
        "self" => rest = &segments[1..],
        "super" => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        first => {
            let mut child = here.to_vec();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
        }
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Other,
}

/// The code's identifiers, `::` and braces with their lines; comments, strings and
/// character literals are left out.
fn tokens(text: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                match (at(i), at(i + 1)) {
                    ('\0', _) => break,
                    ('/', '*') => (depth, i) = (depth + 1, i + 2),
                    ('*', '/') => (depth, i) = (depth - 1, i + 2),
                    (ch, _) => (line, i) = (line + usize::from(ch == '\n'), i + 1),
                }
                if depth == 0 {
                    break;
                }
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                line += usize::from(chars[i] == '\n');
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1F600}'); else a lifetime.
            if at(i + 1) == '\\' {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let from = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[from..i].iter().collect();
            let raw = (word == "r" || word == "br") && (at(i) == '"' || at(i) == '#');
            if raw && at(i) == '#' && (at(i + 1).is_alphabetic() || at(i + 1) == '_') {
                // A raw identifier (r#type): the next turn reads the name.
                i += 1;
            } else if raw {
                let hashes = chars[i..].iter().take_while(|&&h| h == '#').count();
                i += hashes + 1;
                let end: Vec<char> = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                while i < chars.len() && !chars[i..].starts_with(&end) {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += end.len();
            } else if word == "b" && at(i) == '"' {
                // A byte string: the next turn reads it as a string.
            } else {
                out.push((Token::Ident(word), start_line));
            }
        } else if c.is_ascii_digit() {
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
        } else {
            let token = match (c, at(i + 1)) {
                (':', ':') => Token::PathSep,
                ('{', _) => Token::Open,
                ('}', _) => Token::Close,
                _ => Token::Other,
            };
            i += if token == Token::PathSep { 2 } else { 1 };
            out.push((token, start_line));
        }
    }
    out
}

/// A path of two or more segments in the code, with the inline modules it sits in.
#[derive(Debug, PartialEq)]
struct CodePath {
    segments: Vec<String>,
    scope: Vec<String>,
    line: usize,
}

/// Every path in the tokens; a `use` group (`a::{b, c::d}`) gives one path per member.
fn paths(tokens: &[(Token, usize)]) -> Vec<CodePath> {
    let mut out = Vec::new();
    let mut scope: Vec<(String, usize)> = Vec::new();
    let (mut depth, mut pending_mod) = (0, None);
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].0 {
            Token::Open => {
                depth += 1;
                if let Some(name) = pending_mod.take() {
                    scope.push((name, depth));
                }
                i += 1;
            }
            Token::Close => {
                if scope.last().is_some_and(|(_, d)| *d == depth) {
                    scope.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Token::Ident(word) if i == 0 || tokens[i - 1].0 != Token::PathSep => {
                pending_mod = match (word.as_str(), tokens.get(i + 1)) {
                    ("mod", Some((Token::Ident(name), _))) => Some(name.clone()),
                    _ => None,
                };
                let names: Vec<String> = scope.iter().map(|(n, _)| n.clone()).collect();
                let mut found = Vec::new();
                i = read_path(tokens, i, Vec::new(), &mut found);
                out.extend(found.into_iter().filter(|(s, _)| s.len() > 1).map(
                    |(segments, line)| CodePath {
                        segments,
                        scope: names.clone(),
                        line,
                    },
                ));
            }
            _ => i += 1,
        }
    }
    out
}

/// Reads the path starting at `i` after `prefix`; returns the index past it.
fn read_path(
    tokens: &[(Token, usize)],
    mut i: usize,
    mut prefix: Vec<String>,
    found: &mut Vec<(Vec<String>, usize)>,
) -> usize {
    let line = tokens[i].1;
    while let Some((Token::Ident(word), _)) = tokens.get(i) {
        prefix.push(word.clone());
        i += 1;
        if tokens.get(i).map(|t| &t.0) != Some(&Token::PathSep) {
            found.push((prefix, line));
            return i;
        }
        i += 1;
        if tokens.get(i).map(|t| &t.0) == Some(&Token::Open) {
            i += 1;
            while let Some((token, _)) = tokens.get(i) {
                match token {
                    Token::Close => return i + 1,
                    Token::Ident(_) => i = read_path(tokens, i, prefix.clone(), found),
                    _ => i += 1,
                }
            }
            return i;
        }
    }
    found.push((prefix, line));
    i
}

mod checker {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn a_crate_named_outside_its_folder_is_reported_with_its_line() {
        let broken = crate_violations(&files(&[
            ("src/store/db.rs", "use rusqlite::Connection;"),
            (
                "src/charts/x.rs",
                "// polars::DataFrame in a comment\nfn f() -> polars::prelude::DataFrame {}",
            ),
            (
                "src/export/y.rs",
                "let s = \"reqwest::Url\"; let t = r#\"tauri::x\"#;",
            ),
            (
                "src/app/z.rs",
                "use std::fmt;\nuse {rusqlite::params, tauri_plugin_dialog::X};",
            ),
        ]));
        assert_eq!(
            broken,
            [
                "src/charts/x.rs:2: uses polars",
                "src/app/z.rs:2: uses rusqlite",
                "src/app/z.rs:2: uses tauri"
            ]
        );
    }

    #[test]
    fn a_circle_through_a_group_and_super_is_named() {
        let graph = analytics_graph(&files(&[
            (
                "src/analytics/mod.rs",
                "pub mod frame; pub mod engine; pub use frame::Frame;",
            ),
            ("src/analytics/frame/mod.rs", "mod codes;"),
            (
                "src/analytics/frame/codes.rs",
                "use super::super::engine::{grid::Grid, Key};",
            ),
            (
                "src/analytics/engine/mod.rs",
                "use crate::analytics::Frame;",
            ),
        ]));
        assert_eq!(
            graph.circle(),
            Some(vec!["engine".into(), "frame".into(), "engine".into()])
        );
        assert_eq!(
            graph.describe(&graph.circle().unwrap()),
            "engine → frame → engine (src/analytics/engine/mod.rs:1 uses frame; \
             src/analytics/frame/codes.rs:1 uses engine)"
        );
    }

    #[test]
    fn one_way_imports_and_test_modules_make_no_circle() {
        let graph = analytics_graph(&files(&[
            ("src/analytics/mod.rs", "pub mod frame; pub mod engine; mod error; pub use error::AnalyticsError;"),
            ("src/analytics/error.rs", "pub enum AnalyticsError {}"),
            ("src/analytics/frame/mod.rs", "use crate::analytics::AnalyticsError;\nmod tests { use super::*; }"),
            ("src/analytics/engine/mod.rs", "use crate::analytics::frame::Frame;\n#[cfg(test)]\nmod tests { use super::super::frame::x; }"),
        ]));
        assert_eq!(graph.circle(), None);
        assert_eq!(graph.edges["engine"].keys().collect::<Vec<_>>(), ["frame"]);
        assert_eq!(graph.edges["frame"].keys().collect::<Vec<_>>(), ["error"]);
    }
}
