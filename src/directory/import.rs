//! Importing the phone book from CSV as Excel and older systems write it: semicolons or
//! commas (detected), UTF-8 with or without BOM, UTF-16 ("Unicode text") or Windows-1252.
//!
//! Every run first plans: each row is matched to an existing person (by e-mail, else by
//! name within the organisation) and reported as create, update (with the changed fields),
//! unchanged or invalid (with the field and the reason). A dry run stops there. A real run
//! writes everything in one transaction, and refuses to write anything while rows are
//! invalid unless told to skip them. Managers import into their own organisation only.
//!
//! Long because parsing, the dry-run diff and the write are one pipeline whose steps share
//! the row type; each step is its own function.

use std::collections::HashMap;

use sqlx::Row;

use crate::{
    accounts::{Access, Role},
    db::{now_ms, Db},
    directory::{
        audit::{self, AuditEntity},
        edit::{self, PersonState},
        export::{strip_formula_guard, Column},
        organisations::{self, Organisation},
        people::{self, Person, PersonRole},
        text::fold,
        units::{self, Unit, UnitKind},
    },
    error::{AppError, AppResult},
};

/// Largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most rows in one import.
pub const MAX_ROWS: usize = 20_000;

/// Who imports, and where they may write.
#[derive(Debug, Clone)]
pub struct Importer {
    /// None for the command line.
    pub actor_id: Option<i64>,
    /// Some(org) limits the import to one organisation (managers).
    pub only_organisation: Option<i64>,
}

impl Importer {
    /// Admins import everywhere, managers into their own organisation; others are refused.
    pub fn for_access(access: &Access) -> AppResult<Importer> {
        let me = access.user()?;
        match me.role {
            Role::Admin => Ok(Importer {
                actor_id: Some(me.user_id),
                only_organisation: None,
            }),
            Role::Manager => Ok(Importer {
                actor_id: Some(me.user_id),
                only_organisation: Some(me.organisation_id.ok_or_else(AppError::forbidden)?),
            }),
            Role::Member => Err(AppError::forbidden()),
        }
    }

    /// The shell (`samsyn import people`): everywhere, no user as actor.
    pub fn command_line() -> Importer {
        Importer {
            actor_id: None,
            only_organisation: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    pub dry_run: bool,
    /// Write the valid rows even when some are invalid.
    pub skip_invalid: bool,
}

/// What happens (or would happen) to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ImportAction {
    Create,
    Update,
    Unchanged,
    Invalid,
}

impl ImportAction {
    /// Swedish word for reports.
    pub fn label(self) -> &'static str {
        match self {
            ImportAction::Create => "ny",
            ImportAction::Update => "ändras",
            ImportAction::Unchanged => "oförändrad",
            ImportAction::Invalid => "ogiltig",
        }
    }
}

/// One row of the report.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// Line in the file (the header is line 1).
    pub line: usize,
    pub action: ImportAction,
    pub name: String,
    pub organisation: Option<String>,
    pub person_id: Option<i64>,
    /// For invalid rows: the field to blame and why.
    pub field: Option<String>,
    pub reason: Option<String>,
    /// For updates: the fields that change.
    pub changes: Vec<String>,
    /// A unit that does not exist yet and will be created.
    pub new_unit: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub dry_run: bool,
    /// True when the changes were written.
    pub applied: bool,
    pub encoding: &'static str,
    pub delimiter: char,
    pub ignored_columns: Vec<String>,
    pub rows: Vec<ImportRow>,
}

impl ImportReport {
    pub fn count(&self, action: ImportAction) -> usize {
        self.rows.iter().filter(|r| r.action == action).count()
    }
}

/// Progress of a run, for the command line's progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    Checking { done: usize, total: usize },
    Writing { done: usize, total: usize },
}

/// Decodes a file: UTF-8 (BOM or not), UTF-16 with BOM, or else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        return (text.into_owned(), "UTF-16");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        return (text.into_owned(), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// Picks the delimiter of the header line: the most frequent of `;`, `,` and tab outside
/// quotes (semicolon on a tie, as Swedish Excel writes). Returns it and the text without an
/// Excel `sep=` line.
pub fn detect_delimiter(text: &str) -> (u8, &str) {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    if let Some(sep) = first.trim().strip_prefix("sep=") {
        if let Some(c) = sep.chars().next().filter(|c| c.is_ascii()) {
            let rest = text.split_once('\n').map_or("", |(_, r)| r);
            return (c as u8, rest);
        }
    }
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut semi, mut comma, mut tab, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    let d = if tab > semi && tab > comma {
        b'\t'
    } else if comma > semi {
        b','
    } else {
        b';'
    };
    (d, text)
}

/// The parsed table: mapped columns, ignored headers, and the records with their lines.
pub(crate) struct Table {
    columns: Vec<Option<Column>>,
    ignored: Vec<String>,
    records: Vec<(usize, Vec<String>)>,
}

pub(crate) fn read_table(text: &str) -> AppResult<(Table, char)> {
    let (delimiter, body) = detect_delimiter(text);
    let line_offset = if body.len() < text.trim_start_matches('\u{feff}').len() {
        1
    } else {
        0
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let bad = |_| AppError::bad_input("csv", "Filen kunde inte läsas som CSV.");
    let headers = reader.headers().map_err(bad)?.clone();
    let mut columns = Vec::new();
    let mut ignored = Vec::new();
    for h in headers.iter() {
        let c = Column::from_header(h);
        if c.is_none() && !h.trim().is_empty() {
            ignored.push(h.trim().to_string());
        }
        columns.push(c);
    }
    let has = |c: Column| columns.contains(&Some(c));
    if !(has(Column::Name) || has(Column::FirstName) || has(Column::LastName)) {
        return Err(AppError::bad_input(
            "csv",
            "Kolumnen Namn saknas i första raden (rubrikraden).",
        ));
    }
    if !has(Column::Organisation) {
        return Err(AppError::bad_input(
            "csv",
            "Kolumnen Organisation saknas i första raden (rubrikraden).",
        ));
    }
    let mut records = Vec::new();
    let mut lines = LineCounter::new(body);
    for rec in reader.records() {
        let rec = rec.map_err(bad)?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if records.len() >= MAX_ROWS {
            return Err(AppError::TooLarge(format!(
                "Filen har för många rader (högst {MAX_ROWS})."
            )));
        }
        let line = lines.line_of(rec.position().map_or(0, |p| p.byte() as usize)) + line_offset;
        records.push((line, rec.iter().map(str::to_string).collect()));
    }
    Ok((
        Table {
            columns,
            ignored,
            records,
        },
        delimiter as char,
    ))
}

/// Counts lines as records are read: csv's own position may point at blank lines before a
/// record, so the line is that of the first byte after them. Records come in order, so each
/// byte is looked at once.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(body: &'a str) -> Self {
        LineCounter {
            bytes: body.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record starting at byte `start`.
    fn line_of(&mut self, start: usize) -> usize {
        let mut start = start.min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.at {
            self.line += self.bytes[self.at..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.at = start;
        }
        self.line
    }
}

/// Splits a list cell ("Små avlopp; Vatten" or "Små avlopp | Vatten").
fn split_list(s: &str) -> Vec<String> {
    s.split([';', '|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The phone book as it stands, for matching.
struct Context {
    orgs: Vec<Organisation>,
    /// (organisation, folded unit name) → (id, name)
    units: HashMap<(i64, String), (i64, String)>,
    areas: edit::AreaIndex,
    /// Organisation text as written in the file → index in `orgs` (memoised: files repeat it).
    org_names: std::cell::RefCell<HashMap<String, Option<usize>>>,
    people: Vec<Person>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<(i64, String), Vec<usize>>,
}

async fn load_context(db: &Db) -> AppResult<Context> {
    let ids: Vec<i64> = sqlx::query("SELECT id FROM people ORDER BY id")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    let people = people::load_many(db, &ids).await?;
    let mut by_email = HashMap::new();
    let mut by_name: HashMap<(i64, String), Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        if let Some(e) = &p.email {
            by_email.insert(e.clone(), i);
        }
        by_name
            .entry((p.organisation.id, fold(&p.name)))
            .or_default()
            .push(i);
    }
    let units = units::list(db, None)
        .await?
        .into_iter()
        .map(|u: Unit| ((u.organisation_id, fold(&u.name)), (u.id, u.name)))
        .collect();
    Ok(Context {
        orgs: organisations::list(db).await?,
        units,
        areas: edit::AreaIndex::new(&crate::tags::list(db).await?),
        org_names: Default::default(),
        people,
        by_email,
        by_name,
    })
}

/// A planned row: the report line plus what to write.
struct Planned {
    row: ImportRow,
    existing: Option<(i64, PersonState)>,
    state: Option<PersonState>,
}

/// A marker id for a unit that the import creates.
const NEW_UNIT: i64 = -1;

struct Invalid(&'static str, String);

impl From<AppError> for Invalid {
    fn from(e: AppError) -> Self {
        let field = match e.field() {
            Some("name") => "name",
            Some("title") => "title",
            Some("directPhone") => "directPhone",
            Some("mobilePhone") => "mobilePhone",
            Some("email") => "email",
            Some("areas") => "areas",
            Some("unit") => "unit",
            Some("roles") => "roles",
            _ => "organisation",
        };
        Invalid(field, e.public_message())
    }
}

fn plan_row(
    ctx: &Context,
    importer: &Importer,
    columns: &[Option<Column>],
    cells: &[String],
    row: &mut ImportRow,
) -> Result<(Option<(i64, PersonState)>, PersonState), Invalid> {
    let get = |c: Column| -> Option<String> {
        columns
            .iter()
            .position(|x| *x == Some(c))
            .map(|i| strip_formula_guard(cells.get(i).map_or("", |s| s.trim())).to_string())
    };
    let raw_name = match get(Column::Name) {
        Some(n) if !n.is_empty() => n,
        _ => {
            let first = get(Column::FirstName).unwrap_or_default();
            let last = get(Column::LastName).unwrap_or_default();
            format!("{first} {last}").trim().to_string()
        }
    };
    row.name = raw_name.clone();
    let name = edit::parse_name("name", &raw_name)?;
    let org_text = get(Column::Organisation).unwrap_or_default();
    row.organisation = (!org_text.is_empty()).then(|| org_text.clone());
    if org_text.is_empty() {
        return Err(Invalid(
            "organisation",
            "Ange vilken organisation personen tillhör.".into(),
        ));
    }
    let org_index = *ctx
        .org_names
        .borrow_mut()
        .entry(org_text.clone())
        .or_insert_with(|| {
            organisations::find(&ctx.orgs, &org_text)
                .and_then(|o| ctx.orgs.iter().position(|x| x.id == o.id))
        });
    let org = org_index.map(|i| &ctx.orgs[i]).ok_or_else(|| {
        Invalid(
            "organisation",
            format!("Organisationen ”{org_text}” finns inte."),
        )
    })?;
    row.organisation = Some(org.name.clone());
    if importer.only_organisation.is_some_and(|o| o != org.id) {
        return Err(Invalid(
            "organisation",
            "Du kan bara importera personer i din egen organisation.".into(),
        ));
    }
    let email = match get(Column::Email) {
        Some(e) => Some(edit::parse_email("email", &e)?),
        None => None,
    };
    let matched = match email.as_ref().and_then(|e| e.as_deref()) {
        Some(e) if ctx.by_email.contains_key(e) => Some(ctx.by_email[e]),
        _ => match ctx.by_name.get(&(org.id, fold(&name))) {
            Some(v) if v.len() == 1 => Some(v[0]),
            Some(_) => {
                return Err(Invalid(
                    "name",
                    "Flera personer i organisationen heter så – ange e-postadressen.".into(),
                ))
            }
            None => None,
        },
    };
    let existing = matched.map(|i| (ctx.people[i].id, PersonState::of(&ctx.people[i])));
    if let Some((_, base)) = &existing {
        if importer
            .only_organisation
            .is_some_and(|o| o != base.organisation_id)
        {
            return Err(Invalid(
                "email",
                "Personen med den e-postadressen hör till en annan organisation.".into(),
            ));
        }
    }
    let base = existing.as_ref().map(|(_, s)| s);
    let title = match get(Column::Title) {
        Some(t) => edit::parse_title("title", &t)?,
        None => base.map(|b| b.title.clone()).unwrap_or_default(),
    };
    let unit = match get(Column::Unit) {
        Some(u) if u.is_empty() => None,
        Some(u) => {
            let uname = crate::directory::units::parse_name(&u)
                .map_err(|e| Invalid("unit", e.public_message()))?;
            match ctx.units.get(&(org.id, fold(&uname))) {
                Some(x) => Some(x.clone()),
                None => {
                    row.new_unit = Some(uname.clone());
                    Some((NEW_UNIT, uname))
                }
            }
        }
        None => base
            .filter(|b| b.organisation_id == org.id)
            .and_then(|b| b.unit.clone()),
    };
    let phone = |c: Column, cur: Option<&crate::directory::phone::PhoneNumber>| match get(c) {
        Some(v) => edit::parse_phone(c.field(), &v),
        None => Ok(cur.cloned()),
    };
    let direct_phone = phone(
        Column::DirectPhone,
        base.and_then(|b| b.direct_phone.as_ref()),
    )?;
    let mobile_phone = phone(
        Column::MobilePhone,
        base.and_then(|b| b.mobile_phone.as_ref()),
    )?;
    let email = match email {
        Some(e) => e,
        None => base.and_then(|b| b.email.clone()),
    };
    let areas = match get(Column::Areas) {
        Some(a) => ctx.areas.resolve("areas", &split_list(&a))?,
        None => base.map(|b| b.areas.clone()).unwrap_or_default(),
    };
    let roles = match get(Column::Roles) {
        Some(r) => {
            let mut roles = Vec::new();
            for item in split_list(&r).iter().flat_map(|s| s.split(',')) {
                let item = item.trim();
                if item.is_empty() {
                    continue;
                }
                let role = PersonRole::parse(item).ok_or_else(|| {
                    Invalid(
                        "roles",
                        format!(
                            "Okänd roll: ”{item}”. Roller: kontaktperson, styrgrupp, beredningsgrupp, samordnare."
                        ),
                    )
                })?;
                roles.push(role);
            }
            roles.sort();
            roles.dedup();
            roles
        }
        None => base.map(|b| b.roles.clone()).unwrap_or_default(),
    };
    let state = PersonState {
        name,
        title,
        organisation_id: org.id,
        organisation_name: org.name.clone(),
        unit,
        direct_phone,
        mobile_phone,
        email,
        areas,
        roles,
        user_id: base.and_then(|b| b.user_id),
    };
    Ok((existing, state))
}

fn plan(
    ctx: &Context,
    importer: &Importer,
    table: &Table,
    progress: &dyn Fn(Progress),
) -> Vec<Planned> {
    let total = table.records.len();
    let mut seen_email: HashMap<String, usize> = HashMap::new();
    let mut seen_person: HashMap<i64, usize> = HashMap::new();
    let mut seen_name: HashMap<(i64, String), usize> = HashMap::new();
    let mut out = Vec::with_capacity(total);
    for (i, (line, cells)) in table.records.iter().enumerate() {
        let mut row = ImportRow {
            line: *line,
            action: ImportAction::Invalid,
            name: String::new(),
            organisation: None,
            person_id: None,
            field: None,
            reason: None,
            changes: Vec::new(),
            new_unit: None,
        };
        let result = plan_row(ctx, importer, &table.columns, cells, &mut row).and_then(
            |(existing, state)| {
                let earlier = existing
                    .as_ref()
                    .and_then(|(id, _)| seen_person.get(id))
                    .or_else(|| state.email.as_ref().and_then(|e| seen_email.get(e)))
                    .or_else(|| seen_name.get(&(state.organisation_id, fold(&state.name))));
                if let Some(l) = earlier {
                    return Err(Invalid(
                        "name",
                        format!("Samma person finns redan på rad {l}."),
                    ));
                }
                if let Some((id, _)) = &existing {
                    seen_person.insert(*id, *line);
                }
                if let Some(e) = &state.email {
                    seen_email.insert(e.clone(), *line);
                }
                seen_name.insert((state.organisation_id, fold(&state.name)), *line);
                Ok((existing, state))
            },
        );
        let planned = match result {
            Ok((existing, state)) => {
                match &existing {
                    None => row.action = ImportAction::Create,
                    Some((id, before)) => {
                        row.person_id = Some(*id);
                        let changes = before.changed_fields(&state);
                        if changes.is_empty() {
                            row.action = ImportAction::Unchanged;
                        } else {
                            row.action = ImportAction::Update;
                            row.changes = changes.into_iter().map(str::to_string).collect();
                        }
                    }
                }
                Planned {
                    row,
                    existing,
                    state: Some(state),
                }
            }
            Err(Invalid(field, reason)) => {
                row.field = Some(field.to_string());
                row.reason = Some(reason);
                Planned {
                    row,
                    existing: None,
                    state: None,
                }
            }
        };
        out.push(planned);
        progress(Progress::Checking { done: i + 1, total });
    }
    out
}

/// Plans, and unless it is a dry run (or rows are invalid), writes the import.
pub async fn run(
    db: &Db,
    importer: &Importer,
    bytes: &[u8],
    opts: ImportOptions,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> AppResult<ImportReport> {
    if bytes.len() > MAX_BYTES {
        return Err(AppError::TooLarge(format!(
            "Filen är för stor (högst {} MiB).",
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let (text, encoding) = decode(bytes);
    let (table, delimiter) = read_table(&text)?;
    let ctx = load_context(db).await?;
    let planned = plan(&ctx, importer, &table, progress);
    let mut report = ImportReport {
        dry_run: opts.dry_run,
        applied: false,
        encoding,
        delimiter,
        ignored_columns: table.ignored.clone(),
        rows: planned.iter().map(|p| p.row.clone()).collect(),
    };
    let invalid = report.count(ImportAction::Invalid);
    if opts.dry_run || (invalid > 0 && !opts.skip_invalid) {
        return Ok(report);
    }
    apply(db, importer, planned, progress).await?;
    report.applied = true;
    Ok(report)
}

async fn apply(
    db: &Db,
    importer: &Importer,
    planned: Vec<Planned>,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> AppResult<()> {
    let writes: Vec<Planned> = planned
        .into_iter()
        .filter(|p| matches!(p.row.action, ImportAction::Create | ImportAction::Update))
        .collect();
    let total = writes.len();
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let mut new_units: HashMap<(i64, String), i64> = HashMap::new();
    for (i, p) in writes.into_iter().enumerate() {
        let Some(mut state) = p.state else { continue };
        if let Some((NEW_UNIT, name)) = &state.unit {
            let key = (state.organisation_id, fold(name));
            let id = match new_units.get(&key) {
                Some(id) => *id,
                None => {
                    let kind = UnitKind::guess(name);
                    let row = sqlx::query(
                        "INSERT INTO units (organisation_id, name, kind, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $4) RETURNING id",
                    )
                    .bind(state.organisation_id)
                    .bind(name)
                    .bind(kind.as_str())
                    .bind(now)
                    .fetch_one(&mut **tx)
                    .await?;
                    let id: i64 = row.try_get(0)?;
                    audit::record(
                        &mut tx,
                        audit::NewEntry {
                            actor_id: importer.actor_id,
                            action: "import",
                            entity: AuditEntity::Unit,
                            entity_id: Some(id),
                            organisation_id: Some(state.organisation_id),
                            before: None,
                            after: Some(serde_json::json!({ "name": name, "kind": kind.as_str(), "organisationId": state.organisation_id })),
                        },
                    )
                    .await?;
                    new_units.insert(key, id);
                    id
                }
            };
            state.unit = Some((id, name.clone()));
        }
        let existing_id = p.existing.as_ref().map(|(id, _)| *id);
        let verifier = if existing_id.is_none() {
            importer.actor_id
        } else {
            None
        };
        let id = edit::write_state(&mut tx, existing_id, &state, verifier).await?;
        edit::audit_person(
            &mut tx,
            importer.actor_id,
            "import",
            id,
            p.existing.as_ref().map(|(_, s)| s),
            Some(&state),
        )
        .await?;
        progress(Progress::Writing { done: i + 1, total });
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_encodings_are_decoded() {
        let cp1252 = b"Namn;Organisation\r\nElin \xc5berg;Eksj\xf6 kommun\r\n";
        let (text, enc) = decode(cp1252);
        assert_eq!(enc, "Windows-1252");
        assert!(text.contains("Elin Åberg;Eksjö kommun"));
        let (text, enc) = decode("\u{feff}Namn;Organisation".as_bytes());
        assert_eq!((text.as_str(), enc), ("Namn;Organisation", "UTF-8"));
        let (text, enc) = decode("Namn,Åsa".as_bytes());
        assert_eq!((text.as_str(), enc), ("Namn,Åsa", "UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Namn\tÖ".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16), ("Namn\tÖ".to_string(), "UTF-16"));
    }

    #[test]
    fn delimiters_are_detected_from_the_header() {
        assert_eq!(detect_delimiter("Namn;Organisation;E-post\n").0, b';');
        assert_eq!(detect_delimiter("Namn,Organisation,E-post\n").0, b',');
        assert_eq!(detect_delimiter("\"Namn, fullständigt\";Org\n").0, b';');
        assert_eq!(detect_delimiter("Namn\tOrganisation\n").0, b'\t');
        let (d, rest) = detect_delimiter("sep=,\r\nNamn,Organisation\r\n");
        assert_eq!(d, b',');
        assert!(rest.starts_with("Namn"));
    }

    #[test]
    fn tables_need_name_and_organisation_columns() {
        let err = read_table("Befattning;Organisation\nx;y\n").err().unwrap();
        assert_eq!(err.field(), Some("csv"));
        let (t, d) = read_table("Namn;Organisation;Skostorlek\n\nAnna;Eksjö;38\n").unwrap();
        assert_eq!(d, ';');
        assert_eq!(t.ignored, vec!["Skostorlek"]);
        assert_eq!(t.records.len(), 1);
        assert_eq!(
            t.records[0].0, 3,
            "line numbers count the header and blank lines"
        );
    }

    #[test]
    fn list_cells_split_on_semicolons_and_bars() {
        assert_eq!(
            split_list("Små avlopp; Skolor, förskolor och vård |Vatten"),
            vec!["Små avlopp", "Skolor, förskolor och vård", "Vatten"]
        );
    }
}
