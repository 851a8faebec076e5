//! Demo content from the verksamhetsplan, loaded into a new database so a new user meets a
//! living forum, real projects and a filled phone book. `content` is the data; `forum`,
//! `library`, `directory` and `meetings` load it through each domain's own functions and
//! types; this module runs them in order. No domain imports this module.

pub mod content;
mod directory;
mod forum;
mod library;
mod meetings;

use crate::{accounts::users, db::Db, directory::organisations, error::AppResult, state::AppState};

/// Demo accounts by e-mail, in `content::people()` order (index = person index).
pub struct DemoUsers {
    pub ids: Vec<i64>,
}

/// Loads everything. Called once, when the database is new and `SAMSYN_DEMO` is on.
pub async fn load(state: &AppState) -> AppResult<()> {
    let db = &state.db;
    for t in crate::tags::glossary() {
        let synonyms: Vec<String> = t.synonyms.iter().map(|s| s.to_string()).collect();
        crate::tags::upsert(db, t.name, &synonyms).await?;
    }
    let users = load_users(db, state.config.demo_password.as_ref().map(|s| s.0.clone())).await?;
    forum::load(state, &users).await?;
    directory::load(state, &users).await?;
    meetings::load(state, &users).await?;
    library::load(state, &users).await?;
    tracing::info!(users = users.ids.len(), "demo content loaded");
    Ok(())
}

async fn load_users(db: &Db, password: Option<String>) -> AppResult<DemoUsers> {
    let mut ids = Vec::new();
    for p in content::people() {
        let org = organisations::by_slug(db, p.organisation).await?;
        let user = users::create(
            db,
            users::NewUser {
                email: p.email.clone(),
                display_name: p.name.to_string(),
                organisation_id: org.map(|o| o.id),
                role: p.account,
                password: password.clone(),
            },
        )
        .await?;
        ids.push(user.id);
    }
    Ok(DemoUsers { ids })
}
