//! The forum's part of the demo: the plan's networks, the phone book's memberships and
//! moderators, and realistic threads with replies and accepted answers, dated from each
//! thread's `started_at` with replies spread over the following hours and days, and a few
//! of the answered questions among vanliga frågor with their review dates.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeZone};

use crate::{
    accounts::NetworkRole,
    dates,
    db::{change_log, change_log::EntityKind, now_ms},
    demo::{content, DemoUsers},
    error::{AppError, AppResult},
    forum::{membership, networks, new_thread, posts, text::FaqSummary, ThreadKind},
    state::AppState,
};

/// Loads networks, memberships and threads. Runs once, on a new database.
pub async fn load(state: &AppState, users: &DemoUsers) -> AppResult<()> {
    let db = &state.db;
    let mut net_ids: HashMap<&str, i64> = HashMap::new();
    for n in content::networks() {
        let net = networks::insert(db, n.slug, n.name, n.description, n.members_only).await?;
        if content::JOIN_BY_DEFAULT.contains(&n.slug) {
            sqlx::query("UPDATE networks SET join_by_default = 1 WHERE id = $1")
                .bind(net.id)
                .execute(&db.pool)
                .await?;
        }
        net_ids.insert(n.slug, net.id);
    }
    for (i, person) in content::people().iter().enumerate() {
        let user = users.ids[i];
        for slug in &person.networks {
            if let Some(&net) = net_ids.get(slug) {
                membership::put_member(db, net, user, Some(NetworkRole::Member)).await?;
            }
        }
        for slug in &person.moderates {
            if let Some(&net) = net_ids.get(slug) {
                membership::put_member(db, net, user, Some(NetworkRole::Moderator)).await?;
            }
        }
    }
    let tag_ids: HashMap<String, i64> = crate::tags::list(db)
        .await?
        .into_iter()
        .map(|t| (t.name, t.id))
        .collect();
    for (n, t) in content::threads().iter().enumerate() {
        let network_id = *net_ids
            .get(t.network)
            .ok_or_else(|| AppError::internal(format!("demo network {}", t.network)))?;
        let kind = t.kind;
        let tags: Vec<i64> = t
            .tags
            .iter()
            .filter_map(|name| tag_ids.get(*name).copied())
            .collect();
        let mut at = stockholm_ms(t.started_at)?;
        let author = users.ids[t.author];
        let mut tx = db.begin_write().await?;
        let (thread_id, _) = new_thread::insert(
            &mut tx,
            &new_thread::Insert {
                network_id,
                kind,
                title: t.title,
                author_id: author,
                body: t.body,
                tag_ids: &tags,
                at,
            },
        )
        .await?;
        let mut reply_ids = Vec::new();
        for (i, (who, body)) in t.posts.iter().enumerate() {
            at += reply_gap_ms(n, i);
            let id =
                posts::insert_reply(&mut tx, thread_id, users.ids[*who], body, None, at).await?;
            reply_ids.push(id);
        }
        if kind == ThreadKind::Announcement {
            // The notice board: announcements stay on top.
            sqlx::query("UPDATE threads SET pinned = 1 WHERE id = $1")
                .bind(thread_id)
                .execute(&mut **tx)
                .await?;
        }
        if let Some(post_id) = t.accepted.and_then(|i| reply_ids.get(i).copied()) {
            sqlx::query(
                "UPDATE threads SET accepted_post_id = $1, accepted_at = $2, accepted_by = $3
                 WHERE id = $4",
            )
            .bind(post_id)
            .bind(at + 3_600_000)
            .bind(author)
            .bind(thread_id)
            .execute(&mut **tx)
            .await?;
            change_log::record(&mut tx, EntityKind::Thread, thread_id).await?;
        }
        tx.commit().await?;
    }
    load_faq(state, users, &net_ids).await?;
    tracing::info!(
        networks = net_ids.len(),
        threads = content::threads().len(),
        at = now_ms(),
        "demo forum loaded"
    );
    Ok(())
}

/// Puts the answered questions of [`content::FAQ`] among vanliga frågor, promoted by a
/// moderator of their network a day after the answer was accepted, each with its
/// review-by date counted from today.
async fn load_faq(
    state: &AppState,
    users: &DemoUsers,
    net_ids: &HashMap<&str, i64>,
) -> AppResult<()> {
    let db = &state.db;
    let today = dates::today();
    let threads = content::threads();
    let people = content::people();
    for faq in content::FAQ {
        let def = threads
            .iter()
            .find(|t| t.title == faq.title)
            .ok_or_else(|| AppError::internal(format!("demo FAQ {}", faq.title)))?;
        let moderator = people
            .iter()
            .position(|p| p.moderates.contains(&def.network))
            .map(|i| users.ids[i]);
        let summary = FaqSummary::parse(faq.summary)?;
        let review_by = today
            .checked_add_days(chrono::Days::new(faq.review_in_days))
            .ok_or_else(|| AppError::internal("date overflow"))?;
        let mut tx = db.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "UPDATE threads SET faq_summary = $1, faq_at = accepted_at + 86400000, faq_by = $2,
                    faq_review_by = $3
             WHERE network_id = $4 AND title = $5 AND accepted_at IS NOT NULL
             RETURNING id",
        )
        .bind(summary.as_str())
        .bind(moderator)
        .bind(dates::to_db(review_by))
        .bind(net_ids[def.network])
        .bind(faq.title)
        .fetch_one(&mut **tx)
        .await?;
        change_log::record(&mut tx, EntityKind::Thread, id).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// "YYYY-MM-DD HH:MM" in Swedish local time, as UTC milliseconds.
fn stockholm_ms(local: &str) -> AppResult<i64> {
    let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M")
        .map_err(|e| AppError::internal(format!("demo time {local}: {e}")))?;
    chrono_tz::Europe::Stockholm
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| AppError::internal(format!("demo time {local} does not exist")))
}

/// Time from one post to the next reply: 35 minutes to about seven hours, varying by
/// thread and reply so the forum does not look machine-made.
fn reply_gap_ms(thread: usize, reply: usize) -> i64 {
    let minutes = 35 + ((thread * 7 + reply * 13) % 17) as i64 * 23;
    minutes * 60_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_convert_with_daylight_saving() {
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            stockholm_ms("2026-02-03 09:14").unwrap(),
            chrono::Utc
                .with_ymd_and_hms(2026, 2, 3, 8, 14, 0)
                .unwrap()
                .timestamp_millis()
        );
        assert_eq!(
            stockholm_ms("2026-06-03 09:14").unwrap(),
            chrono::Utc
                .with_ymd_and_hms(2026, 6, 3, 7, 14, 0)
                .unwrap()
                .timestamp_millis()
        );
    }

    #[test]
    fn every_demo_thread_has_a_valid_time_and_accepted_index() {
        for t in content::threads() {
            stockholm_ms(t.started_at).unwrap();
            if let Some(a) = t.accepted {
                assert!(a < t.posts.len(), "{}", t.title);
            }
        }
    }

    #[test]
    fn every_demo_faq_is_an_answered_question_of_a_moderated_network() {
        for faq in content::FAQ {
            let t = content::threads()
                .into_iter()
                .find(|t| t.title == faq.title)
                .unwrap_or_else(|| panic!("no thread {}", faq.title));
            assert_eq!(t.kind, ThreadKind::Question, "{}", faq.title);
            assert!(t.accepted.is_some(), "{} is answered", faq.title);
            assert!(
                content::people()
                    .iter()
                    .any(|p| p.moderates.contains(&t.network)),
                "{} has a moderator",
                t.network
            );
            FaqSummary::parse(faq.summary).unwrap();
        }
    }

    #[test]
    fn replies_are_spread_between_half_an_hour_and_a_working_day() {
        for t in 0..40 {
            for r in 0..10 {
                let g = reply_gap_ms(t, r);
                assert!((35 * 60_000..=8 * 3_600_000).contains(&g));
            }
        }
    }
}
