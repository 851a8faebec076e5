//! HTTP for meetings and the newsletter: the participant list as CSV, a meeting as .ics,
//! the calendar feeds behind secret addresses, and the unsubscribe page that works without
//! signing in. Thin: authenticate, hand over to the domain, shape the response.

use poem::{
    handler,
    http::{header, StatusCode},
    web::{Data, Path},
    Request, Response,
};

use crate::{
    error::AppError,
    graphql::ids,
    http::{auth, error::text_error},
    meetings::{feeds, newsletter, registration},
    state::AppState,
};

fn not_found(what: &str) -> Response {
    text_error(&AppError::not_found(what))
}

/// A meeting id in a path: the global id (as the API gives it) or the number.
fn parse_meeting_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>()
        .ok()
        .or_else(|| ids::decode(&async_graphql::ID(raw.to_string()), "Meeting").ok())
}

/// The signed-in caller, or the error to answer with.
async fn caller(state: &AppState, req: &Request) -> Result<crate::accounts::Access, Response> {
    match auth::authenticate(state, req).await {
        Ok((access, _)) if access.principal.is_some() => Ok(access),
        Ok(_) => Err(text_error(&AppError::Unauthenticated)),
        Err(e) => Err(text_error(&e)),
    }
}

/// GET /meetings/{id}/participants.csv — the organiser's export, with organisations.
#[handler]
pub async fn participants_csv(
    req: &Request,
    Path(id): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let access = match caller(state, req).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Some(id) = parse_meeting_id(&id) else {
        return not_found("Träffen");
    };
    match registration::participants_csv(&state.db, &access, id).await {
        Ok((name, bytes)) => Response::builder()
            .content_type("text/csv; charset=utf-8")
            .header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            )
            .header(header::CACHE_CONTROL, "no-store")
            .body(bytes),
        Err(e) => text_error(&e),
    }
}

/// GET /meetings/{id}.ics — one meeting for a signed-in caller who may see it.
#[handler]
pub async fn meeting_ics(
    req: &Request,
    Path(file): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let Some(id) = file.strip_suffix(".ics").and_then(parse_meeting_id) else {
        return not_found("Träffen");
    };
    let access = match caller(state, req).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    match feeds::single(&state.db, &access, &state.config.public_url, id).await {
        Ok((name, ics)) => Response::builder()
            .content_type("text/calendar; charset=utf-8")
            .header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            )
            .header(header::CACHE_CONTROL, "private, no-cache")
            .body(ics),
        Err(e) => text_error(&e),
    }
}

fn calendar(result: Result<Option<String>, AppError>) -> Response {
    match result {
        Ok(Some(ics)) => Response::builder()
            .content_type("text/calendar; charset=utf-8")
            .header(header::CACHE_CONTROL, "private, no-cache")
            .body(ics),
        Ok(None) => not_found("Kalendern"),
        Err(e) => text_error(&e),
    }
}

/// GET /calendar/user/{token}.ics — my meetings, for Outlook and phones.
#[handler]
pub async fn user_feed(Path(file): Path<String>, Data(state): Data<&AppState>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found("Kalendern");
    };
    calendar(feeds::user_feed(&state.db, &state.config.public_url, token).await)
}

/// GET /calendar/network/{slug}/{token}.ics — one network's meetings.
#[handler]
pub async fn network_feed(
    Path((slug, file)): Path<(String, String)>,
    Data(state): Data<&AppState>,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found("Kalendern");
    };
    calendar(feeds::network_feed(&state.db, &state.config.public_url, &slug, token).await)
}

fn page(status: StatusCode, title: &str, text: &str, public_url: &str) -> Response {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t} – Samsyn</title>\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n<p>{p}</p>\n\
         <p><a href=\"{u}\">Till Samsyn</a></p>\n</main>\n</body>\n</html>\n",
        t = esc(title),
        p = esc(text),
        u = esc(public_url),
    );
    Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(html)
}

/// GET (and one-click POST, RFC 8058) /nyhetsbrev/avsluta/{token} — turns the newsletter
/// e-mail off for the link's recipient, without signing in.
#[handler]
pub async fn unsubscribe(Path(token): Path<String>, Data(state): Data<&AppState>) -> Response {
    let public = state.config.public_url.trim_end_matches('/');
    match newsletter::unsubscribe(&state.db, &token).await {
        Ok(true) => page(
            StatusCode::OK,
            "Du får inte längre nyhetsbrevet",
            "Vi skickar inte fler nyhetsbrev från Miljösamverkan Jönköpings län till din e-postadress. \
             Alla nummer finns kvar att läsa i Samsyn, och där kan du slå på e-posten igen under dina inställningar.",
            public,
        ),
        Ok(false) => page(
            StatusCode::NOT_FOUND,
            "Länken fungerar inte",
            "Länken för att avsluta prenumerationen är ogiltig. Logga in i Samsyn och ändra valet under dina inställningar.",
            public,
        ),
        Err(e) => {
            tracing::error!(error = %e.log_message(), "unsubscribe");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Något gick fel",
                "Något gick fel. Försök igen.",
                public,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_ids_in_paths_are_global_ids_or_numbers() {
        assert_eq!(parse_meeting_id("42"), Some(42));
        assert_eq!(parse_meeting_id(&ids::encode("Meeting", 7).0), Some(7));
        assert_eq!(parse_meeting_id(&ids::encode("User", 7).0), None);
        assert_eq!(parse_meeting_id("nonsens"), None);
    }
}
