//! Moderators versus authors: editing, hiding and restoring (the recycle bin), withdrawing,
//! locking, pinning, moving, announcements, the FAQ and its review dates, and the revision
//! history.

use chrono::TimeZone;
use serde_json::json;

use super::*;

both_backends!(
    authors_edit_their_own_posts_moderators_any_and_others_none,
    moderators_hide_and_restore_and_authors_withdraw,
    a_locked_thread_refuses_replies_except_from_moderators,
    only_moderators_pin_move_announce_and_promote_to_faq,
    edits_keep_a_revision_history_of_who_when_and_the_earlier_text,
    only_moderators_change_a_threads_kind_and_a_question_losing_it_loses_its_solution,
    faq_entries_have_a_review_date_that_moderators_move_on,
    migration_0014_gives_faq_entries_from_before_a_review_date_a_year_on,
);

/// A network with a moderator, an author and another member.
struct Cast {
    net: String,
    admin: reqwest::Client,
    moderator: reqwest::Client,
    author: reqwest::Client,
    other: reqwest::Client,
}

async fn cast(app: &TestApp, slug: &str) -> Cast {
    let admin = app.admin().await;
    let net = network(app, &admin, slug, "Hälsoskydd", false).await;
    let (mod_id, moderator) = member(app, &format!("maja.moderator@{slug}.se")).await;
    make_moderator(app, &admin, &net, &mod_id).await;
    let (_, author) = member(app, &format!("arne.author@{slug}.se")).await;
    let (_, other) = member(app, &format!("osa.other@{slug}.se")).await;
    Cast {
        net,
        admin,
        moderator,
        author,
        other,
    }
}

/// A question by the cast's author that the other member answered and the author marked
/// solved; returns its id.
async fn answered_question(app: &TestApp, c: &Cast, title: &str) -> String {
    let (t, _) = thread(app, &c.author, &c.net, "QUESTION", title).await;
    let answer = reply(app, &c.other, &t, "Timavgift enligt taxan, se bilaga 2.").await;
    let r = mutate(
        app,
        &c.author,
        "acceptAnswer",
        "AcceptAnswerInput",
        json!({ "threadId": t, "postId": answer }),
        "{ thread { status } }",
    )
    .await;
    assert_eq!(data(&r)["acceptAnswer"]["thread"]["status"], "ANSWERED");
    t
}

const EDIT: &str = "{ post { id body bodyHtml editedAt editedBy { displayName } } }";

async fn edit(app: &TestApp, c: &reqwest::Client, post: &str, body: &str) -> Value {
    mutate(
        app,
        c,
        "editPost",
        "EditPostInput",
        json!({ "postId": post, "body": body }),
        EDIT,
    )
    .await
}

async fn authors_edit_their_own_posts_moderators_any_and_others_none(app: TestApp) {
    let c = cast(&app, "halsoskydd").await;
    let (t, first) = thread(
        &app,
        &c.author,
        &c.net,
        "QUESTION",
        "Legionella i äldreboende",
    )
    .await;
    let own = reply(&app, &c.author, &t, "Tillägg: det gäller varmvattnet.").await;

    let r = edit(
        &app,
        &c.author,
        &own,
        "Tillägg: det gäller **varmvattnet** i hus B.",
    )
    .await;
    let p = &data(&r)["editPost"]["post"];
    assert!(p["bodyHtml"]
        .as_str()
        .unwrap()
        .contains("<strong>varmvattnet</strong>"));
    assert_eq!(p["editedBy"]["displayName"], "arne.author");

    // Another member may neither edit nor hide it.
    assert_code(&edit(&app, &c.other, &own, "Kapad").await, "FORBIDDEN");
    let r = mutate(
        &app,
        &c.other,
        "hidePost",
        "HidePostInput",
        json!({ "postId": own }),
        "{ post { id } }",
    )
    .await;
    assert_code(&r, "FORBIDDEN");

    // A moderator may edit anyone's post; so may an admin.
    let r = edit(
        &app,
        &c.moderator,
        &first,
        "Frågan gäller ett äldreboende med 40 platser.",
    )
    .await;
    assert_eq!(
        data(&r)["editPost"]["post"]["editedBy"]["displayName"],
        "maja.moderator"
    );
    data(&edit(&app, &c.admin, &own, "Justerat av administratören.").await);

    // viewerCanEdit tells the UI the same.
    let q = app
        .gql_with(
            &c.other,
            "query($t: ID!) { thread(id: $t) { posts { edges { node { viewerCanEdit viewerCanHide } } } } }",
            json!({ "t": t }),
        )
        .await;
    for e in data(&q)["thread"]["posts"]["edges"].as_array().unwrap() {
        assert_eq!(e["node"]["viewerCanEdit"], false);
        assert_eq!(e["node"]["viewerCanHide"], false);
    }

    // Empty and oversized bodies are refused with the field named.
    let r = edit(&app, &c.author, &own, "   ").await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "body");
    let r = edit(&app, &c.author, &own, &"å".repeat(50_001)).await;
    assert_code(&r, "BAD_INPUT");
}

async fn moderators_hide_and_restore_and_authors_withdraw(app: TestApp) {
    let c = cast(&app, "avfallet").await;
    let (t, first) = thread(
        &app,
        &c.author,
        &c.net,
        "QUESTION",
        "Nedskräpning vid återvinningsstation",
    )
    .await;
    let spam = reply(&app, &c.other, &t, "Köp billiga klockor!").await;
    let mine = reply(
        &app,
        &c.author,
        &t,
        "Jag hittade svaret själv, strunta i detta.",
    )
    .await;
    let posts_q = "query($t: ID!) { thread(id: $t) { replyCount posts { edges { node { id hidden hiddenReason } } } } }";

    // The moderator hides the spam: gone for members, in the recycle bin for moderators.
    let r = mutate(
        &app,
        &c.moderator,
        "hidePost",
        "HidePostInput",
        json!({ "postId": spam }),
        "{ post { hidden hiddenReason hiddenBy { displayName } } }",
    )
    .await;
    let p = &data(&r)["hidePost"]["post"];
    assert_eq!(p["hidden"], true);
    assert_eq!(p["hiddenReason"], "MODERATOR");
    assert_eq!(p["hiddenBy"]["displayName"], "maja.moderator");
    let seen = app.gql_with(&c.other, posts_q, json!({ "t": t })).await;
    let ids: Vec<&str> = data(&seen)["thread"]["posts"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&spam.as_str()));
    assert_eq!(data(&seen)["thread"]["replyCount"], 1);
    let n = app
        .gql_with(
            &c.other,
            "query($p: ID!) { node(id: $p) { id } }",
            json!({ "p": spam }),
        )
        .await;
    assert!(data(&n)["node"].is_null());
    let bin =
        "{ network(slug: \"avfallet\") { hiddenPosts { edges { node { id hiddenReason } } } } }";
    let r = app.gql_with(&c.moderator, bin, json!({})).await;
    assert_eq!(
        data(&r)["network"]["hiddenPosts"]["edges"][0]["node"]["id"],
        spam.as_str()
    );
    assert_code(&app.gql_with(&c.other, bin, json!({})).await, "FORBIDDEN");

    // Only moderators restore; the author of a hidden post cannot.
    let r = mutate(
        &app,
        &c.other,
        "restorePost",
        "PostInput",
        json!({ "postId": spam }),
        "{ post { id } }",
    )
    .await;
    assert_code(&r, "NOT_FOUND");
    let r = mutate(
        &app,
        &c.moderator,
        "restorePost",
        "PostInput",
        json!({ "postId": spam }),
        "{ post { hidden } }",
    )
    .await;
    assert_eq!(data(&r)["restorePost"]["post"]["hidden"], false);
    let seen = app.gql_with(&c.other, posts_q, json!({ "t": t })).await;
    assert_eq!(data(&seen)["thread"]["replyCount"], 2);

    // Authors withdraw their own posts only.
    let r = mutate(
        &app,
        &c.other,
        "withdrawPost",
        "PostInput",
        json!({ "postId": mine }),
        "{ post { id } }",
    )
    .await;
    assert_code(&r, "FORBIDDEN");
    let r = mutate(
        &app,
        &c.author,
        "withdrawPost",
        "PostInput",
        json!({ "postId": mine }),
        "{ post { hidden hiddenReason } }",
    )
    .await;
    assert_eq!(
        data(&r)["withdrawPost"]["post"]["hiddenReason"],
        "WITHDRAWN"
    );
    let seen = app.gql_with(&c.author, posts_q, json!({ "t": t })).await;
    assert_eq!(
        data(&seen)["thread"]["posts"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // A withdrawn post can no longer be edited by its author.
    assert_code(&edit(&app, &c.author, &mine, "Tillbaka").await, "NOT_FOUND");

    // The opening post of a thread with replies cannot be withdrawn.
    let r = mutate(
        &app,
        &c.author,
        "withdrawPost",
        "PostInput",
        json!({ "postId": first }),
        "{ post { id } }",
    )
    .await;
    assert_code(&r, "CONFLICT");

    // A moderator hiding the opening post sends the whole thread to the recycle bin.
    let r = mutate(
        &app,
        &c.moderator,
        "hidePost",
        "HidePostInput",
        json!({ "postId": first }),
        "{ post { id } }",
    )
    .await;
    data(&r);
    let gone = app
        .gql_with(
            &c.other,
            "query($t: ID!) { thread(id: $t) { id } }",
            json!({ "t": t }),
        )
        .await;
    assert!(data(&gone)["thread"].is_null());
    let list = "{ network(slug: \"avfallet\") { threads { edges { node { id hidden } } } } }";
    let l = app.gql_with(&c.other, list, json!({})).await;
    assert_eq!(
        data(&l)["network"]["threads"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let l = app.gql_with(&c.moderator, list, json!({})).await;
    assert_eq!(
        data(&l)["network"]["threads"]["edges"][0]["node"]["hidden"],
        true
    );
}

async fn a_locked_thread_refuses_replies_except_from_moderators(app: TestApp) {
    let c = cast(&app, "lantbruk").await;
    let (t, _) = thread(
        &app,
        &c.author,
        &c.net,
        "DISCUSSION",
        "Gödselhantering vid stallar",
    )
    .await;
    assert_code(&lock(&app, &c.author, &t, true).await, "FORBIDDEN");
    let r = lock(&app, &c.moderator, &t, true).await;
    assert_eq!(data(&r)["lockThread"]["thread"]["locked"], true);

    let refused = try_reply(&app, &c.other, &t, "Får jag svara?").await;
    assert_code(&refused, "CONFLICT");
    let refused = try_reply(&app, &c.author, &t, "Inte ens jag?").await;
    assert_code(&refused, "CONFLICT");
    let q = app
        .gql_with(
            &c.other,
            "query($t: ID!) { thread(id: $t) { locked viewerCanReply replyCount } }",
            json!({ "t": t }),
        )
        .await;
    assert_eq!(data(&q)["thread"]["viewerCanReply"], false);
    assert_eq!(data(&q)["thread"]["replyCount"], 0);

    // The moderator may still post (e.g. why it was locked), and may unlock.
    reply(
        &app,
        &c.moderator,
        &t,
        "Tråden är låst: diskussionen fortsätter på träffen.",
    )
    .await;
    data(&lock(&app, &c.moderator, &t, false).await);
    reply(&app, &c.other, &t, "Nu går det igen.").await;
}

async fn only_moderators_pin_move_announce_and_promote_to_faq(app: TestApp) {
    let c = cast(&app, "vatten").await;
    let other_net = network(&app, &c.admin, "dricksvatten", "Dricksvatten", false).await;
    let (q, _) = thread(
        &app,
        &c.author,
        &c.net,
        "QUESTION",
        "Provtagning av enskild brunn",
    )
    .await;
    let answer = reply(
        &app,
        &c.other,
        &q,
        "Vi hänvisar till Livsmedelsverkets råd.",
    )
    .await;

    // Announcements: moderators only.
    let r = try_thread(
        &app,
        &c.author,
        &c.net,
        "ANNOUNCEMENT",
        "Träff i maj",
        "Välkomna!",
    )
    .await;
    assert_code(&r, "FORBIDDEN");
    let r = try_thread(
        &app,
        &c.moderator,
        &c.net,
        "ANNOUNCEMENT",
        "Träff i maj",
        "Välkomna!",
    )
    .await;
    assert_eq!(data(&r)["createThread"]["thread"]["kind"], "ANNOUNCEMENT");

    // Pinning: moderators only; pinned threads list first.
    let pin = |who| {
        mutate(
            &app,
            who,
            "pinThread",
            "PinThreadInput",
            json!({ "threadId": q }),
            "{ thread { pinned } }",
        )
    };
    assert_code(&pin(&c.other).await, "FORBIDDEN");
    assert_eq!(
        data(&pin(&c.moderator).await)["pinThread"]["thread"]["pinned"],
        true
    );
    let l = app
        .gql_with(
            &c.other,
            "{ network(slug: \"vatten\") { threads { edges { node { id pinned } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data(&l)["network"]["threads"]["edges"][0]["node"]["id"],
        q.as_str()
    );

    // FAQ: only an answered question, only by a moderator, with a summary.
    let promote = |who, summary: &str| {
        mutate(
            &app,
            who,
            "promoteToFaq",
            "PromoteToFaqInput",
            json!({ "threadId": q, "summary": summary }),
            "{ thread { faq { summary promotedBy { displayName } } } }",
        )
    };
    let summary = "Hänvisa till Livsmedelsverkets råd om enskild dricksvattenförsörjning.";
    assert_code(&promote(&c.moderator, summary).await, "CONFLICT");
    let acc = mutate(
        &app,
        &c.author,
        "acceptAnswer",
        "AcceptAnswerInput",
        json!({ "threadId": q, "postId": answer }),
        "{ thread { status } }",
    )
    .await;
    data(&acc);
    assert_code(&promote(&c.other, summary).await, "FORBIDDEN");
    let r = promote(&c.moderator, "kort").await;
    assert_code(&r, "BAD_INPUT");
    let r = promote(&c.moderator, summary).await;
    assert_eq!(
        data(&r)["promoteToFaq"]["thread"]["faq"]["summary"],
        summary
    );
    let faq = app
        .gql_with(
            &c.other,
            "{ network(slug: \"vatten\") { faq { edges { node { id faq { summary } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data(&faq)["network"]["faq"]["edges"][0]["node"]["id"],
        q.as_str()
    );

    // Moving: moderators of the thread's network only, into a network they may read.
    let mv = |who| {
        mutate(
            &app,
            who,
            "moveThread",
            "MoveThreadInput",
            json!({ "threadId": q, "networkId": other_net }),
            "{ thread { network { slug } } }",
        )
    };
    assert_code(&mv(&c.author).await, "FORBIDDEN");
    let r = mv(&c.moderator).await;
    assert_eq!(
        data(&r)["moveThread"]["thread"]["network"]["slug"],
        "dricksvatten"
    );
}

async fn lock(app: &TestApp, who: &reqwest::Client, t: &str, locked: bool) -> Value {
    mutate(
        app,
        who,
        "lockThread",
        "LockThreadInput",
        json!({ "threadId": t, "locked": locked }),
        "{ thread { locked viewerCanReply } }",
    )
    .await
}

async fn edits_keep_a_revision_history_of_who_when_and_the_earlier_text(app: TestApp) {
    let c = cast(&app, "kemikalier").await;
    let (t, _) = thread(
        &app,
        &c.author,
        &c.net,
        "QUESTION",
        "Säkerhetsdatablad hos återförsäljare",
    )
    .await;
    let p = reply(&app, &c.author, &t, "Version 1").await;
    data(&edit(&app, &c.author, &p, "Version 2").await);
    // The same text again is not a new version.
    data(&edit(&app, &c.author, &p, "Version 2").await);
    data(&edit(&app, &c.moderator, &p, "Version 3 (rättad av moderator)").await);
    data(&edit(&app, &c.author, &p, "Version 4").await);

    let r = app
        .gql_with(
            &c.other,
            "query($p: ID!) { postRevisions(postId: $p) { body bodyHtml writtenBy { displayName } writtenAt replacedBy { displayName } replacedAt } }",
            json!({ "p": p }),
        )
        .await;
    let revs = data(&r)["postRevisions"].as_array().unwrap().clone();
    let bodies: Vec<&str> = revs.iter().map(|r| r["body"].as_str().unwrap()).collect();
    assert_eq!(
        bodies,
        ["Version 1", "Version 2", "Version 3 (rättad av moderator)"]
    );
    let writers: Vec<&str> = revs
        .iter()
        .map(|r| r["writtenBy"]["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(writers, ["arne.author", "arne.author", "maja.moderator"]);
    let replacers: Vec<&str> = revs
        .iter()
        .map(|r| r["replacedBy"]["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(replacers, ["arne.author", "maja.moderator", "arne.author"]);
    for w in revs.windows(2) {
        assert!(w[0]["writtenAt"].as_str() <= w[1]["writtenAt"].as_str());
        assert_eq!(w[0]["replacedAt"], w[1]["writtenAt"]);
    }
    assert_eq!(revs[0]["bodyHtml"], "<p>Version 1</p>\n");
    let cur = app
        .gql_with(
            &c.other,
            "query($p: ID!) { node(id: $p) { ... on Post { body editedBy { displayName } } } }",
            json!({ "p": p }),
        )
        .await;
    assert_eq!(data(&cur)["node"]["body"], "Version 4");
    assert_eq!(data(&cur)["node"]["editedBy"]["displayName"], "arne.author");
}

async fn only_moderators_change_a_threads_kind_and_a_question_losing_it_loses_its_solution(
    app: TestApp,
) {
    let c = cast(&app, "buller").await;
    let (t, _) = thread(&app, &c.author, &c.net, "QUESTION", "Värmepump hos grannen").await;
    let answer = reply(
        &app,
        &c.other,
        &t,
        "Mät lågfrekvent buller inomhus nattetid.",
    )
    .await;
    let r = mutate(
        &app,
        &c.author,
        "acceptAnswer",
        "AcceptAnswerInput",
        json!({ "threadId": t, "postId": answer }),
        "{ thread { status } }",
    )
    .await;
    data(&r);
    let r = mutate(
        &app,
        &c.moderator,
        "promoteToFaq",
        "PromoteToFaqInput",
        json!({ "threadId": t, "summary": "Mät inomhus nattetid och jämför med riktvärdena." }),
        "{ thread { faq { summary } } }",
    )
    .await;
    data(&r);
    let change = |who, kind: &str| {
        mutate(
            &app,
            who,
            "updateThread",
            "UpdateThreadInput",
            json!({ "threadId": t, "kind": kind }),
            "{ thread { kind status acceptedAnswer { id } faq { summary } } }",
        )
    };
    // The author may retitle, not change the kind; nor may another member.
    assert_code(&change(&c.author, "DISCUSSION").await, "FORBIDDEN");
    assert_code(&change(&c.other, "ANNOUNCEMENT").await, "FORBIDDEN");
    let r = app
        .gql_with(
            &c.author,
            "mutation($i: UpdateThreadInput!) { updateThread(input: $i) { thread { kind } } }",
            json!({ "i": { "threadId": t, "kind": "NONSENSE" } }),
        )
        .await;
    assert!(!r["errors"].is_null());
    // The same kind again is no change, even for the author.
    let r = change(&c.author, "QUESTION").await;
    assert_eq!(data(&r)["updateThread"]["thread"]["status"], "ANSWERED");

    // A moderator makes it a discussion: no solution, no FAQ entry.
    let r = change(&c.moderator, "DISCUSSION").await;
    let th = &data(&r)["updateThread"]["thread"];
    assert_eq!(th["kind"], "DISCUSSION");
    assert!(th["status"].is_null());
    assert!(th["acceptedAnswer"].is_null());
    assert!(th["faq"].is_null());
    let r = app
        .gql_with(
            &c.other,
            "{ network(slug: \"buller\") { faq { edges { node { id } } } threads(filter: { kind: DISCUSSION }) { edges { node { id } } } } }",
            json!({}),
        )
        .await;
    assert!(data(&r)["network"]["faq"]["edges"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        data(&r)["network"]["threads"]["edges"][0]["node"]["id"],
        t.as_str()
    );
    // And back to a question, open; and an admin may make it an announcement.
    let r = change(&c.moderator, "QUESTION").await;
    assert_eq!(data(&r)["updateThread"]["thread"]["status"], "OPEN");
    let r = change(&c.admin, "ANNOUNCEMENT").await;
    assert_eq!(data(&r)["updateThread"]["thread"]["kind"], "ANNOUNCEMENT");
}

const FAQ_SELECTION: &str =
    "{ thread { faq { summary reviewBy reviewOverdue reviewedAt reviewedBy { displayName } } } }";

/// The thread ids of `faqDueForReview(withinDays)` as `who` sees them.
async fn faq_due(app: &TestApp, who: &reqwest::Client, within: i64) -> Vec<String> {
    let r = app
        .gql_with(
            who,
            "query($d: Int!) { faqDueForReview(withinDays: $d) { edges { node { id } } } }",
            json!({ "d": within }),
        )
        .await;
    data(&r)["faqDueForReview"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

/// An FAQ entry is reviewed by a date (12 months by default, or the moderator's), shows in
/// its moderators' "Att granska" when due, and marking it reviewed records who and when and
/// moves the date; removal clears it all. Members can neither see the list's entries nor mark.
async fn faq_entries_have_a_review_date_that_moderators_move_on(app: TestApp) {
    let c = cast(&app, "faqgranskning").await;
    let today = samsyn::dates::today();
    let year = today.checked_add_months(chrono::Months::new(12)).unwrap();
    let t = answered_question(&app, &c, "Tillsynsavgift för cisterner").await;
    let summary = "Timavgift enligt kommunens taxa; bilaga 2 anger timmarna.";
    let promote = |who, review_by: Option<String>| {
        let mut input = json!({ "threadId": t, "summary": summary });
        if let Some(d) = review_by {
            input["reviewBy"] = json!(d);
        }
        mutate(
            &app,
            who,
            "promoteToFaq",
            "PromoteToFaqInput",
            input,
            FAQ_SELECTION,
        )
    };

    // A date that is not after today is refused at its field; nothing is promoted.
    let r = promote(&c.moderator, Some(today.to_string())).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "reviewBy");
    let r = app
        .gql_with(
            &c.other,
            "query($id: ID!) { thread(id: $id) { faq { summary } } }",
            json!({ "id": t }),
        )
        .await;
    assert!(data(&r)["thread"]["faq"].is_null());

    // Left out, it is a year ahead; updating the summary keeps the date; a chosen one is kept.
    let r = promote(&c.moderator, None).await;
    let faq = &data(&r)["promoteToFaq"]["thread"]["faq"];
    assert_eq!(faq["reviewBy"], year.to_string());
    assert_eq!(faq["reviewOverdue"], false);
    assert!(faq["reviewedAt"].is_null());
    let in_twenty = today.checked_add_days(chrono::Days::new(20)).unwrap();
    let r = promote(&c.moderator, Some(in_twenty.to_string())).await;
    assert_eq!(
        data(&r)["promoteToFaq"]["thread"]["faq"]["reviewBy"],
        in_twenty.to_string()
    );
    let r = promote(&c.moderator, None).await;
    assert_eq!(
        data(&r)["promoteToFaq"]["thread"]["faq"]["reviewBy"],
        in_twenty.to_string()
    );

    // Due within 30 days: the network's moderator and admins see it; members see nothing,
    // the signed out are asked to sign in.
    assert_eq!(
        faq_due(&app, &c.moderator, 30).await,
        std::slice::from_ref(&t)
    );
    assert!(faq_due(&app, &c.moderator, 10).await.is_empty());
    assert_eq!(faq_due(&app, &c.admin, 30).await, std::slice::from_ref(&t));
    assert!(faq_due(&app, &c.author, 30).await.is_empty());
    assert!(faq_due(&app, &c.other, 3660).await.is_empty());
    let r = app
        .gql_with(
            &new_client(),
            "{ faqDueForReview { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_code(&r, "UNAUTHENTICATED");
    let r = app
        .gql_with(
            &c.moderator,
            "{ faqDueForReview(withinDays: -1) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_code(&r, "BAD_INPUT");

    // A passed date (set in the database: the API takes only future ones) is overdue.
    let id = samsyn::graphql::ids::decode(&async_graphql::ID(t.clone()), "Thread").unwrap();
    sqlx::query("UPDATE threads SET faq_review_by = '2020-01-31' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let r = app
        .gql_with(
            &c.other,
            "{ network(slug: \"faqgranskning\") { faq { edges { node { faq { reviewBy reviewOverdue } } } } } }",
            json!({}),
        )
        .await;
    let faq = &data(&r)["network"]["faq"]["edges"][0]["node"]["faq"];
    assert_eq!(faq["reviewBy"], "2020-01-31");
    assert_eq!(faq["reviewOverdue"], true);

    // Marking it reviewed: moderators only, a future date, who and when recorded.
    let mark = |who, next: Option<String>| {
        let mut input = json!({ "threadId": t });
        if let Some(d) = next {
            input["nextReviewBy"] = json!(d);
        }
        mutate(
            &app,
            who,
            "markFaqReviewed",
            "MarkFaqReviewedInput",
            input,
            FAQ_SELECTION,
        )
    };
    assert_code(&mark(&c.author, None).await, "FORBIDDEN");
    assert_code(&mark(&c.other, None).await, "FORBIDDEN");
    let r = mark(&c.moderator, Some(today.to_string())).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "nextReviewBy");
    let r = mark(&c.moderator, None).await;
    let faq = &data(&r)["markFaqReviewed"]["thread"]["faq"];
    assert_eq!(faq["reviewBy"], year.to_string());
    assert_eq!(faq["reviewOverdue"], false);
    assert!(faq["reviewedAt"].is_string());
    assert_eq!(faq["reviewedBy"]["displayName"], "maja.moderator");
    assert!(faq_due(&app, &c.moderator, 30).await.is_empty());
    let in_sixty = today.checked_add_days(chrono::Days::new(60)).unwrap();
    let r = mark(&c.admin, Some(in_sixty.to_string())).await;
    assert_eq!(
        data(&r)["markFaqReviewed"]["thread"]["faq"]["reviewBy"],
        in_sixty.to_string()
    );
    assert_eq!(
        faq_due(&app, &c.moderator, 90).await,
        std::slice::from_ref(&t)
    );

    // A question not in the FAQ has nothing to review; removal clears the dates.
    let (open, _) = thread(&app, &c.author, &c.net, "QUESTION", "Avgift för köldmedier").await;
    let r = mutate(
        &app,
        &c.moderator,
        "markFaqReviewed",
        "MarkFaqReviewedInput",
        json!({ "threadId": open }),
        FAQ_SELECTION,
    )
    .await;
    assert_code(&r, "CONFLICT");
    let r = mutate(
        &app,
        &c.moderator,
        "removeFromFaq",
        "ThreadInput",
        json!({ "threadId": t }),
        "{ thread { faq { reviewBy } } }",
    )
    .await;
    assert!(data(&r)["removeFromFaq"]["thread"]["faq"].is_null());
    assert!(faq_due(&app, &c.admin, 3660).await.is_empty());
    let row: (Option<String>, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT faq_review_by, faq_reviewed_at, faq_reviewed_by FROM threads WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(row, (None, None, None));
    // Promoted again, it starts over with a year.
    let r = promote(&c.moderator, None).await;
    let faq = &data(&r)["promoteToFaq"]["thread"]["faq"];
    assert_eq!(faq["reviewBy"], year.to_string());
    assert!(faq["reviewedAt"].is_null());
}

/// FAQ entries promoted before review dates existed get one a year after their promotion;
/// entries that have a date keep it.
async fn migration_0014_gives_faq_entries_from_before_a_review_date_a_year_on(app: TestApp) {
    let c = cast(&app, "faqgammal").await;
    let mut ids = Vec::new();
    for title in [
        "Avgift för tillsyn av cisterner",
        "Avgift för köldmedieanläggningar",
    ] {
        let t = answered_question(&app, &c, title).await;
        data(
            &mutate(
                &app,
                &c.moderator,
                "promoteToFaq",
                "PromoteToFaqInput",
                json!({ "threadId": t, "summary": "Timavgift enligt kommunens taxa." }),
                "{ thread { id } }",
            )
            .await,
        );
        ids.push(samsyn::graphql::ids::decode(&async_graphql::ID(t), "Thread").unwrap());
    }
    // The first as 0013 left it: promoted on 15 March 2026 (noon UTC), no date yet.
    let promoted = chrono::Utc
        .with_ymd_and_hms(2026, 3, 15, 12, 0, 0)
        .unwrap()
        .timestamp_millis();
    let db = &app.state.db;
    sqlx::query("UPDATE threads SET faq_at = $1, faq_review_by = NULL WHERE id = $2")
        .bind(promoted)
        .bind(ids[0])
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE threads SET faq_review_by = '2030-01-31' WHERE id = $1")
        .bind(ids[1])
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 14")
        .execute(&db.pool)
        .await
        .unwrap();
    db.migrate().await.expect("0014 runs again");
    for (id, want) in [(ids[0], "2027-03-15"), (ids[1], "2030-01-31")] {
        let (got,): (Option<String>,) =
            sqlx::query_as("SELECT faq_review_by FROM threads WHERE id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(got.as_deref(), Some(want), "thread {id}");
    }
}
