//! GraphQL for accounts: login/logout, me, users (with the networks a new one starts in),
//! invitations, API tokens, organisations.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};
use chrono::{DateTime, TimeZone, Utc};

use crate::{
    accounts::{
        invitations, sessions, tokens,
        users::{self, User, UserUpdate},
        Role, TokenScope,
    },
    directory::organisations::{self, Organisation},
    error::{AppError, AppResult},
    forum::membership,
    graphql::{ids, parts},
    state::RequestMeta,
};

pub fn ts(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

#[derive(Clone)]
pub struct UserObj(pub User);

#[Object(name = "User")]
impl UserObj {
    pub async fn id(&self) -> ID {
        ids::encode("User", self.0.id)
    }
    async fn display_name(&self) -> &str {
        if self.0.erased {
            "Tidigare användare"
        } else {
            &self.0.display_name
        }
    }
    /// Visible to the user and to admins only.
    async fn email(&self, ctx: &Context<'_>) -> Option<&str> {
        let (_, access) = parts(ctx);
        let me = access.principal.as_ref()?;
        (me.user_id == self.0.id || access.is_admin()).then_some(self.0.email.as_str())
    }
    async fn role(&self) -> Role {
        self.0.role
    }
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    /// Batched through the organisation loader, so a page of authors costs one query.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<OrganisationObj>> {
        Ok(match self.0.organisation_id {
            Some(id) => {
                crate::graphql::loaders::get::<crate::graphql::loaders::OrganisationLoader>(ctx)
                    .load_one(id)
                    .await?
                    .map(OrganisationObj)
            }
            None => None,
        })
    }
}

#[derive(Clone)]
pub struct OrganisationObj(pub Organisation);

#[Object(name = "Organisation")]
impl OrganisationObj {
    pub async fn id(&self) -> ID {
        ids::encode("Organisation", self.0.id)
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// kommun | lansstyrelse | region | other
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// Växelnummer, the Swedish way ("036-10 50 00").
    async fn switchboard(&self) -> Option<String> {
        self.0.switchboard.as_deref().map(|s| {
            crate::directory::phone::PhoneNumber::parse(s)
                .map_or_else(|_| s.to_string(), |n| n.display())
        })
    }
    /// Växelnummer in E.164 ("+4636105000").
    async fn switchboard_e164(&self) -> Option<String> {
        self.0
            .switchboard
            .as_deref()
            .and_then(|s| crate::directory::phone::PhoneNumber::parse(s).ok())
            .map(|n| n.e164())
    }
    /// Förvaltningar, enheter and avdelningar.
    async fn units(&self, ctx: &Context<'_>) -> Result<Vec<crate::graphql::directory::UnitObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        Ok(crate::directory::units::list(&state.db, Some(self.0.id))
            .await?
            .into_iter()
            .map(crate::graphql::directory::UnitObj)
            .collect())
    }
    async fn visiting_address(&self) -> Option<&str> {
        self.0.visiting_address.as_deref()
    }
    async fn postal_address(&self) -> Option<&str> {
        self.0.postal_address.as_deref()
    }
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
}

#[derive(SimpleObject)]
pub struct ApiTokenObj {
    id: ID,
    name: String,
    scope: TokenScope,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<tokens::ApiToken> for ApiTokenObj {
    fn from(t: tokens::ApiToken) -> Self {
        ApiTokenObj {
            id: ids::encode("ApiToken", t.id),
            name: t.name,
            scope: t.scope,
            created_at: ts(t.created_at),
            expires_at: t.expires_at.map(ts),
            last_used_at: t.last_used_at.map(ts),
            revoked_at: t.revoked_at.map(ts),
        }
    }
}

#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// The signed-in user, or null.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        let (state, access) = parts(ctx);
        Ok(match &access.principal {
            Some(p) => users::get(&state.db, p.user_id).await?.map(UserObj),
            None => None,
        })
    }

    /// All users (admins only).
    async fn users(&self, ctx: &Context<'_>) -> Result<Vec<UserObj>> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        Ok(users::list(&state.db)
            .await?
            .into_iter()
            .map(UserObj)
            .collect())
    }

    /// My API tokens (never their secrets).
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiTokenObj>> {
        let (state, access) = parts(ctx);
        Ok(tokens::list_mine(&state.db, access)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The organisations: municipalities, Länsstyrelsen, Kommunal utveckling and others.
    async fn organisations(&self, ctx: &Context<'_>) -> Result<Vec<OrganisationObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        Ok(organisations::list(&state.db)
            .await?
            .into_iter()
            .map(OrganisationObj)
            .collect())
    }
}

#[derive(InputObject)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

#[derive(SimpleObject)]
pub struct LoginPayload {
    pub user: UserObj,
}

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
}

#[derive(InputObject)]
pub struct CreateUserInput {
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<ID>,
    pub role: Role,
    /// Optional: without it the user must be invited to set one.
    pub password: Option<String>,
    /// Networks the user joins; left out: the networks marked `joinByDefault`.
    pub network_ids: Option<Vec<ID>>,
}

#[derive(InputObject)]
pub struct UpdateUserInput {
    pub id: ID,
    pub display_name: Option<String>,
    pub organisation_id: Option<ID>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

#[derive(InputObject)]
pub struct InviteUserInput {
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<ID>,
    pub role: Role,
    /// Networks the invitee joins on accepting; left out: the networks marked
    /// `joinByDefault`.
    pub network_ids: Option<Vec<ID>>,
}

#[derive(SimpleObject)]
pub struct InvitationPayload {
    pub id: ID,
    /// The link to send to the invitee; shown once.
    pub url: String,
    /// The one-time token inside the link.
    pub token: String,
}

#[derive(InputObject)]
pub struct AcceptInvitationInput {
    pub token: String,
    pub password: String,
}

#[derive(InputObject)]
pub struct CreateApiTokenInput {
    pub name: String,
    pub scope: TokenScope,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(SimpleObject)]
pub struct CreateApiTokenPayload {
    pub api_token: ApiTokenObj,
    /// The secret: shown only in this response. Send it as `Authorization: Bearer …`.
    pub token: String,
}

/// The checked networks a new user is to join (see `membership::start_networks`).
async fn start_networks(ctx: &Context<'_>, network_ids: &Option<Vec<ID>>) -> Result<Vec<i64>> {
    let (state, access) = parts(ctx);
    let chosen = match network_ids {
        Some(list) => Some(
            list.iter()
                .map(|id| {
                    ids::decode(id, "Network").map_err(|_| {
                        AppError::bad_input("networkIds", "Ett av nätverken har ett ogiltigt id.")
                    })
                })
                .collect::<AppResult<Vec<i64>>>()?,
        ),
        None => None,
    };
    Ok(membership::start_networks(&state.db, access, chosen).await?)
}

fn org_id(id: &Option<ID>) -> Result<Option<i64>> {
    Ok(match id {
        Some(id) => Some(ids::decode(id, "Organisation")?),
        None => None,
    })
}

#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Signs in and sets the session cookie.
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> Result<LoginPayload> {
        let (state, _) = parts(ctx);
        let meta = ctx.data::<RequestMeta>()?;
        let (user, token) = sessions::login(
            &state.db,
            &state.config,
            &input.email,
            &input.password,
            &meta.client,
        )
        .await?;
        ctx.append_http_header(
            "set-cookie",
            sessions::cookie(&token, meta.secure, state.config.session_max().as_secs()),
        );
        Ok(LoginPayload {
            user: UserObj(user),
        })
    }

    /// Ends the current session on the server and clears the cookie.
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool> {
        let (state, access) = parts(ctx);
        let meta = ctx.data::<RequestMeta>()?;
        sessions::logout(&state.db, access).await?;
        ctx.append_http_header("set-cookie", sessions::clear_cookie(meta.secure));
        Ok(true)
    }

    /// Changes my password and ends my other sessions.
    async fn change_password(&self, ctx: &Context<'_>, input: ChangePasswordInput) -> Result<bool> {
        let (state, access) = parts(ctx);
        let meta = ctx.data::<RequestMeta>()?;
        users::change_password(
            &state.db,
            &state.config,
            access,
            &input.current_password,
            &input.new_password,
            &meta.client,
        )
        .await?;
        Ok(true)
    }

    /// Creates a user (admins).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<UserObj> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        let network_ids = start_networks(ctx, &input.network_ids).await?;
        let user = users::create(
            &state.db,
            users::NewUser {
                email: input.email,
                display_name: input.display_name,
                organisation_id: org_id(&input.organisation_id)?,
                role: input.role,
                password: input.password,
            },
        )
        .await?;
        membership::enrol(&state.db, user.id, &network_ids).await?;
        Ok(UserObj(user))
    }

    /// Edits or deactivates a user (admins). Deactivation ends sessions and tokens.
    async fn update_user(&self, ctx: &Context<'_>, input: UpdateUserInput) -> Result<UserObj> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        let id = ids::decode(&input.id, "User")?;
        let upd = UserUpdate {
            display_name: input.display_name,
            organisation_id: match &input.organisation_id {
                Some(_) => Some(org_id(&input.organisation_id)?),
                None => None,
            },
            role: input.role,
            active: input.active,
        };
        Ok(UserObj(users::update(&state.db, access, id, upd).await?))
    }

    /// Invites a person (admins): returns a one-time link where they choose a password.
    async fn invite_user(
        &self,
        ctx: &Context<'_>,
        input: InviteUserInput,
    ) -> Result<InvitationPayload> {
        let (state, access) = parts(ctx);
        access.require_admin()?;
        let network_ids = start_networks(ctx, &input.network_ids).await?;
        let (id, token) = invitations::create(
            &state.db,
            access,
            invitations::NewInvitation {
                email: input.email,
                display_name: input.display_name,
                organisation_id: org_id(&input.organisation_id)?,
                role: input.role,
                network_ids,
            },
        )
        .await?;
        Ok(InvitationPayload {
            id: ids::encode("Invitation", id),
            url: format!(
                "{}/inbjudan/{token}",
                state.config.public_url.trim_end_matches('/')
            ),
            token,
        })
    }

    /// Accepts an invitation with a new password; signs the new user in.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        input: AcceptInvitationInput,
    ) -> Result<LoginPayload> {
        let (state, _) = parts(ctx);
        let meta = ctx.data::<RequestMeta>()?;
        let accepted = invitations::accept(&state.db, &input.token, &input.password).await?;
        membership::enrol(&state.db, accepted.user.id, &accepted.network_ids).await?;
        let user = accepted.user;
        let (user, token) = sessions::login(
            &state.db,
            &state.config,
            &user.email,
            &input.password,
            &meta.client,
        )
        .await?;
        ctx.append_http_header(
            "set-cookie",
            sessions::cookie(&token, meta.secure, state.config.session_max().as_secs()),
        );
        Ok(LoginPayload {
            user: UserObj(user),
        })
    }

    /// Creates an API token for me; the secret is returned only here.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        input: CreateApiTokenInput,
    ) -> Result<CreateApiTokenPayload> {
        let (state, access) = parts(ctx);
        let (t, secret) = tokens::create(
            &state.db,
            access,
            &input.name,
            input.scope,
            input.expires_at.map(|d| d.timestamp_millis()),
        )
        .await?;
        Ok(CreateApiTokenPayload {
            api_token: t.into(),
            token: secret,
        })
    }

    /// Revokes one of my API tokens; it stops working at once.
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> Result<ApiTokenObj> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&id, "ApiToken")?;
        Ok(tokens::revoke(&state.db, access, id).await?.into())
    }
}
