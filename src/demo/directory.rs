//! The demo phone book: every person of `demo::content::people()` with unit, phones, areas
//! and roles, linked to the demo account of the same index. Most entries are verified a few
//! months ago by their organisation's manager; every seventh is overdue so the
//! verification list has something to show.

use std::collections::HashMap;

use crate::{
    accounts::Role,
    db::now_ms,
    demo::{content, DemoUsers},
    directory::{
        edit::{self, PersonState},
        organisations,
        people::PersonRole,
        phone::PhoneNumber,
        units::UnitKind,
    },
    error::{AppError, AppResult},
    state::AppState,
};

const DAY_MS: i64 = 24 * 3600 * 1000;

pub async fn load(state: &AppState, users: &DemoUsers) -> AppResult<()> {
    let db = &state.db;
    let people = content::people();
    let orgs = organisations::list(db).await?;
    let tags = crate::tags::list(db).await?;
    // Who verifies: the organisation's manager (the first manager row of the demo).
    let mut managers: HashMap<&str, i64> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        if matches!(p.account, Role::Manager | Role::Admin) {
            managers.entry(p.organisation).or_insert(users.ids[i]);
        }
    }
    let now = now_ms();
    let mut units: HashMap<(i64, String), i64> = HashMap::new();
    let mut tx = db.begin_write().await?;
    for (i, p) in people.iter().enumerate() {
        let org = orgs
            .iter()
            .find(|o| o.slug == p.organisation)
            .ok_or_else(|| AppError::internal(format!("demo organisation {}", p.organisation)))?;
        let unit_id = match units.get(&(org.id, p.unit.to_string())) {
            Some(id) => *id,
            None => {
                let row = sqlx::query(
                    "INSERT INTO units (organisation_id, name, kind, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $4) RETURNING id",
                )
                .bind(org.id)
                .bind(p.unit)
                .bind(UnitKind::guess(p.unit).as_str())
                .bind(now)
                .fetch_one(&mut **tx)
                .await?;
                let id: i64 = sqlx::Row::try_get(&row, 0)?;
                units.insert((org.id, p.unit.to_string()), id);
                id
            }
        };
        let phone = |label: &str| {
            p.phones
                .iter()
                .find(|ph| ph.label == label)
                .and_then(|ph| PhoneNumber::parse(ph.number).ok())
        };
        let areas: Vec<String> = p.areas.iter().map(|a| a.to_string()).collect();
        let mut roles: Vec<PersonRole> = p.roles.to_vec();
        roles.sort();
        roles.dedup();
        let person = PersonState {
            name: p.name.to_string(),
            title: p.title.to_string(),
            organisation_id: org.id,
            organisation_name: org.name.clone(),
            unit: Some((unit_id, p.unit.to_string())),
            direct_phone: phone("arbete"),
            mobile_phone: phone("mobil"),
            email: Some(p.email.clone()),
            areas: edit::resolve_areas(&tags, "areas", &areas)?,
            roles,
            user_id: users.ids.get(i).copied(),
        };
        let verifier = managers.get(p.organisation).copied();
        let id = edit::write_state(&mut tx, None, &person, verifier).await?;
        // Spread verification over the last year; every seventh entry is overdue.
        let age_days = if i % 7 == 3 {
            400 + (i as i64 % 5) * 30
        } else {
            10 + (i as i64 * 37) % 300
        };
        sqlx::query("UPDATE people SET verified_at = $1 WHERE id = $2")
            .bind(now - age_days * DAY_MS)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(people = people.len(), "demo phone book loaded");
    Ok(())
}
