//! Realistic forum threads, 3–5 per open network and 1–2 per members-only network, with
//! replies and accepted answers, on the forum's own thread kinds, and the answered ones
//! their networks' moderators have put among vanliga frågor.
//!
//! The rows themselves are in `threads_tillsyn.rs` (the open tillsyn networks) and
//! `threads_groups.rs` (handläggarträffar and the members-only groups).

// The data tables refer to each other's names (tags, people, networks) freely.
use super::*;

use super::{threads_groups::GROUPS, threads_tillsyn::TILLSYN};
use crate::forum::ThreadKind;

/// A forum thread with its opening post and replies.
#[derive(Debug, Clone)]
pub struct ThreadDef {
    /// Slug of the network in [`networks()`].
    pub network: &'static str,
    pub kind: ThreadKind,
    pub title: &'static str,
    /// Names of tags in [`tags()`].
    pub tags: Vec<&'static str>,
    /// Index into [`people()`] of who started the thread.
    pub author: usize,
    /// The opening post, Markdown.
    pub body: &'static str,
    /// When the thread was started, local time "YYYY-MM-DD HH:MM" (Europe/Stockholm).
    pub started_at: &'static str,
    /// Replies in order: (index into [`people()`], Markdown).
    pub posts: Vec<(usize, &'static str)>,
    /// Index into `posts` of the reply marked as the solution (questions only).
    pub accepted: Option<usize>,
}

/// A thread before authors are resolved to indexes.
pub(super) struct ThreadRow {
    pub(super) network: &'static str,
    pub(super) kind: ThreadKind,
    pub(super) title: &'static str,
    pub(super) tags: &'static [&'static str],
    pub(super) author: &'static str,
    pub(super) started_at: &'static str,
    pub(super) body: &'static str,
    pub(super) posts: &'static [(&'static str, &'static str)],
    pub(super) accepted: Option<usize>,
}

/// Realistic threads: 3–5 per open network, 1–2 per members-only network.
pub fn threads() -> Vec<ThreadDef> {
    TILLSYN
        .iter()
        .chain(GROUPS)
        .map(|row| ThreadDef {
            network: row.network,
            kind: row.kind,
            title: row.title,
            tags: row.tags.to_vec(),
            author: who(row.author),
            body: row.body,
            started_at: row.started_at,
            posts: row
                .posts
                .iter()
                .map(|&(name, body)| (who(name), body))
                .collect(),
            accepted: row.accepted,
        })
        .collect()
}

/// An answered question among its network's vanliga frågor.
#[derive(Debug, Clone, Copy)]
pub struct FaqDef {
    /// The title of a question in [`threads()`] that has an accepted answer.
    pub title: &'static str,
    /// The moderator's summary of the answer (10–1000 characters).
    pub summary: &'static str,
    /// Days from the day the demo is loaded to the entry's review-by date: a short one puts
    /// it under "Att granska" for the network's moderators at once.
    pub review_in_days: u64,
}

/// Vanliga frågor: one per tillsyn network with an answered question that many ask.
pub const FAQ: &[FaqDef] = &[
    FaqDef {
        title: "Fosforkrav för små avlopp i känsliga områden – när kräver ni hög skyddsnivå?",
        summary: "Peka ut områden med hög skyddsnivå i förväg (karta och nämndbeslut) men motivera kravet i varje beslut utifrån recipientens status i VISS. Godta markbädd eller infiltration med fosforfälla eller minireningsverk med kemisk fällning, och skriv in att filtermaterialet ska bytas och att kvittot ska sparas.",
        review_in_days: 20,
    },
    FaqDef {
        title: "Legionella i äldreboendets varmvatten – vilka temperaturer kräver ni?",
        summary: "Kräv minst 50 °C vid alla tappställen och i VVC-returen, en rutin för spolning av sällan använda tappställen och månadsvisa mätningar i egenkontrollen. Provtagning vid långvarigt låga temperaturer eller sjukdomsfall, bedömd enligt Folkhälsomyndighetens vägledning. Tänk på skållningsrisken: termostatblandare nära tappstället.",
        review_in_days: 200,
    },
    FaqDef {
        title: "Schaktmassor till anläggningsändamål – räcker en anmälan?",
        summary: "En anmälan räcker om risken är ringa och det finns ett verkligt anläggningsbehov: begär ritning med höjder och volymer och en motivering av mängden. Större volym än behovet är bortskaffande och kräver tillstånd. Begär provtagningsplan innan schaktet startar och kompletterande prover där halterna ligger över KM.",
        review_in_days: 300,
    },
];
