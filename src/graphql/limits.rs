//! What one GraphQL operation may cost before anything recurses over it: the nesting of
//! `[`, `{` and `(` in the document and in its variables, and the number of fields it asks
//! for (aliases included, fragments counted where they are spread).
//!
//! Owns: the limits and the checks, each a loop with an explicit counter or stack, so that a
//! hostile document cannot overflow the stack of the check itself. The HTTP layer runs the
//! nesting check on the raw body before JSON parsing; [`crate::graphql::guard`] runs both
//! checks on every operation from every transport (POST, GET, batch, WebSocket) before the
//! parser sees the document. Must not: parse GraphQL itself or know about HTTP.

use std::collections::HashMap;

use async_graphql::{
    parser::types::{ExecutableDocument, Selection, SelectionSet},
    Name, Value, Variables,
};

use crate::error::AppError;

/// Deepest nesting of `[`, `{` and `(` in a document or its variables. The web UI's
/// deepest query nests 9; the parser overflows a 2 MiB stack past about 2,000.
pub const MAX_NESTING: usize = 64;

/// Most fields (aliases and `__typename` included, fragments counted at every spread) one
/// operation may select. The web UI's largest query selects about 120.
pub const MAX_FIELDS: usize = 500;

/// The message of every nesting refusal.
pub const TOO_DEEP: &str = "Frågan är för djupt nästlad.";

/// The refusal for a document or variables nested past [`MAX_NESTING`].
pub fn too_deep() -> AppError {
    AppError::bad(format!(
        "{TOO_DEEP} Högst {MAX_NESTING} nivåer av [, {{ och ( tillåts."
    ))
}

/// Checks the nesting of a GraphQL document without parsing it: strings, block strings and
/// comments are skipped, so a `{` inside a string does not count.
pub fn check_document(src: &str) -> Result<(), AppError> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < b.len() && !b[i..].starts_with(b"\"\"\"") {
                    // `\"""` is an escaped triple quote inside a block string.
                    i += if b[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_deep());
                }
            }
            b']' | b'}' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Checks the nesting of a JSON text without parsing it. `envelope` is how many levels the
/// request around the variables adds (1 for `{"variables": …}`, 2 inside a batch).
pub fn check_json(b: &[u8], envelope: usize) -> Result<(), AppError> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING + envelope {
                    return Err(too_deep());
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Checks the nesting of parsed variables (a WebSocket payload arrives parsed).
pub fn check_variables(vars: &Variables) -> Result<(), AppError> {
    let mut stack: Vec<(&Value, usize)> = vars.values().map(|v| (v, 1)).collect();
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::List(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth > MAX_NESTING {
            return Err(too_deep());
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    Ok(())
}

/// Counts the fields each operation selects, each fragment's fields counted at every spread,
/// and refuses past [`MAX_FIELDS`]. A fragment cycle is left to validation, which refuses it.
pub fn check_breadth(doc: &ExecutableDocument) -> Result<(), AppError> {
    // Fields per fragment, resolved bottom-up with an explicit stack.
    let mut direct: HashMap<&Name, (usize, Vec<&Name>)> = HashMap::new();
    for (name, fragment) in &doc.fragments {
        direct.insert(name, scan(&fragment.node.selection_set.node));
    }
    let mut total: HashMap<&Name, usize> = HashMap::new();
    for start in direct.keys() {
        let mut stack = vec![(*start, false)];
        let mut on_path: Vec<&Name> = Vec::new();
        while let Some((name, expanded)) = stack.pop() {
            if total.contains_key(name) {
                continue;
            }
            let Some((own, spreads)) = direct.get(name) else {
                total.insert(name, 0);
                continue;
            };
            if expanded {
                on_path.retain(|n| *n != name);
                let sum = spreads.iter().fold(*own, |acc, s| {
                    acc.saturating_add(total.get(s).copied().unwrap_or(0))
                });
                total.insert(name, sum);
                continue;
            }
            if on_path.contains(&name) {
                total.insert(name, 0);
                continue;
            }
            on_path.push(name);
            stack.push((name, true));
            for s in spreads {
                if !total.contains_key(s) && !on_path.contains(s) {
                    stack.push((s, false));
                }
            }
        }
    }
    for (_, op) in doc.operations.iter() {
        let (own, spreads) = scan(&op.node.selection_set.node);
        let count = spreads.iter().fold(own, |acc, s| {
            acc.saturating_add(total.get(s).copied().unwrap_or(0))
        });
        if count > MAX_FIELDS {
            return Err(AppError::bad(format!(
                "Frågan begär för många fält ({count}, högst {MAX_FIELDS} per operation, alias inräknade)."
            )));
        }
    }
    Ok(())
}

/// The fields directly in a selection set (inline fragments included) and the fragment
/// spreads in it, walked with an explicit stack.
fn scan(set: &SelectionSet) -> (usize, Vec<&Name>) {
    let mut fields = 0usize;
    let mut spreads = Vec::new();
    let mut stack = vec![set];
    while let Some(set) = stack.pop() {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    fields += 1;
                    stack.push(&f.node.selection_set.node);
                }
                Selection::InlineFragment(f) => stack.push(&f.node.selection_set.node),
                Selection::FragmentSpread(s) => spreads.push(&s.node.fragment_name.node),
            }
        }
    }
    (fields, spreads)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}1{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn deep_lists_objects_and_selections_are_refused_without_recursion() {
        for (open, close) in [("[", "]"), ("{a:", "}"), ("{ a ", "}"), ("(", ")")] {
            let doc = format!("{{ node(id: {}) {{ id }} }}", nested(open, close, 100_000));
            assert!(check_document(&doc).is_err(), "{open}");
        }
        assert!(check_json(nested("[", "]", 100_000).as_bytes(), 2).is_err());
        assert!(check_json(nested("{\"a\":", "}", 100_000).as_bytes(), 2).is_err());
    }

    #[test]
    fn ordinary_queries_and_brackets_in_strings_and_comments_pass() {
        let doc = format!(
            "# {}\nquery {{ search(text: \"{}\") {{ totalCount }} a: x(s: \"\"\"{} \\\"\"\" \"\"\") }}",
            "{".repeat(500),
            "[".repeat(500),
            "(".repeat(500)
        );
        check_document(&doc).unwrap();
        check_document(&nested("[", "]", MAX_NESTING - 1)).unwrap();
        assert!(check_document(&nested("[", "]", MAX_NESTING + 1)).is_err());
        check_json(
            br#"{"query":"{{{{{{[[[[","variables":{"a":[1,{"b":"]]]]"}]}}"#,
            1,
        )
        .unwrap();
        let flat = nested("[", "]", MAX_NESTING);
        check_json(format!("{{\"variables\":{{\"a\":{flat}}}}}").as_bytes(), 2).unwrap();
    }

    #[test]
    fn deep_parsed_variables_are_refused() {
        let mut v = Value::Number(1.into());
        for _ in 0..(MAX_NESTING + 5) {
            v = Value::List(vec![v]);
        }
        let mut vars = Variables::default();
        vars.insert(Name::new("a"), v);
        assert!(check_variables(&vars).is_err());
        let mut shallow = Variables::default();
        shallow.insert(Name::new("a"), Value::List(vec![Value::Null]));
        check_variables(&shallow).unwrap();
    }

    #[test]
    fn fields_are_counted_with_aliases_and_every_fragment_spread() {
        let aliases: String = (0..MAX_FIELDS + 1)
            .map(|i| format!("a{i}: __typename "))
            .collect();
        let doc = async_graphql::parser::parse_query(format!("{{ {aliases} }}")).unwrap();
        assert!(check_breadth(&doc).is_err());

        // 30 fields, spread 20 times: 600 fields from a short document.
        let frag: String = (0..30).map(|i| format!("f{i}: __typename ")).collect();
        let spreads: String = (0..20)
            .map(|i| format!("s{i}: node(id: \"x\") {{ ...F }} "))
            .collect();
        let doc = async_graphql::parser::parse_query(format!(
            "query {{ {spreads} }} fragment F on Node {{ {frag} }}"
        ))
        .unwrap();
        assert!(check_breadth(&doc).is_err());

        let doc = async_graphql::parser::parse_query(
            "query { me { id ...A } } fragment A on User { name ...B } fragment B on User { id }",
        )
        .unwrap();
        check_breadth(&doc).unwrap();
    }

    #[test]
    fn fragment_cycles_do_not_hang_the_count() {
        let doc = async_graphql::parser::parse_query(
            "query { me { ...A } } fragment A on User { id ...B } fragment B on User { id ...A }",
        )
        .unwrap();
        check_breadth(&doc).unwrap();
    }
}
