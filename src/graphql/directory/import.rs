//! `importPeople`: CSV as a string or an uploaded file, with the dry-run report.

use std::io::Read;

use async_graphql::{Context, InputObject, Result, SimpleObject, Upload, ID};

use crate::{
    directory::import::{self, ImportAction, ImportOptions, ImportReport, Importer},
    error::AppError,
    graphql::{ids, parts},
};

/// A CSV file of people (columns Namn, Befattning, Organisation, Enhet, Telefon, Mobil,
/// E-post, Ansvarsområden, Roller; semicolons or commas; UTF-8 or Windows-1252), as text in
/// `csv` or as an uploaded `file` (GraphQL multipart request). Managers import into their
/// own organisation only: rows for other organisations are reported invalid.
#[derive(InputObject)]
pub struct ImportPeopleInput {
    pub csv: Option<String>,
    pub file: Option<Upload>,
    /// Only report what would happen (the default); write nothing.
    #[graphql(default = true)]
    pub dry_run: bool,
    /// Write the valid rows even when some rows are invalid. Without it, nothing is written
    /// while any row is invalid.
    #[graphql(default = false)]
    pub skip_invalid: bool,
}

/// One row of an import report.
#[derive(SimpleObject)]
#[graphql(name = "ImportRow")]
pub struct ImportRowObj {
    /// Line in the file; the header is line 1.
    pub line: i32,
    pub action: ImportAction,
    pub name: String,
    pub organisation: Option<String>,
    /// The existing person the row matched.
    pub person_id: Option<ID>,
    /// For invalid rows: the field to blame (name, organisation, email, directPhone, …).
    pub field: Option<String>,
    /// For invalid rows: why, in Swedish.
    pub reason: Option<String>,
    /// For updates: the fields that change.
    pub changes: Vec<String>,
    /// A unit the import creates.
    pub new_unit: Option<String>,
}

/// What an import did, or would do.
#[derive(SimpleObject)]
#[graphql(name = "ImportPeoplePayload")]
pub struct ImportReportObj {
    pub dry_run: bool,
    /// True when the changes were written.
    pub applied: bool,
    /// UTF-8, UTF-16 or Windows-1252.
    pub encoding: String,
    pub delimiter: String,
    /// Columns that were not recognised and were left out.
    pub ignored_columns: Vec<String>,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub invalid: i32,
    pub rows: Vec<ImportRowObj>,
}

impl From<ImportReport> for ImportReportObj {
    fn from(r: ImportReport) -> Self {
        ImportReportObj {
            dry_run: r.dry_run,
            applied: r.applied,
            encoding: r.encoding.to_string(),
            delimiter: r.delimiter.to_string(),
            created: r.count(ImportAction::Create) as i32,
            updated: r.count(ImportAction::Update) as i32,
            unchanged: r.count(ImportAction::Unchanged) as i32,
            invalid: r.count(ImportAction::Invalid) as i32,
            ignored_columns: r.ignored_columns,
            rows: r
                .rows
                .into_iter()
                .map(|row| ImportRowObj {
                    line: row.line as i32,
                    action: row.action,
                    name: row.name,
                    organisation: row.organisation,
                    person_id: row.person_id.map(|id| ids::encode("Person", id)),
                    field: row.field,
                    reason: row.reason,
                    changes: row.changes,
                    new_unit: row.new_unit,
                })
                .collect(),
        }
    }
}

pub async fn import_people(ctx: &Context<'_>, input: ImportPeopleInput) -> Result<ImportReportObj> {
    let (state, access) = parts(ctx);
    let importer = Importer::for_access(access)?;
    let bytes: Vec<u8> = match (input.csv, input.file) {
        (Some(text), None) => text.into_bytes(),
        (None, Some(upload)) => {
            let value = upload
                .value(ctx)
                .map_err(|_| AppError::bad_input("file", "Filen kunde inte läsas."))?;
            // A phone-book CSV is small; the upload is spooled to a temporary file.
            tokio::task::spawn_blocking(move || {
                let mut bytes = Vec::new();
                value.into_read().read_to_end(&mut bytes).map(|_| bytes)
            })
            .await
            .map_err(AppError::from)?
            .map_err(|_| AppError::bad_input("file", "Filen kunde inte läsas."))?
        }
        _ => {
            return Err(AppError::bad_input(
                "csv",
                "Skicka antingen csv (text) eller file (uppladdad fil).",
            )
            .into())
        }
    };
    let report = import::run(
        &state.db,
        &importer,
        &bytes,
        ImportOptions {
            dry_run: input.dry_run,
            skip_invalid: input.skip_invalid,
        },
        &|_| {},
    )
    .await?;
    Ok(report.into())
}
