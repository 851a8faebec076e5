//! Demo calendar and newsletter archive: the meetings of the plan's table of networks and
//! groups (`content::meetings()`), a few registrations, and one sent newsletter. Nothing is
//! e-mailed while the demo loads.

use std::collections::HashMap;

use sqlx::Row;

use crate::{
    accounts::Role,
    db::{
        change_log::{self, EntityKind},
        now_ms, Db,
    },
    demo::{content, DemoUsers},
    error::AppResult,
    meetings::{fields::MeetingFields, planning, time},
    state::AppState,
};

/// Does the person come to the open or closed network's meetings? A closed group's members;
/// an open network's inspectors of its tillsynsområde; every inspector to the
/// miljöhandläggarträffar.
fn comes(slug: &str, person: &content::PersonDef) -> bool {
    let area = match slug {
        "sma-avlopp" => "Små avlopp",
        "lantbrukstillsyn" => "Lantbruk",
        "halsoskydd" => "Hälsoskydd",
        "avfall" => "Avfall",
        "miljohandlaggartraffar" => return person.account == Role::Member,
        _ => return person.networks.contains(&slug),
    };
    person.networks.contains(&slug) || person.areas.contains(&area)
}

/// Most demo registrations per meeting: enough to see a list, not a full house.
const DEMO_REGISTRATIONS: usize = 12;

/// Loads the demo meetings and newsletter. Networks normally come from the forum's demo
/// loader (which runs first); one that is missing is created here from the same content, so
/// the calendar also stands alone.
pub async fn load(state: &AppState, users: &DemoUsers) -> AppResult<()> {
    let db = &state.db;
    let people = content::people();
    let admin = people
        .iter()
        .position(|p| p.account == Role::Admin)
        .and_then(|i| users.ids.get(i).copied());
    let networks = ensure_networks(db).await?;
    let now = now_ms();
    let mut count = 0;
    for def in content::meetings() {
        let network_id = match def.network {
            Some(slug) => match networks.get(slug) {
                Some(&(id, _)) => Some(id),
                None => continue,
            },
            None => None,
        };
        let organiser = def
            .network
            .and_then(|slug| people.iter().position(|p| p.moderates.contains(&slug)))
            .and_then(|i| users.ids.get(i).copied())
            .or(admin);
        let starts = time::parse_local("startsAt", def.starts_at)?;
        let ends = time::parse_local("endsAt", def.ends_at)?;
        let deadline = def
            .registration_deadline
            .map(|d| time::parse_local("registrationDeadline", d))
            .transpose()?;
        let mut tx = db.begin_write().await?;
        let fields = MeetingFields {
            title: def.title.to_string(),
            description: def.description.to_string(),
            starts_at: starts,
            ends_at: ends,
            place: Some(def.place.to_string()).filter(|p| !p.is_empty()),
            online_link: def.online_link.map(str::to_string),
            organiser_id: organiser,
            registration_deadline: deadline,
            max_participants: def.max_participants.map(i64::from),
        };
        let id = planning::insert(&mut tx, network_id, &fields, admin, now).await?;
        // Who comes: an open network's inspectors of its area, a closed group's members.
        let attendees: Vec<i64> = match (def.network, def.max_participants) {
            (Some(slug), Some(max)) => people
                .iter()
                .enumerate()
                .filter(|(_, p)| comes(slug, p))
                .filter_map(|(i, _)| users.ids.get(i).copied())
                .take(DEMO_REGISTRATIONS.min(max as usize))
                .collect(),
            _ => Vec::new(),
        };
        for (n, user_id) in attendees.iter().enumerate() {
            sqlx::query(
                "INSERT INTO meeting_registrations (meeting_id, user_id, status, created_at)
                 VALUES ($1, $2, 'registered', $3)",
            )
            .bind(id)
            .bind(*user_id)
            .bind(deadline.unwrap_or(starts) - 86_400_000 * (attendees.len() - n) as i64)
            .execute(&mut **tx)
            .await?;
        }
        change_log::record(&mut tx, EntityKind::Meeting, id).await?;
        tx.commit().await?;
        count += 1;
    }
    load_newsletter(db, admin).await?;
    tracing::info!(meetings = count, "demo calendar loaded");
    Ok(())
}

/// Network ids (and members-only flags) by slug, creating those that are missing.
async fn ensure_networks(db: &Db) -> AppResult<HashMap<String, (i64, bool)>> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    for n in content::networks() {
        sqlx::query(
            "INSERT INTO networks (slug, name, description, members_only, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(n.slug)
        .bind(n.name)
        .bind(n.description)
        .bind(n.members_only as i64)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    tx.commit().await?;
    let rows = sqlx::query("SELECT slug, id, members_only FROM networks")
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>(0)?,
                (r.try_get(1)?, r.try_get::<i64, _>(2)? != 0),
            ))
        })
        .collect()
}

const NEWSLETTER_TITLE: &str = "Nyhetsbrev från Miljösamverkan, hösten 2026";
const NEWSLETTER_BODY: &str = "Hej alla inspektörer och chefer!

Här kommer höstens nyhetsbrev från Miljösamverkan Jönköpings län: vad som hänt sedan i våras
och vad som är på gång fram till jul.

## Träffar i höst

- **Lantbruksträff** den 1 oktober i Eksjö, med gårdsbesök på en mjölkgård med ny gödselbehållare.
- **Nätverksträff hälsoskydd** den 20 oktober i Nässjö: resultat från projektet *Hälsoskyddstillsyn i ett varmare klimat*, legionella i vårdlokaler och radon i förskolor.
- **Miljöhandläggarträffen hösten 2026** den 5 november i Värnamo. Anmäl dig senast den 22 oktober.
- **Introduktion för nya miljöinspektörer och miljöchefer** den 12 november i Regionens hus.

Anmälan till alla träffar görs i Samsyn under *Träffar*. Där kan du också prenumerera på
kalendern i Outlook eller i telefonen.

## Tillsynsprojekten

Kampanjen *Upptäcka illegal avfallshantering* är i gång parallellt med Naturvårdsverkets. Vi
stämmer av digitalt varje månad; nätverket avfall har frågor och erfarenheter i forumet.
Dagvattenprojektet redovisar sina resultat på miljöhandläggarträffen.

## Samsyn ersätter Ping Pong

Forum, handläggarstöd, telefonbok och kalender finns nu på ett ställe. Sök efter tidigare svar
innan du frågar – ofta har någon i länet redan haft samma ärende.

Hör gärna av dig med tips och önskemål till kommande verksamhetsplan.

Vänliga hälsningar
Utvecklingsledaren, Kommunal utveckling
";

/// One sent issue in the archive (no deliveries: nothing was e-mailed).
async fn load_newsletter(db: &Db, admin: Option<i64>) -> AppResult<()> {
    let sent_at = time::parse_local("sentAt", "2026-09-28T09:00")?;
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO newsletters (title, body, status, audience, created_by, created_at,
            updated_at, sent_by, sent_at)
         VALUES ($1, $2, 'sent', 'all', $3, $4, $4, $3, $4) RETURNING id",
    )
    .bind(NEWSLETTER_TITLE)
    .bind(NEWSLETTER_BODY)
    .bind(admin)
    .bind(sent_at)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    change_log::record(&mut tx, EntityKind::Newsletter, id).await?;
    tx.commit().await
}
