//! The one permission gate. An `Access` is built per request from the session cookie or
//! API token and carries everything needed to decide what the caller may read or change:
//! role, organisation and network memberships. Every list, node lookup, search and file
//! download asks it.

use std::collections::HashMap;

use sqlx::Row;

use crate::{
    db::Db,
    error::{AppError, AppResult},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    Admin,
    Manager,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Member => "member",
        }
    }
    pub fn parse(s: &str) -> AppResult<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "manager" => Ok(Role::Manager),
            "member" => Ok(Role::Member),
            _ => Err(AppError::bad_input(
                "role",
                "Rollen måste vara admin, manager eller member.",
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum NetworkRole {
    Member,
    Moderator,
}

impl NetworkRole {
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkRole::Member => "member",
            NetworkRole::Moderator => "moderator",
        }
    }
    pub fn parse(s: &str) -> NetworkRole {
        if s == "moderator" {
            NetworkRole::Moderator
        } else {
            NetworkRole::Member
        }
    }
}

/// Scope of an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TokenScope {
    Read,
    Write,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }
    pub fn parse(s: &str) -> TokenScope {
        if s == "write" {
            TokenScope::Write
        } else {
            TokenScope::Read
        }
    }
}

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthVia {
    Session {
        session_id: i64,
    },
    Token {
        token_id: i64,
        scope: TokenScope,
    },
    /// Work done for the user while they are not there (no session, no token).
    Unattended(Unattended),
}

/// Why something acts as a user without their session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unattended {
    /// A calendar feed, read as its owner: read only.
    Feed,
    /// The e-mail digest of a user's notifications: read only.
    Digest,
    /// The shell (`samsyn import`) or the demo loader acting as a named user.
    Shell,
}

/// A signed-in caller.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub via: AuthVia,
    pub networks: HashMap<i64, NetworkRole>,
}

/// What the caller of one request may do.
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub principal: Option<Principal>,
}

impl Access {
    pub fn anonymous() -> Access {
        Access { principal: None }
    }

    /// Loads the caller's network memberships and wraps them with the principal.
    pub async fn for_user(
        db: &Db,
        user_id: i64,
        display_name: String,
        role: Role,
        organisation_id: Option<i64>,
        via: AuthVia,
    ) -> AppResult<Access> {
        let rows = sqlx::query("SELECT network_id, role FROM network_members WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(&db.pool)
            .await?;
        let mut networks = HashMap::with_capacity(rows.len());
        for r in rows {
            networks.insert(
                r.try_get::<i64, _>(0)?,
                NetworkRole::parse(&r.try_get::<String, _>(1)?),
            );
        }
        Ok(Self::with_networks(
            user_id,
            display_name,
            role,
            organisation_id,
            via,
            networks,
        ))
    }

    /// A signed-in user's access from memberships already read (by the caller's own
    /// statement, e.g. the session lookup that joins them in).
    pub fn with_networks(
        user_id: i64,
        display_name: String,
        role: Role,
        organisation_id: Option<i64>,
        via: AuthVia,
        networks: HashMap<i64, NetworkRole>,
    ) -> Access {
        Access {
            principal: Some(Principal {
                user_id,
                display_name,
                role,
                organisation_id,
                via,
                networks,
            }),
        }
    }

    /// The signed-in caller, or UNAUTHENTICATED.
    pub fn user(&self) -> AppResult<&Principal> {
        self.principal.as_ref().ok_or(AppError::Unauthenticated)
    }

    pub fn user_id(&self) -> AppResult<i64> {
        Ok(self.user()?.user_id)
    }

    /// The signed-in caller's user id; None when signed out (for answers that differ per
    /// user but are also given to the signed out).
    pub fn signed_in_user_id(&self) -> Option<i64> {
        self.principal.as_ref().map(|p| p.user_id)
    }

    pub fn is_admin(&self) -> bool {
        matches!(&self.principal, Some(p) if p.role == Role::Admin)
    }

    pub fn require_admin(&self) -> AppResult<&Principal> {
        let p = self.user()?;
        if p.role == Role::Admin {
            Ok(p)
        } else {
            Err(AppError::forbidden())
        }
    }

    /// True when the caller may change data (a session, or a WRITE token).
    pub fn can_write(&self) -> bool {
        match &self.principal {
            Some(p) => !matches!(
                p.via,
                AuthVia::Token {
                    scope: TokenScope::Read,
                    ..
                } | AuthVia::Unattended(Unattended::Feed | Unattended::Digest)
            ),
            None => false,
        }
    }

    pub fn network_role(&self, network_id: i64) -> Option<NetworkRole> {
        self.principal
            .as_ref()
            .and_then(|p| p.networks.get(&network_id).copied())
    }

    /// May the caller read a network's content?
    pub fn can_read_network(&self, network_id: i64, members_only: bool) -> bool {
        match &self.principal {
            None => false,
            Some(p) => {
                p.role == Role::Admin || !members_only || p.networks.contains_key(&network_id)
            }
        }
    }

    /// May the caller moderate a network (pin, lock, hide, manage members, publish)?
    pub fn can_moderate(&self, network_id: i64) -> bool {
        self.is_admin() || self.network_role(network_id) == Some(NetworkRole::Moderator)
    }

    /// The networks the caller moderates by membership (admins moderate all besides).
    pub fn moderated_network_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .principal
            .iter()
            .flat_map(|p| &p.networks)
            .filter(|(_, r)| **r == NetworkRole::Moderator)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The caller's grants, matched against the `acl` of search entries.
    pub fn grants(&self) -> Vec<String> {
        let Some(p) = &self.principal else {
            return Vec::new();
        };
        let mut g = vec!["all".to_string(), format!("user:{}", p.user_id)];
        if p.role == Role::Admin {
            g.push("role:admin".into());
        }
        for (net, role) in &p.networks {
            g.push(format!("net:{net}"));
            if *role == NetworkRole::Moderator {
                g.push(format!("mod:{net}"));
            }
        }
        g
    }
}
