//! The architecture as a test (ARCHITECTURE.md says it in prose): reads every file under
//! `src/`, collects what each module imports from the crate (`use` trees and inline
//! `crate::`/`super::` paths) and from poem and async-graphql, and fails when
//! - a domain module imports the HTTP or GraphQL layer, `poem`, `async_graphql` (the
//!   `async_graphql::Enum` derive on plain enums excepted), `search`, `demo` or the app;
//! - `src/db` imports anything of the crate but the error table;
//! - two top-level modules import each other, directly or around a loop;
//! - two modules inside one folder module do (forum, meetings, search, …).

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

use regex::Regex;

/// The domain: business rules on plain data, below GraphQL and HTTP.
const DOMAIN: &[&str] = &[
    "accounts",
    "dates",
    "directory",
    "email",
    "events",
    "forum",
    "library",
    "lawref",
    "meetings",
    "oidc",
    "privacy",
    "search_doc",
    "state",
    "tags",
];
/// What no domain module may import from the crate.
const ABOVE_DOMAIN: &[&str] = &["app", "cli", "cluster", "demo", "graphql", "http", "search"];
/// Loops inside folder modules that are known and not yet untangled, each with why it is
/// still there; the test fails on any other loop, and when one of these is gone (so the list
/// shrinks as the code gets better). forum and meetings must never appear here.
const KNOWN_FOLDER_LOOPS: &[(&str, &str)] = &[
    // users ends a user's sessions when deactivating or changing a password; sessions loads
    // the user row for the principal.
    ("accounts", "sessions → users; users → sessions"),
    // Renaming or moving a unit refreshes the search text of its people, which edit owns.
    (
        "directory",
        "edit → people, units; people → units; units → edit",
    ),
    // OrganisationObj (accounts.rs) lists units; a unit's GraphQL type names its organisation.
    ("graphql", "accounts → directory; directory → accounts"),
    // Documents own their attachments and projects their documents; extraction reads and
    // updates attachment rows.
    (
        "library",
        "attachments → documents, extraction; documents → attachments, projects; \
         extraction → attachments; projects → documents",
    ),
];
/// What `src/db` may import from the crate.
const DB_MAY_USE: &[&str] = &["db", "error", "metrics"];

/// One source file: its module path (`["forum", "posts"]`) and its text without comments.
struct Source {
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().with_extension("");
                let mut module: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|m| m == "mod") {
                    module.pop();
                }
                if module == ["lib"] || module == ["main"] {
                    continue;
                }
                let text = strip_comments(&fs::read_to_string(&path).expect("read file"));
                out.push(Source { module, text });
            }
        }
    }
    assert!(out.len() > 50, "found only {} files under src/", out.len());
    out
}

/// Drops `//` comments (doc comments included) so prose never counts as an import.
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // `"https://…"` inside a string is not a comment.
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths named by one `use` tree: `crate::{a::{b, c}, d}` gives `crate::a::b`, `crate::a::c`,
/// `crate::d`.
fn use_paths(tree: &str) -> Vec<Vec<String>> {
    fn walk(s: &[u8], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut path = prefix.to_vec();
        loop {
            while *i < s.len() && (s[*i] as char).is_whitespace() {
                *i += 1;
            }
            if *i >= s.len() {
                out.push(path);
                return;
            }
            if s[*i] == b'{' {
                *i += 1;
                loop {
                    walk(s, i, &path, out);
                    while *i < s.len() && (s[*i] as char).is_whitespace() {
                        *i += 1;
                    }
                    match s.get(*i) {
                        Some(b',') => *i += 1,
                        Some(b'}') => {
                            *i += 1;
                            return;
                        }
                        _ => return,
                    }
                    while *i < s.len() && (s[*i] as char).is_whitespace() {
                        *i += 1;
                    }
                    if s.get(*i) == Some(&b'}') {
                        *i += 1;
                        return;
                    }
                }
            }
            let start = *i;
            while *i < s.len() && (s[*i].is_ascii_alphanumeric() || s[*i] == b'_' || s[*i] == b'*')
            {
                *i += 1;
            }
            path.push(String::from_utf8_lossy(&s[start..*i]).into_owned());
            if s[*i..].starts_with(b"::") {
                *i += 2;
                continue;
            }
            // ` as alias`
            while *i < s.len() && s[*i] != b',' && s[*i] != b'}' {
                *i += 1;
            }
            out.push(path);
            return;
        }
    }
    let mut out = Vec::new();
    walk(tree.as_bytes(), &mut 0, &[], &mut out);
    out
}

/// Crate-absolute module paths (at most two levels) that `src` refers to.
fn crate_refs(src: &Source) -> BTreeSet<Vec<String>> {
    let use_stmt = Regex::new(r"(?s)\buse\s+([^;]+);").unwrap();
    let inline =
        Regex::new(r"(?:^|[^A-Za-z0-9_:])((?:crate|super)(?:::[a-z_][a-z0-9_]*)+)").unwrap();
    let mut paths: Vec<Vec<String>> = Vec::new();
    for c in use_stmt.captures_iter(&src.text) {
        paths.extend(use_paths(&c[1]));
    }
    for c in inline.captures_iter(&src.text) {
        paths.push(c[1].split("::").map(str::to_string).collect());
    }
    let mut out = BTreeSet::new();
    for p in paths {
        let abs: Vec<String> = match p.first().map(String::as_str) {
            Some("crate") => p[1..].to_vec(),
            Some("super") => {
                let mut base = src.module[..src.module.len().saturating_sub(1)].to_vec();
                let mut rest = &p[1..];
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend_from_slice(rest);
                base
            }
            _ => continue,
        };
        if !abs.is_empty() && abs[0] != "*" {
            out.insert(abs.into_iter().take(2).collect());
        }
    }
    out
}

/// The loops of a directed graph (strongly connected parts with more than one node).
fn loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in &nodes {
        if done.contains(*n) || !reaches[n].contains(*n) {
            continue;
        }
        let part: Vec<String> = nodes
            .iter()
            .filter(|m| reaches[n].contains(**m) && reaches[*m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        done.extend(part.iter().cloned());
        out.push(part);
    }
    out
}

/// Module graph: top level (`inside` None) or between the children of one folder module.
fn graph(sources: &[Source], inside: Option<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for src in sources {
        let from = match inside {
            None => src.module[0].clone(),
            Some(folder) if src.module.len() >= 2 && src.module[0] == folder => {
                src.module[1].clone()
            }
            Some(_) => continue,
        };
        g.entry(from.clone()).or_default();
        for r in crate_refs(src) {
            let to = match inside {
                None => r[0].clone(),
                Some(folder) if r[0] == folder && r.len() == 2 => r[1].clone(),
                Some(_) => continue,
            };
            if to != from
                && sources.iter().any(|s| match inside {
                    None => s.module[0] == to,
                    Some(folder) => {
                        s.module.len() >= 2 && s.module[0] == folder && s.module[1] == to
                    }
                })
            {
                g.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    g
}

fn describe(g: &BTreeMap<String, BTreeSet<String>>, part: &[String]) -> String {
    part.iter()
        .map(|a| {
            let to: Vec<&str> = g[a]
                .iter()
                .filter(|b| part.contains(b))
                .map(String::as_str)
                .collect();
            format!("{a} → {}", to.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn top_level_modules_import_one_way() {
    let sources = sources();
    let g = graph(&sources, None);
    let found: Vec<String> = loops(&g).iter().map(|p| describe(&g, p)).collect();
    assert!(
        found.is_empty(),
        "import loops between top-level modules: {found:#?}"
    );
}

#[test]
fn modules_inside_a_folder_import_one_way() {
    let sources = sources();
    let folders: BTreeSet<&str> = sources
        .iter()
        .filter(|s| s.module.len() >= 2)
        .map(|s| s.module[0].as_str())
        .collect();
    assert!(
        folders.contains("forum") && folders.contains("meetings") && folders.contains("search")
    );
    let mut found = BTreeSet::new();
    for folder in folders {
        let g = graph(&sources, Some(folder));
        for part in loops(&g) {
            found.insert((folder.to_string(), describe(&g, &part)));
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN_FOLDER_LOOPS
        .iter()
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .collect();
    let new: Vec<_> = found.difference(&known).collect();
    let gone: Vec<_> = known.difference(&found).collect();
    assert!(
        new.is_empty(),
        "new import loops inside folder modules: {new:#?}"
    );
    assert!(
        gone.is_empty(),
        "untangled, take them off KNOWN_FOLDER_LOOPS: {gone:#?}"
    );
    assert!(!known.iter().any(|(f, _)| f == "forum" || f == "meetings"));
}

#[test]
fn the_domain_knows_nothing_of_the_layers_above() {
    let external = Regex::new(r"\b(poem|async_graphql)(::[A-Za-z_]+)?").unwrap();
    let mut found = Vec::new();
    for src in sources() {
        if !DOMAIN.contains(&src.module[0].as_str()) {
            continue;
        }
        let name = src.module.join("/");
        for r in crate_refs(&src) {
            if ABOVE_DOMAIN.contains(&r[0].as_str()) {
                found.push(format!("{name} imports crate::{}", r.join("::")));
            }
        }
        for m in external.find_iter(&src.text) {
            // Plain enums may derive the GraphQL enum (and name it in `#[graphql(...)]`).
            if m.as_str() != "async_graphql::Enum" {
                found.push(format!("{name} uses {}", m.as_str()));
            }
        }
    }
    assert!(found.is_empty(), "domain modules reaching up: {found:#?}");
}

#[test]
fn the_database_layer_imports_no_domain() {
    let sources = sources();
    let top: BTreeSet<&str> = sources.iter().map(|s| s.module[0].as_str()).collect();
    let found: Vec<String> = sources
        .iter()
        .filter(|s| s.module[0] == "db")
        .flat_map(|s| {
            crate_refs(s)
                .into_iter()
                // `super::x` in a file's inline `mod tests` names the file's own items.
                .filter(|r| top.contains(r[0].as_str()) && !DB_MAY_USE.contains(&r[0].as_str()))
                .map(move |r| format!("{} imports crate::{}", s.module.join("/"), r.join("::")))
        })
        .collect();
    assert!(
        found.is_empty(),
        "src/db reaching into the crate: {found:#?}"
    );
}

#[test]
fn the_checks_see_imports() {
    // The parser itself: a test of the checks, so they cannot pass by seeing nothing.
    let src = Source {
        module: vec!["forum".into(), "posts".into()],
        text: strip_comments(
            "use crate::{accounts::Access, forum::{threads::{self, Thread}, reading}};\n\
             // use crate::http::nothing;\n\
             fn f() { super::networks::get(); crate::search::x(); }",
        ),
    };
    let refs: Vec<String> = crate_refs(&src).into_iter().map(|r| r.join("::")).collect();
    assert_eq!(
        refs,
        [
            "accounts::Access",
            "forum::networks",
            "forum::reading",
            "forum::threads",
            "search::x"
        ]
    );
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("d".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(loops(&g), [["a", "b", "c"]]);
}
