//! GraphQL for the newsletter (nyhetsbrev): the archive, writing, previewing and sending an
//! issue, its delivery log, and each user's choice to get it by e-mail.

use async_graphql::{
    connection::{Connection, Edge},
    Context, InputObject, Object, Result, SimpleObject, ID,
};
use chrono::{DateTime, Utc};

use crate::{
    error::AppError,
    forum::markdown,
    graphql::{accounts::ts, ids, meetings::network_gid, page_size, parts},
    meetings::{
        newsletter::{self, Delivery, DeliveryStatus, Newsletter, NewsletterStatus},
        plain_text::plain_text,
    },
};

fn newsletter_id(id: &ID) -> Result<i64> {
    Ok(ids::decode(id, "Newsletter")?)
}

/// An issue of the newsletter.
pub struct NewsletterObj(pub Newsletter);

#[Object(name = "Newsletter")]
impl NewsletterObj {
    pub async fn id(&self) -> ID {
        ids::encode("Newsletter", self.0.id)
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The text as Markdown, as written.
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// The text rendered to safe HTML.
    async fn html(&self) -> String {
        markdown::render(&self.0.body)
    }
    /// The text as plain text (the e-mail's text part).
    async fn text(&self) -> String {
        plain_text(&self.0.body)
    }
    async fn status(&self) -> NewsletterStatus {
        self.0.status
    }
    /// True when sent (or to be sent) to everyone; otherwise see `networkIds`.
    async fn everyone(&self) -> bool {
        self.0.network_ids.is_empty()
    }
    /// The networks it was sent to.
    async fn network_ids(&self) -> Vec<ID> {
        self.0.network_ids.iter().map(|n| network_gid(*n)).collect()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.updated_at)
    }
    async fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.0.sent_at.map(ts)
    }
    /// E-mails queued, sent and failed (admins; null for others).
    async fn delivery_stats(&self, ctx: &Context<'_>) -> Result<Option<DeliveryStatsObj>> {
        let (state, access) = parts(ctx);
        if !access.is_admin() {
            return Ok(None);
        }
        let s = newsletter::delivery_stats(&state.db, access, self.0.id).await?;
        Ok(Some(DeliveryStatsObj {
            queued: s.queued as i32,
            sent: s.sent as i32,
            failed: s.failed as i32,
        }))
    }
    /// The delivery log (admins).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, DeliveryObj>> {
        let (state, access) = parts(ctx);
        let first = page_size(first)?;
        let after = match after {
            Some(c) => Some(
                ids::parse_cursor(&c)?
                    .parse::<i64>()
                    .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?,
            ),
            None => None,
        };
        let (page, has_next) =
            newsletter::deliveries(&state.db, access, self.0.id, first, after).await?;
        let mut conn = Connection::new(after.is_some(), has_next);
        conn.edges.extend(
            page.into_iter()
                .map(|d| Edge::new(ids::cursor(&d.id.to_string()), DeliveryObj::from(d))),
        );
        Ok(conn)
    }
}

#[derive(SimpleObject)]
#[graphql(name = "NewsletterDeliveryStats")]
pub struct DeliveryStatsObj {
    pub queued: i32,
    pub sent: i32,
    pub failed: i32,
}

/// One recipient's e-mail in the delivery log.
#[derive(SimpleObject)]
#[graphql(name = "NewsletterDelivery")]
pub struct DeliveryObj {
    pub id: ID,
    pub user_id: Option<ID>,
    /// The address it was sent to.
    pub recipient: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the next attempt is due; null when sent or given up.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

impl From<Delivery> for DeliveryObj {
    fn from(d: Delivery) -> Self {
        DeliveryObj {
            id: ids::encode("NewsletterDelivery", d.id),
            user_id: d.user_id.map(|u| ids::encode("User", u)),
            recipient: d.recipient,
            status: d.status,
            attempts: d.attempts.clamp(0, i32::MAX as i64) as i32,
            last_error: d.last_error,
            created_at: ts(d.created_at),
            updated_at: ts(d.updated_at),
            sent_at: d.sent_at.map(ts),
            next_attempt_at: d.next_attempt_at.map(ts),
        }
    }
}

/// An issue as it will be e-mailed.
#[derive(SimpleObject)]
pub struct NewsletterPreview {
    pub subject: String,
    pub html: String,
    pub text: String,
}

#[derive(InputObject)]
pub struct NewsletterTextInput {
    pub title: String,
    /// Markdown.
    pub body: String,
}

#[derive(Default)]
pub struct NewslettersQuery;

#[Object]
impl NewslettersQuery {
    /// The archive, newest first. Admins may include drafts.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn newsletters(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        include_drafts: Option<bool>,
    ) -> Result<Connection<String, NewsletterObj>> {
        let (state, access) = parts(ctx);
        let first = page_size(first)?;
        let after = match after {
            Some(c) => {
                let raw = ids::parse_cursor(&c)?;
                let bad = || AppError::bad_input("after", "Ogiltig markör.");
                let (a, b) = raw.split_once(':').ok_or_else(bad)?;
                Some((a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?))
            }
            None => None,
        };
        let (page, has_next) = newsletter::list(
            &state.db,
            access,
            include_drafts.unwrap_or(false),
            first,
            after,
        )
        .await?;
        let mut conn = Connection::new(after.is_some(), has_next);
        conn.edges.extend(page.into_iter().map(|n| {
            let key = n.sent_at.unwrap_or(n.updated_at);
            Edge::new(ids::cursor(&format!("{key}:{}", n.id)), NewsletterObj(n))
        }));
        Ok(conn)
    }

    /// One issue; null when it does not exist or is a draft and the caller is no admin.
    async fn newsletter(&self, ctx: &Context<'_>, id: ID) -> Result<Option<NewsletterObj>> {
        let (state, access) = parts(ctx);
        Ok(newsletter::get(&state.db, access, newsletter_id(&id)?)
            .await?
            .map(NewsletterObj))
    }

    /// The newest sent issue, for "nytt sedan sist".
    async fn latest_newsletter(&self, ctx: &Context<'_>) -> Result<Option<NewsletterObj>> {
        let (state, access) = parts(ctx);
        Ok(newsletter::latest(&state.db, access)
            .await?
            .map(NewsletterObj))
    }

    /// What an issue will look like as an e-mail (admins).
    async fn preview_newsletter(
        &self,
        ctx: &Context<'_>,
        input: NewsletterTextInput,
    ) -> Result<NewsletterPreview> {
        let (state, access) = parts(ctx);
        let r = newsletter::preview(access, &state.config.public_url, &input.title, &input.body)?;
        Ok(NewsletterPreview {
            subject: r.subject,
            html: r.html,
            text: r.text,
        })
    }

    /// Whether I get the newsletter by e-mail.
    async fn newsletter_subscription(&self, ctx: &Context<'_>) -> Result<bool> {
        let (state, access) = parts(ctx);
        Ok(newsletter::subscribed(&state.db, access.user_id()?).await?)
    }
}

#[derive(InputObject)]
pub struct UpdateNewsletterInput {
    pub id: ID,
    pub title: Option<String>,
    pub body: Option<String>,
}

#[derive(InputObject)]
pub struct SendNewsletterInput {
    pub id: ID,
    /// Send to the members of these networks; leave out to send to everyone.
    pub network_ids: Option<Vec<ID>>,
}

#[derive(InputObject)]
pub struct NewsletterSubscriptionInput {
    /// True: get the newsletter by e-mail.
    pub email: bool,
}

#[derive(SimpleObject)]
pub struct NewsletterPayload {
    pub newsletter: NewsletterObj,
}

#[derive(SimpleObject)]
pub struct SendNewsletterPayload {
    pub newsletter: NewsletterObj,
    /// E-mails queued for the background sender.
    pub queued: i32,
    /// False when no SMTP server is configured: the issue is only in the archive.
    pub email_configured: bool,
}

#[derive(SimpleObject)]
pub struct NewsletterSubscriptionPayload {
    pub email: bool,
}

#[derive(Default)]
pub struct NewslettersMutation;

#[Object]
impl NewslettersMutation {
    /// Writes a new draft (admins).
    async fn create_newsletter(
        &self,
        ctx: &Context<'_>,
        input: NewsletterTextInput,
    ) -> Result<NewsletterPayload> {
        let (state, access) = parts(ctx);
        let n = newsletter::create(&state.db, access, &input.title, &input.body).await?;
        Ok(NewsletterPayload {
            newsletter: NewsletterObj(n),
        })
    }

    /// Edits a draft (admins).
    async fn update_newsletter(
        &self,
        ctx: &Context<'_>,
        input: UpdateNewsletterInput,
    ) -> Result<NewsletterPayload> {
        let (state, access) = parts(ctx);
        let n = newsletter::update(
            &state.db,
            access,
            newsletter_id(&input.id)?,
            input.title.as_deref(),
            input.body.as_deref(),
        )
        .await?;
        Ok(NewsletterPayload {
            newsletter: NewsletterObj(n),
        })
    }

    /// Sends a draft to everyone or to chosen networks (admins): it enters the archive and
    /// is e-mailed to those who want it.
    async fn send_newsletter(
        &self,
        ctx: &Context<'_>,
        input: SendNewsletterInput,
    ) -> Result<SendNewsletterPayload> {
        let (state, access) = parts(ctx);
        let networks = input
            .network_ids
            .unwrap_or_default()
            .iter()
            .map(|id| ids::decode(id, "Network"))
            .collect::<Result<Vec<_>, _>>()?;
        let sent = newsletter::send(
            &state.db,
            &state.mailer,
            access,
            newsletter_id(&input.id)?,
            &networks,
        )
        .await?;
        Ok(SendNewsletterPayload {
            newsletter: NewsletterObj(sent.newsletter),
            queued: sent.queued.clamp(0, i32::MAX as i64) as i32,
            email_configured: state.mailer.is_configured(),
        })
    }

    /// Chooses whether I get the newsletter by e-mail.
    async fn set_newsletter_subscription(
        &self,
        ctx: &Context<'_>,
        input: NewsletterSubscriptionInput,
    ) -> Result<NewsletterSubscriptionPayload> {
        let (state, access) = parts(ctx);
        let email = newsletter::set_subscription(&state.db, access, input.email).await?;
        Ok(NewsletterSubscriptionPayload { email })
    }
}
