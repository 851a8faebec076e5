//! GraphQL for signing in through identity providers: the login page's buttons (anyone),
//! the providers' settings (admins), and the provider of my session (for its sign-out).
//! Client secrets go in and never come out.

use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};

use crate::{
    accounts::AuthVia,
    graphql::{accounts::ts, ids, parts},
    oidc::{
        flow,
        providers::{self, Provider, ProviderChanges, SecretSource},
    },
};

/// A "Logga in med …" button.
#[derive(SimpleObject)]
pub struct LoginProvider {
    pub id: ID,
    pub organisation_name: String,
    /// "Logga in med Eksjö kommun".
    pub label: String,
    /// Where the button goes (GET; add `?till=/path` to come back there).
    pub start_url: String,
}

impl From<&Provider> for LoginProvider {
    fn from(p: &Provider) -> Self {
        LoginProvider {
            id: ids::encode("OidcProvider", p.id),
            organisation_name: p.organisation_name.clone(),
            label: p.button_label(),
            start_url: format!("/auth/oidc/{}", p.slug),
        }
    }
}

/// Where a provider's client secret is kept.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ClientSecretSource {
    /// No secret: a public client.
    None,
    /// Sealed in the database with the server's key.
    Stored,
    /// In the server's environment variable `clientSecretEnv`.
    Environment,
}

/// An identity provider's settings (admins).
pub struct OidcProviderObj(pub Provider);

#[Object(name = "OidcProvider")]
impl OidcProviderObj {
    async fn id(&self) -> ID {
        ids::encode("OidcProvider", self.0.id)
    }
    async fn organisation_id(&self) -> ID {
        ids::encode("Organisation", self.0.organisation_id)
    }
    async fn organisation_name(&self) -> &str {
        &self.0.organisation_name
    }
    /// The issuer URL, e.g. https://login.microsoftonline.com/<katalog-id>/v2.0.
    async fn issuer(&self) -> &str {
        &self.0.issuer
    }
    async fn client_id(&self) -> &str {
        &self.0.client_id
    }
    async fn client_secret_source(&self) -> ClientSecretSource {
        match self.0.secret {
            SecretSource::None => ClientSecretSource::None,
            SecretSource::Sealed(_) => ClientSecretSource::Stored,
            SecretSource::Env(_) => ClientSecretSource::Environment,
        }
    }
    async fn client_secret_env(&self) -> Option<&str> {
        match &self.0.secret {
            SecretSource::Env(e) => Some(e.as_str()),
            _ => None,
        }
    }
    /// The domains whose addresses sign in through this provider.
    async fn email_domains(&self) -> &[String] {
        &self.0.email_domains
    }
    async fn enabled(&self) -> bool {
        self.0.enabled
    }
    /// False: the organisation's members (admins excepted) must sign in through the provider.
    async fn local_passwords(&self) -> bool {
        self.0.local_passwords
    }
    /// Set up in the server's settings file: change it there.
    async fn from_settings_file(&self) -> bool {
        self.0.from_file
    }
    /// The redirect URI to register at the provider.
    async fn redirect_uri(&self, ctx: &Context<'_>) -> String {
        let (state, _) = parts(ctx);
        flow::redirect_uri(&state.config.public_url)
    }
    /// Where the provider's sign-out may send people back (register it too).
    async fn post_logout_redirect_uri(&self, ctx: &Context<'_>) -> String {
        let (state, _) = parts(ctx);
        flow::post_logout_uri(&state.config.public_url)
    }
    /// Users who have signed in through this provider's issuer.
    async fn linked_users(&self, ctx: &Context<'_>) -> Result<i64> {
        let (state, _) = parts(ctx);
        Ok(providers::linked_users(&state.db, &self.0.issuer).await?)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.updated_at)
    }
}

/// How I signed in, when it was through a provider.
#[derive(SimpleObject)]
pub struct MySignIn {
    pub provider: LoginProvider,
    /// The provider's own sign-out (RP-Initiated Logout), when it has one.
    pub end_session_url: Option<String>,
}

#[derive(Default)]
pub struct OidcQuery;

#[Object]
impl OidcQuery {
    /// The identity providers the login page offers (anyone).
    async fn login_providers(&self, ctx: &Context<'_>) -> Result<Vec<LoginProvider>> {
        let (state, _) = parts(ctx);
        Ok(providers::list_enabled(&state.db)
            .await?
            .iter()
            .map(LoginProvider::from)
            .collect())
    }

    /// Every identity provider with its settings (admins).
    async fn oidc_providers(&self, ctx: &Context<'_>) -> Result<Vec<OidcProviderObj>> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        Ok(providers::list(&state.db)
            .await?
            .into_iter()
            .map(OidcProviderObj)
            .collect())
    }

    /// The provider my session came through, or null for a password sign-in.
    async fn my_sign_in(&self, ctx: &Context<'_>) -> Result<Option<MySignIn>> {
        let (state, access) = parts(ctx);
        let AuthVia::Session { session_id } = access.user()?.via else {
            return Ok(None);
        };
        Ok(flow::end_session(&state.oidc_ctx(), session_id)
            .await?
            .map(|(p, url)| MySignIn {
                provider: LoginProvider::from(&p),
                end_session_url: url,
            }))
    }
}

#[derive(InputObject)]
pub struct CreateOidcProviderInput {
    /// The organisation whose people sign in through it (one provider per organisation).
    pub organisation_id: ID,
    pub issuer: String,
    pub client_id: String,
    /// The client secret; sealed before it is stored. Or give `clientSecretEnv`.
    pub client_secret: Option<String>,
    /// The server's environment variable holding the secret (must start with SAMSYN_OIDC_).
    pub client_secret_env: Option<String>,
    pub email_domains: Vec<String>,
    #[graphql(default = true)]
    pub enabled: bool,
    #[graphql(default = true)]
    pub local_passwords: bool,
}

#[derive(InputObject)]
pub struct UpdateOidcProviderInput {
    pub id: ID,
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// A new secret (leave out to keep the stored one).
    pub client_secret: Option<String>,
    pub client_secret_env: Option<String>,
    /// Forget the stored secret or variable: a public client.
    #[graphql(default = false)]
    pub clear_client_secret: bool,
    pub email_domains: Option<Vec<String>>,
    pub enabled: Option<bool>,
    pub local_passwords: Option<bool>,
}

#[derive(InputObject)]
pub struct DeleteOidcProviderInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct OidcProviderPayload {
    pub provider: OidcProviderObj,
}

#[derive(SimpleObject)]
pub struct DeleteOidcProviderPayload {
    pub deleted_provider_id: ID,
}

#[derive(Default)]
pub struct OidcMutation;

#[Object]
impl OidcMutation {
    /// Sets up sign-in through an organisation's identity provider (admins).
    async fn create_oidc_provider(
        &self,
        ctx: &Context<'_>,
        input: CreateOidcProviderInput,
    ) -> Result<OidcProviderPayload> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        let org = ids::decode(&input.organisation_id, "Organisation")
            .map_err(|_| crate::error::AppError::bad_input("organisationId", "Ogiltigt id."))?;
        let p = providers::create(
            &state.db,
            &state.config,
            access,
            org,
            ProviderChanges {
                issuer: Some(input.issuer),
                client_id: Some(input.client_id),
                client_secret: input.client_secret,
                client_secret_env: input.client_secret_env,
                clear_secret: false,
                email_domains: Some(input.email_domains),
                enabled: Some(input.enabled),
                local_passwords: Some(input.local_passwords),
            },
        )
        .await?;
        Ok(OidcProviderPayload {
            provider: OidcProviderObj(p),
        })
    }

    /// Changes an identity provider (admins).
    async fn update_oidc_provider(
        &self,
        ctx: &Context<'_>,
        input: UpdateOidcProviderInput,
    ) -> Result<OidcProviderPayload> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        let id = ids::decode(&input.id, "OidcProvider")?;
        let p = providers::update(
            &state.db,
            &state.config,
            access,
            id,
            ProviderChanges {
                issuer: input.issuer,
                client_id: input.client_id,
                client_secret: input.client_secret,
                client_secret_env: input.client_secret_env,
                clear_secret: input.clear_client_secret,
                email_domains: input.email_domains,
                enabled: input.enabled,
                local_passwords: input.local_passwords,
            },
        )
        .await?;
        Ok(OidcProviderPayload {
            provider: OidcProviderObj(p),
        })
    }

    /// Removes an identity provider (admins); its users keep their accounts.
    async fn delete_oidc_provider(
        &self,
        ctx: &Context<'_>,
        input: DeleteOidcProviderInput,
    ) -> Result<DeleteOidcProviderPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "OidcProvider")?;
        providers::delete(&state.db, access, id).await?;
        Ok(DeleteOidcProviderPayload {
            deleted_provider_id: input.id,
        })
    }
}
