//! Phone-book downloads: GET /directory/export.csv and /directory/export.vcf, all people or
//! filtered by `organisation`, `unit`, `area`, `role` and `text` query parameters, and one
//! person's card at /directory/people/{id}/kontaktkort.vcf (the person's GraphQL id). Signed-in
//! callers only (session cookie or bearer token); 401 otherwise. The formats live in
//! `crate::directory::{export, vcard}`.

use async_graphql::ID;
use poem::{
    handler,
    web::{Data, Path, Query},
    Request, Response,
};
use serde::Deserialize;

use crate::{
    directory::{
        export,
        people::{self, FilterArgs, Order, Person, PersonRole},
        vcard,
    },
    error::{AppError, AppResult},
    graphql::directory::{decode_field, org_ref},
    http::{auth, error::json_error},
    state::AppState,
};

/// Query parameters of the exports.
#[derive(Debug, Default, Deserialize)]
pub struct ExportParams {
    /// Organisation id, slug or name.
    pub organisation: Option<String>,
    /// Unit id.
    pub unit: Option<String>,
    /// Tillsynsområde name, slug or synonym.
    pub area: Option<String>,
    /// kontaktperson | styrgrupp | beredningsgrupp | samordnare
    pub role: Option<String>,
    pub text: Option<String>,
    /// vCard version: 4.0 (default) or 3.0.
    pub version: Option<String>,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

async fn people_for(state: &AppState, req: &Request, p: &ExportParams) -> AppResult<Vec<Person>> {
    let (access, _) = auth::authenticate(state, req).await?;
    access.user()?;
    let args = FilterArgs {
        organisation: non_empty(&p.organisation).map(|o| org_ref(&ID(o.to_string()))),
        unit_id: match non_empty(&p.unit) {
            Some(u) => Some(decode_field(&ID(u.to_string()), "Unit", "unit")?),
            None => None,
        },
        area: non_empty(&p.area).map(str::to_string),
        role: match non_empty(&p.role) {
            Some(r) => Some(
                PersonRole::parse(r).ok_or_else(|| AppError::bad_input("role", "Okänd roll."))?,
            ),
            None => None,
        },
        text: non_empty(&p.text).map(str::to_string),
    };
    let filter = people::resolve_filter(&state.db, &args).await?;
    let all = people::candidates(&state.db, &filter, Order::OrganisationThenName).await?;
    let ids: Vec<i64> = all.iter().map(|c| c.id).collect();
    people::load_many(&state.db, &ids).await
}

fn download(content_type: &str, filename: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .content_type(content_type)
        .header(
            "content-disposition",
            format!("attachment; filename=\"{filename}\""),
        )
        .header("cache-control", "no-store")
        .body(body)
}

/// The phone book as CSV for Excel: UTF-8 with BOM, semicolons, phones in E.164.
#[handler]
pub async fn export_csv(
    req: &Request,
    Query(params): Query<ExportParams>,
    Data(state): Data<&AppState>,
) -> Response {
    match people_for(state, req, &params).await {
        Ok(people) => download(
            "text/csv; charset=utf-8",
            "telefonbok.csv",
            export::csv(&people),
        ),
        Err(e) => json_error(&e),
    }
}

/// The phone book as vCards (4.0, or 3.0 with `?version=3.0`).
#[handler]
pub async fn export_vcf(
    req: &Request,
    Query(params): Query<ExportParams>,
    Data(state): Data<&AppState>,
) -> Response {
    match people_for(state, req, &params).await {
        Ok(people) => {
            let version = vcard::Version::parse(params.version.as_deref());
            download(
                "text/vcard; charset=utf-8",
                "telefonbok.vcf",
                vcard::cards(&people, version).into_bytes(),
            )
        }
        Err(e) => json_error(&e),
    }
}

/// One person's vCard (4.0, or 3.0 with `?version=3.0`), named after the person.
#[handler]
pub async fn person_vcf(
    req: &Request,
    Path(id): Path<String>,
    Query(params): Query<ExportParams>,
    Data(state): Data<&AppState>,
) -> Response {
    let card = async {
        let (access, _) = auth::authenticate(state, req).await?;
        access.user()?;
        let id =
            decode_field(&ID(id), "Person", "id").map_err(|_| AppError::not_found("Personen"))?;
        let person = people::get(&state.db, id)
            .await?
            .ok_or_else(|| AppError::not_found("Personen"))?;
        AppResult::Ok(person)
    };
    match card.await {
        Ok(person) => {
            let version = vcard::Version::parse(params.version.as_deref());
            let filename = format!("{}.vcf", crate::tags::slugify(&person.name));
            download(
                "text/vcard; charset=utf-8",
                &filename,
                vcard::cards(std::slice::from_ref(&person), version).into_bytes(),
            )
        }
        Err(e) => json_error(&e),
    }
}
