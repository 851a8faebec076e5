//! Opaque global ids (`Node` interface): base64 of "Type:id".

use async_graphql::ID;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

use crate::error::{AppError, AppResult};

pub fn encode(kind: &str, id: i64) -> ID {
    ID(crate::db::global_id(kind, id))
}

/// Decodes any global id into (type, id).
pub fn decode_any(id: &ID) -> AppResult<(String, i64)> {
    let bad = || AppError::bad_input("id", "Ogiltigt id.");
    let raw = URL_SAFE_NO_PAD.decode(id.as_bytes()).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (kind, num) = text.split_once(':').ok_or_else(bad)?;
    Ok((kind.to_string(), num.parse().map_err(|_| bad())?))
}

/// Decodes a global id that must be of type `kind`.
pub fn decode(id: &ID, kind: &str) -> AppResult<i64> {
    let (k, n) = decode_any(id)?;
    if k != kind {
        return Err(AppError::bad_input(
            "id",
            format!("Id:t är inte av typen {kind}."),
        ));
    }
    Ok(n)
}

/// Cursor for a connection: an opaque string with an offset or key.
pub fn cursor(value: &str) -> String {
    URL_SAFE_NO_PAD.encode(value)
}

pub fn parse_cursor(cursor: &str) -> AppResult<String> {
    URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| AppError::bad_input("after", "Ogiltig markör."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_check_type() {
        let id = encode("Thread", 42);
        assert_eq!(decode(&id, "Thread").unwrap(), 42);
        assert!(decode(&id, "User").is_err());
        assert!(decode(&ID("%%%".into()), "User").is_err());
    }
}
