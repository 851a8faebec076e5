//! Swedish wording for the errors that async-graphql itself writes: syntax errors, schema
//! validation, the depth and complexity limits, operation selection and input coercion.
//!
//! Owns: one table from the library's English message shapes to Swedish ones. The English
//! original stays in `extensions.detail` for the developer of another tool; the message a
//! person reads is Swedish. Must not: touch errors that already carry a code (those are
//! ours, written in Swedish where they are raised).

use std::sync::LazyLock;

use regex::Regex;

use crate::graphql::{MAX_COMPLEXITY, MAX_DEPTH};

/// English shape → Swedish template (`$1`… are the shape's groups).
const TABLE: &[(&str, &str)] = &[
    (
        r#"^Unknown field "([^"]+)" on type "([^"]+)"\."#,
        r#"Fältet "$1" finns inte på typen "$2"."#,
    ),
    (
        r#"^Unknown argument "([^"]+)" on field "([^"]+)" of type "([^"]+)"\."#,
        r#"Argumentet "$1" finns inte på fältet "$2" (typen "$3")."#,
    ),
    (
        r#"^Unknown argument "([^"]+)" on directive "([^"]+)"\."#,
        r#"Argumentet "$1" finns inte på direktivet "$2"."#,
    ),
    (
        r#"^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required but not provided"#,
        r#"Fältet "$1" kräver argumentet "$2" (typen $3)."#,
    ),
    (
        r#"^Directive "@?([^"]+)" argument "([^"]+)" of type "([^"]+)" is required but not provided"#,
        r#"Direktivet "@$1" kräver argumentet "$2" (typen $3)."#,
    ),
    (r#"^Unknown type "([^"]+)""#, r#"Typen "$1" finns inte."#),
    (
        r#"^Unknown directive "([^"]+)""#,
        r#"Direktivet "$1" finns inte."#,
    ),
    (
        r#"^Unknown fragment: "([^"]+)""#,
        r#"Fragmentet "$1" finns inte."#,
    ),
    (
        r#"^Fragment "([^"]+)" is never used"#,
        r#"Fragmentet "$1" används inte."#,
    ),
    (
        r#"^Variable "?\$?([^" ]+)"? is not defined"#,
        r#"Variabeln "$$$1" är inte deklarerad."#,
    ),
    (
        r#"^Variable "\$([^"]+)" is not used"#,
        r#"Variabeln "$$$1" används inte."#,
    ),
    (
        r#"^Variable "\$?([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)""#,
        r#"Variabeln "$$$1" har typen $2 men används där typen $3 krävs."#,
    ),
    (
        r#"^Variable "\$?([^"]+)" cannot be of non-input type "([^"]+)""#,
        r#"Variabeln "$$$1" kan inte ha typen "$2" (ingen indatatyp)."#,
    ),
    (
        r#"^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields"#,
        r#"Fältet "$1" (typen "$2") har inga underfält: ta bort urvalet."#,
    ),
    (
        r#"^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields"#,
        r#"Fältet "$1" (typen "$2") behöver ett urval av underfält."#,
    ),
    (
        r#"^Fields "([^"]+)" conflict"#,
        r#"Fälten "$1" krockar: ge dem olika alias."#,
    ),
    (
        r"^Fragment .*cannot be spread here",
        "Fragmentet kan inte användas här: typerna passar inte ihop.",
    ),
    (
        r#"^Fragment .*cannot condition non composite type "([^"]+)""#,
        r#"Ett fragment kan inte gälla typen "$1"."#,
    ),
    (
        r#"^Invalid value for argument "([^"]+)", expected type "([^"]+)""#,
        r#"Ogiltigt värde för argumentet "$1": typen "$2" krävs."#,
    ),
    (
        r#"^Invalid value for argument "([^"]+)", unknown field "([^"]+)""#,
        r#"Ogiltigt värde för argumentet "$1": fältet "$2" finns inte."#,
    ),
    (
        r#"^Invalid value for argument "([^"]+)""#,
        r#"Ogiltigt värde för argumentet "$1"."#,
    ),
    (
        r"^Invalid value for argument",
        "Ogiltigt värde för ett argument.",
    ),
    (
        r"^Invalid default value for argument",
        "Ogiltigt standardvärde för en variabel.",
    ),
    (
        r#"^There can only be one argument named "([^"]+)""#,
        r#"Argumentet "$1" får bara anges en gång."#,
    ),
    (
        r#"^There can only be one variable named "\$?([^"]+)""#,
        r#"Variabeln "$$$1" får bara deklareras en gång."#,
    ),
    (
        r#"^Duplicate directive "([^"]+)""#,
        r#"Direktivet "$1" anges flera gånger."#,
    ),
    (
        r#"^Directive "([^"]+)" may not be used on "?([^"]+)"?"#,
        r#"Direktivet "$1" får inte användas på $2."#,
    ),
    (
        r"^The recursion depth of the query cannot be greater than",
        "Frågan är för djupt nästlad (fragment i fragment).",
    ),
    (
        r"^The number of directives",
        "För många direktiv på ett fält.",
    ),
    (
        r#"^Unknown operation named "([^"]+)""#,
        r#"Operationen "$1" finns inte i dokumentet."#,
    ),
    (
        r"^Operation name required in request",
        "Dokumentet har flera operationer: ange operationName.",
    ),
    (
        r"^document does not contain an operation",
        "Dokumentet innehåller ingen operation.",
    ),
    (
        r"^document contains multiple operations",
        "Dokumentet har flera operationer och en av dem saknar namn.",
    ),
    (
        r"^operation (\S+) is defined twice",
        "Operationen $1 finns två gånger.",
    ),
    (
        r"^fragment (\S+) is defined twice",
        "Fragmentet $1 finns två gånger.",
    ),
    (r"^recursion limit exceeded", "Frågan är för djupt nästlad."),
    (
        r#"^Failed to parse "([^"]+)""#,
        r#"Värdet kunde inte tolkas som $1."#,
    ),
    (
        r"^Schema is not configured for subscription",
        "API:et har inga prenumerationer av det slaget.",
    ),
    (r"^Entity not found", "Objektet finns inte."),
    (
        r"^The Upload type is only allowed",
        "Filer (Upload) kan bara skickas med en ändring (mutation).",
    ),
];

static COMPILED: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    TABLE
        .iter()
        .map(|(re, to)| (Regex::new(re).expect("message table"), *to))
        .collect()
});

static DID_YOU_MEAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" Did you mean (.+)\?$").expect("did you mean"));

/// The Swedish message for one of the library's own errors, given where it points.
pub fn swedish(message: &str, line_col: Option<(usize, usize)>) -> String {
    if message.starts_with("Query is too complex") {
        return format!(
            "Frågan är för kostsam (högst {MAX_COMPLEXITY}; varje fält räknas 1 och en lista gånger sitt first)."
        );
    }
    if message.starts_with("Query is nested too deep") {
        return format!("Frågan har för många nivåer av fält (högst {MAX_DEPTH}).");
    }
    // A syntax error is pest's drawing of the spot: " --> 1:2 | … = expected selection".
    if message.trim_start().starts_with("-->") {
        return match line_col {
            Some((line, col)) => {
                format!("Frågan kunde inte tolkas: syntaxfel på rad {line}, kolumn {col}.")
            }
            None => "Frågan kunde inte tolkas: syntaxfel.".to_string(),
        };
    }
    for (re, to) in COMPILED.iter() {
        if let Some(caps) = re.captures(message) {
            let mut out = String::new();
            caps.expand(to, &mut out);
            if let Some(m) = DID_YOU_MEAN.captures(message) {
                out.push_str(" Menade du ");
                out.push_str(&m[1].replace(" or ", " eller "));
                out.push('?');
            }
            return out;
        }
    }
    "Frågan är ogiltig.".to_string()
}

#[cfg(test)]
mod tests {
    use super::swedish;

    #[test]
    fn validation_messages_are_swedish_with_the_names_kept() {
        assert_eq!(
            swedish(
                r#"Unknown field "mee" on type "Query". Did you mean "me"?"#,
                None
            ),
            r#"Fältet "mee" finns inte på typen "Query". Menade du "me"?"#
        );
        assert_eq!(
            swedish(
                r#"Unknown field "x" on type "Query". Did you mean "a", "b" or "c"?"#,
                None
            ),
            r#"Fältet "x" finns inte på typen "Query". Menade du "a", "b" eller "c"?"#
        );
        assert_eq!(
            swedish(r#"Variable "$id" is not defined by operation "Q""#, None),
            r#"Variabeln "$id" är inte deklarerad."#
        );
        assert_eq!(
            swedish(
                r#"Field "thread" argument "id" of type "ID!" is required but not provided"#,
                None
            ),
            r#"Fältet "thread" kräver argumentet "id" (typen ID!)."#
        );
        assert_eq!(
            swedish(
                r#"Invalid value for argument "first", expected type "Int""#,
                None
            ),
            r#"Ogiltigt värde för argumentet "first": typen "Int" krävs."#
        );
    }

    #[test]
    fn syntax_errors_name_the_spot_not_the_drawing() {
        let pest = " --> 1:2\n  |\n1 | {\n  |  ^---\n  |\n  = expected selection";
        assert_eq!(
            swedish(pest, Some((1, 2))),
            "Frågan kunde inte tolkas: syntaxfel på rad 1, kolumn 2."
        );
    }

    #[test]
    fn every_message_read_comes_out_swedish() {
        for english in [
            "Query is too complex.",
            "Query is nested too deep.",
            "anything else",
        ] {
            let out = swedish(english, None);
            assert!(out.starts_with("Frågan"), "{out}");
        }
    }
}
