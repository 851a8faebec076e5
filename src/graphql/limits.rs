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

/// Deepest nesting of selection sets, fragment spreads and inline fragments in an operation,
/// fragments followed where they are spread (async-graphql's `limit_recursive_depth`).
pub const MAX_RECURSION: usize = 32;

/// Most directives on one field.
pub const MAX_DIRECTIVES: usize = 8;

/// What a selection set costs with every fragment spread in it expanded.
#[derive(Clone, Copy, Default)]
struct Cost {
    /// Fields and fragment spreads, each counted at every expansion.
    selections: usize,
    /// Deepest nesting reached below the set.
    depth: usize,
}

/// Checks an operation's shape after parsing and before anything walks it by expanding its
/// fragments: no fragment cycle, at most [`MAX_FIELDS`] fields and spreads with every spread
/// expanded, at most [`MAX_RECURSION`] levels deep, at most [`MAX_DIRECTIVES`] per field.
///
/// Linear in the document: each fragment is costed once, bottom-up with an explicit stack.
/// async-graphql's own depth and directive checks expand every spread, which a fan-out of
/// fragments (ten spreads of a fragment with ten spreads of …) turns into 10^n steps on
/// one worker thread; so the guard runs this instead of them.
pub fn check_shape(doc: &ExecutableDocument) -> Result<(), AppError> {
    let mut direct: HashMap<&Name, Scan> = HashMap::new();
    for (name, fragment) in &doc.fragments {
        direct.insert(name, scan(&fragment.node.selection_set.node)?);
    }
    let mut total: HashMap<&Name, Cost> = HashMap::new();
    for start in direct.keys() {
        let mut stack = vec![(*start, false)];
        let mut on_path: Vec<&Name> = Vec::new();
        while let Some((name, expanded)) = stack.pop() {
            if total.contains_key(name) {
                continue;
            }
            let Some(own) = direct.get(name) else {
                // An unknown fragment: validation names it.
                total.insert(name, Cost::default());
                continue;
            };
            if expanded {
                on_path.retain(|n| *n != name);
                total.insert(name, own.cost(&total));
                continue;
            }
            if on_path.contains(&name) {
                return Err(AppError::bad(format!(
                    "Fragmentet {name} sprids i sig självt (en slinga av fragment)."
                )));
            }
            on_path.push(name);
            stack.push((name, true));
            for (s, _) in &own.spreads {
                if !total.contains_key(s) {
                    if on_path.contains(s) {
                        return Err(AppError::bad(format!(
                            "Fragmentet {s} sprids i sig självt (en slinga av fragment)."
                        )));
                    }
                    stack.push((s, false));
                }
            }
        }
    }
    for (_, op) in doc.operations.iter() {
        let cost = scan(&op.node.selection_set.node)?.cost(&total);
        if cost.selections > MAX_FIELDS {
            return Err(AppError::bad(format!(
                "Frågan begär för många fält ({}, högst {MAX_FIELDS} per operation, alias och fragment inräknade).",
                cost.selections
            )));
        }
        if cost.depth > MAX_RECURSION {
            return Err(AppError::bad(format!(
                "Frågan är för djupt nästlad (högst {MAX_RECURSION} nivåer med fragmenten utlagda)."
            )));
        }
    }
    Ok(())
}

/// One selection set on its own: its fields, its deepest own nesting, and the fragments it
/// spreads with the depth at which each is spread.
struct Scan<'a> {
    fields: usize,
    depth: usize,
    spreads: Vec<(&'a Name, usize)>,
}

impl Scan<'_> {
    /// The set's cost with the spreads' costs (already known, or zero) added.
    fn cost(&self, known: &HashMap<&Name, Cost>) -> Cost {
        let mut cost = Cost {
            selections: self.fields,
            depth: self.depth,
        };
        for (s, at) in &self.spreads {
            let inner = known.get(s).copied().unwrap_or_default();
            cost.selections = cost
                .selections
                .saturating_add(1)
                .saturating_add(inner.selections);
            cost.depth = cost.depth.max(at + 1 + inner.depth);
        }
        cost
    }
}

/// The fields directly in a selection set (inline fragments included), walked with an
/// explicit stack; refuses a field with more than [`MAX_DIRECTIVES`] directives.
fn scan(set: &SelectionSet) -> Result<Scan<'_>, AppError> {
    let mut out = Scan {
        fields: 0,
        depth: 0,
        spreads: Vec::new(),
    };
    let mut stack = vec![(set, 0usize)];
    while let Some((set, depth)) = stack.pop() {
        for item in &set.items {
            if item.node.directives().len() > MAX_DIRECTIVES {
                return Err(AppError::bad(format!(
                    "Högst {MAX_DIRECTIVES} direktiv per fält."
                )));
            }
            match &item.node {
                Selection::Field(f) => {
                    out.fields += 1;
                    if !f.node.selection_set.node.items.is_empty() {
                        out.depth = out.depth.max(depth + 1);
                        stack.push((&f.node.selection_set.node, depth + 1));
                    }
                }
                Selection::InlineFragment(f) => {
                    out.depth = out.depth.max(depth + 1);
                    stack.push((&f.node.selection_set.node, depth + 1));
                }
                Selection::FragmentSpread(s) => {
                    out.spreads.push((&s.node.fragment_name.node, depth));
                }
            }
        }
    }
    Ok(out)
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
        assert!(check_shape(&doc).is_err());

        // 30 fields, spread 20 times: 600 fields from a short document.
        let frag: String = (0..30).map(|i| format!("f{i}: __typename ")).collect();
        let spreads: String = (0..20)
            .map(|i| format!("s{i}: node(id: \"x\") {{ ...F }} "))
            .collect();
        let doc = async_graphql::parser::parse_query(format!(
            "query {{ {spreads} }} fragment F on Node {{ {frag} }}"
        ))
        .unwrap();
        assert!(check_shape(&doc).is_err());

        let doc = async_graphql::parser::parse_query(
            "query { me { id ...A } } fragment A on User { name ...B } fragment B on User { id }",
        )
        .unwrap();
        check_shape(&doc).unwrap();
    }

    #[test]
    fn fragment_cycles_are_refused_without_expanding_them() {
        for doc in [
            "query { me { ...A } } fragment A on User { id ...B } fragment B on User { id ...A }",
            "query { ...A } fragment A on Query { __typename ...A ...A }",
        ] {
            let doc = async_graphql::parser::parse_query(doc).unwrap();
            assert!(check_shape(&doc).is_err());
        }
    }

    /// Ten fragments each spreading the one below ten times: 10^10 selections if expanded.
    fn fan_out(levels: usize, fields: bool) -> ExecutableDocument {
        let mut doc = format!("query {{ ...F{} }}", levels - 1);
        for i in 0..levels {
            let items: String = (0..10)
                .map(|j| match (i, fields) {
                    (0, _) => format!("a{j}: __typename "),
                    (_, true) => format!("a{j}: __typename ...F{} ", i - 1),
                    (_, false) => format!("...F{} ", i - 1),
                })
                .collect();
            doc.push_str(&format!(" fragment F{i} on Query {{ {items} }}"));
        }
        async_graphql::parser::parse_query(doc).unwrap()
    }

    #[test]
    fn fragment_fan_out_is_costed_once_per_fragment() {
        let started = std::time::Instant::now();
        for fields in [true, false] {
            assert!(check_shape(&fan_out(10, fields)).is_err());
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        // Spreads count too: ten spreads of ten fields are 110 selections, plus the one spread.
        check_shape(&fan_out(2, false)).unwrap();
    }

    #[test]
    fn depth_follows_spreads_and_directives_are_counted() {
        let mut doc = String::from("query { ...F30 }");
        for i in 0..=30 {
            let inner = if i == 0 {
                "__typename".into()
            } else {
                format!("...F{}", i - 1)
            };
            doc.push_str(&format!(" fragment F{i} on Query {{ {inner} }}"));
        }
        check_shape(&async_graphql::parser::parse_query(&doc).unwrap()).unwrap();
        let deeper = doc.replace(
            "query { ...F30 }",
            "query { ... on Query { ... on Query { ...F30 } } }",
        );
        assert!(check_shape(&async_graphql::parser::parse_query(&deeper).unwrap()).is_err());
        let many = format!(
            "{{ __typename {} }}",
            "@skip(if: false) ".repeat(MAX_DIRECTIVES + 1)
        );
        assert!(check_shape(&async_graphql::parser::parse_query(&many).unwrap()).is_err());
    }
}
