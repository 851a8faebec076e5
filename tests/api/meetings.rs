//! Meetings and the newsletter: registration limits and the waiting list, deadlines,
//! members-only visibility (lists, node, feeds, CSV), iCalendar read back by an independent
//! parser across daylight-saving changes, feed revocation, notices, and the newsletter's
//! e-mail, unsubscribe link and delivery log against a local SMTP sink.

use std::io::BufReader;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;
use crate::newsletter::recipient;
use crate::smtp_sink::SmtpSink;
use crate::with_smtp;

both_backends!(
    registration_limit_fills_a_waiting_list_that_moves_up_on_cancellation,
    concurrent_registrations_never_exceed_the_limit,
    registration_and_cancellation_close_at_the_deadline,
    members_only_network_meetings_are_invisible_to_non_members_everywhere,
    only_moderators_and_admins_create_and_edit_meetings,
    meeting_input_is_validated_in_swedish_local_time,
    ics_keeps_local_times_on_both_sides_of_daylight_saving_changes,
    feed_shows_changes_with_a_higher_sequence_and_cancellations,
    reset_calendar_token_revokes_earlier_feed_addresses,
    meetings_and_sent_newsletters_get_search_entries_with_read_rights,
    linked_documents_are_listed_on_the_meeting,
);

// ---------------------------------------------------------------------------------------
// Fixtures

/// The number inside a global id.
pub(crate) fn num(gid: &Value) -> i64 {
    let raw = URL_SAFE_NO_PAD
        .decode(gid.as_str().expect("an id"))
        .unwrap();
    let text = String::from_utf8(raw).unwrap();
    text.split_once(':').unwrap().1.parse().unwrap()
}

pub(crate) fn gid(kind: &str, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// Creates a network directly (the networks API belongs to the forum).
pub(crate) async fn network(app: &TestApp, slug: &str, members_only: bool) -> i64 {
    use sqlx::Row;
    let now = samsyn::db::now_ms();
    let mut tx = app.state.db.begin_write().await.unwrap();
    let row = sqlx::query(
        "INSERT INTO networks (slug, name, description, members_only, created_at, updated_at)
         VALUES ($1, $2, '', $3, $4, $4) RETURNING id",
    )
    .bind(slug)
    .bind(slug.to_uppercase())
    .bind(members_only as i64)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    row.try_get(0).unwrap()
}

pub(crate) async fn join(app: &TestApp, network_id: i64, user: &Value, role: &str) {
    let mut tx = app.state.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO network_members (network_id, user_id, role, joined_at) VALUES ($1, $2, $3, 0)",
    )
    .bind(network_id)
    .bind(num(user))
    .bind(role)
    .execute(&mut **tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

pub(crate) async fn leave(app: &TestApp, network_id: i64, user: &Value) {
    let mut tx = app.state.db.begin_write().await.unwrap();
    sqlx::query("DELETE FROM network_members WHERE network_id = $1 AND user_id = $2")
        .bind(network_id)
        .bind(num(user))
        .execute(&mut **tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

pub(crate) async fn member(app: &TestApp, email: &str, org: &str) -> (Value, reqwest::Client) {
    let (id, client) = app.user(email, "MEMBER", Some(org)).await;
    (Value::String(id), client)
}

/// Swedish local time `days` from now at `hh:mm`, as the API takes it.
pub(crate) fn local_in_days(days: i64, hm: &str) -> String {
    let day = samsyn::meetings::time::local(samsyn::db::now_ms() + days * 86_400_000).date();
    format!("{}T{hm}", day.format("%Y-%m-%d"))
}

const MEETING_FIELDS: &str = "id title startsAt endsAt startsAtLocal endsAtLocal timeZone place
    onlineLink maxParticipants cancelled sequence registrationOpen registeredCount waitingCount
    placesLeft myRegistration myWaitingPosition canEdit canSeeParticipants networkId
    organiser { id displayName } registrationDeadlineLocal icsUrl participantsCsvUrl documentIds";

pub(crate) async fn create_meeting(app: &TestApp, client: &reqwest::Client, input: Value) -> Value {
    let body = try_create(app, client, input).await;
    assert_ok(&body);
    body["data"]["createMeeting"]["meeting"].clone()
}

async fn try_create(app: &TestApp, client: &reqwest::Client, input: Value) -> Value {
    app.gql_with(
        client,
        &format!(
            "mutation($i: CreateMeetingInput!) {{ createMeeting(input: $i) {{ meeting {{ {MEETING_FIELDS} }} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
}

pub(crate) fn meeting_input(title: &str, days: i64) -> Value {
    json!({
        "title": title,
        "description": "Program och **anmälan**.",
        "startsAt": local_in_days(days, "09:00"),
        "endsAt": local_in_days(days, "15:00"),
        "place": "Regionens hus, Jönköping",
        "registrationDeadline": local_in_days(days - 1, "23:59"),
    })
}

async fn meeting(app: &TestApp, client: &reqwest::Client, id: &Value) -> Value {
    let body = app
        .gql_with(
            client,
            &format!("query($id: ID!) {{ meeting(id: $id) {{ {MEETING_FIELDS} participants {{ displayName organisation status waitingPosition }} }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert_ok(&body);
    body["data"]["meeting"].clone()
}

async fn register(app: &TestApp, client: &reqwest::Client, id: &Value) -> Value {
    app.gql_with(
        client,
        "mutation($i: MeetingRegistrationInput!) { registerForMeeting(input: $i) { status waitingPosition meeting { registeredCount waitingCount } } }",
        json!({ "i": { "meetingId": id } }),
    )
    .await
}

async fn unregister(app: &TestApp, client: &reqwest::Client, id: &Value) -> Value {
    app.gql_with(
        client,
        "mutation($i: MeetingRegistrationInput!) { cancelRegistration(input: $i) { meeting { registeredCount waitingCount myRegistration } } }",
        json!({ "i": { "meetingId": id } }),
    )
    .await
}

async fn update_meeting(app: &TestApp, client: &reqwest::Client, input: Value) -> Value {
    app.gql_with(
        client,
        &format!("mutation($i: UpdateMeetingInput!) {{ updateMeeting(input: $i) {{ meeting {{ {MEETING_FIELDS} }} }} }}"),
        json!({ "i": input }),
    )
    .await
}

async fn titles(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let body = app
        .gql_with(
            client,
            "{ meetings(first: 100) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    body["data"]["meetings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect()
}

/// A feed address for `client` (own calendar, or a network's), as a path on the test server.
async fn feed_path(app: &TestApp, client: &reqwest::Client, network: Option<i64>) -> String {
    let body = app
        .gql_with(
            client,
            "mutation($i: CalendarFeedInput) { calendarFeedUrl(input: $i) { url } }",
            json!({ "i": { "networkId": network.map(|n| gid("Network", n)) } }),
        )
        .await;
    assert_ok(&body);
    path_of(body["data"]["calendarFeedUrl"]["url"].as_str().unwrap())
}

/// The path of an address under SAMSYN_PUBLIC_URL.
pub(crate) fn path_of(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap();
    format!("/{}", rest.split_once('/').unwrap().1)
}

pub(crate) async fn get_text(client: &reqwest::Client, url: String) -> (u16, String) {
    let resp = client.get(url).send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

// ---------------------------------------------------------------------------------------
// iCalendar read back with the independent `ical` parser

type Cal = ical::parser::ical::component::IcalCalendar;
type Prop = ical::property::Property;

fn parse_ics(text: &str) -> Cal {
    assert!(text.contains("\r\n"), "lines must end in CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none());
    cal
}

fn prop<'a>(props: &'a [Prop], name: &str) -> Option<&'a Prop> {
    props.iter().find(|p| p.name == name)
}

fn value(props: &[Prop], name: &str) -> String {
    prop(props, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

fn param(p: &Prop, name: &str) -> Option<String> {
    p.params
        .as_ref()?
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.first().cloned())
}

/// Undoes RFC 5545 TEXT escaping.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn event_titled<'a>(
    cal: &'a Cal,
    title: &str,
) -> Option<&'a ical::parser::ical::component::IcalEvent> {
    cal.events
        .iter()
        .find(|e| unescape(&value(&e.properties, "SUMMARY")) == title)
}

fn last_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap();
    let mut d = next - Duration::days(1);
    while d.weekday() != weekday {
        d -= Duration::days(1);
    }
    d
}

fn utc_offset_seconds(s: &str) -> i64 {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits = s.trim_start_matches(['+', '-']);
    sign * (digits[..2].parse::<i64>().unwrap() * 3600 + digits[2..4].parse::<i64>().unwrap() * 60)
}

/// The UTC instant of a DTSTART/DTEND, as a calendar program works it out: a UTC value
/// as is, a TZID value through the VTIMEZONE in the same file (its yearly rules of the
/// form BYMONTH=m;BYDAY=-1SU).
fn utc_of(cal: &Cal, p: &Prop) -> NaiveDateTime {
    let raw = p.value.clone().unwrap();
    if let Some(utc) = raw.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").unwrap();
    }
    let tzid = param(p, "TZID").expect("a local time needs TZID");
    let local = NaiveDateTime::parse_from_str(&raw, "%Y%m%dT%H%M%S").unwrap();
    let tz = cal
        .timezones
        .iter()
        .find(|t| value(&t.properties, "TZID") == tzid)
        .expect("a VTIMEZONE for the TZID");
    let mut onsets = Vec::new();
    for tr in &tz.transitions {
        let to = utc_offset_seconds(&value(&tr.properties, "TZOFFSETTO"));
        let start =
            NaiveDateTime::parse_from_str(&value(&tr.properties, "DTSTART"), "%Y%m%dT%H%M%S")
                .unwrap();
        let rule = value(&tr.properties, "RRULE");
        let parts: std::collections::HashMap<&str, &str> = rule
            .split(';')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        assert_eq!(parts["FREQ"], "YEARLY", "{rule}");
        assert_eq!(parts["BYDAY"], "-1SU", "{rule}");
        let month: u32 = parts["BYMONTH"].parse().unwrap();
        for year in [local.year() - 1, local.year()] {
            let day = last_weekday(year, month, Weekday::Sun);
            onsets.push((day.and_time(start.time()), to));
        }
    }
    onsets.sort();
    let (_, offset) = onsets
        .iter()
        .rfind(|(t, _)| *t <= local)
        .expect("an observance in force");
    local - Duration::seconds(*offset)
}

fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

// ---------------------------------------------------------------------------------------
// Registration

async fn registration_limit_fills_a_waiting_list_that_moves_up_on_cancellation(app: TestApp) {
    let admin = app.admin().await;
    let mut input = meeting_input("Kontaktpersonsträff", 20);
    input["maxParticipants"] = json!(2);
    let m = create_meeting(&app, &admin, input).await;
    let id = m["id"].clone();
    assert_eq!(m["placesLeft"], 2);

    let (_, a) = member(&app, "anna@eksjo.se", "eksjo").await;
    let (_, b) = member(&app, "bo@habo.se", "habo").await;
    let (_, c) = member(&app, "cilla@tranas.se", "tranas").await;
    let (_, d) = member(&app, "dan@aneby.se", "aneby").await;

    assert_eq!(
        register(&app, &a, &id).await["data"]["registerForMeeting"]["status"],
        "REGISTERED"
    );
    assert_eq!(
        register(&app, &b, &id).await["data"]["registerForMeeting"]["status"],
        "REGISTERED"
    );
    let third = register(&app, &c, &id).await;
    assert_eq!(third["data"]["registerForMeeting"]["status"], "WAITING");
    assert_eq!(third["data"]["registerForMeeting"]["waitingPosition"], 1);
    let fourth = register(&app, &d, &id).await;
    assert_eq!(fourth["data"]["registerForMeeting"]["waitingPosition"], 2);
    // Registering again changes nothing.
    let again = register(&app, &a, &id).await;
    assert_eq!(again["data"]["registerForMeeting"]["status"], "REGISTERED");
    assert_eq!(
        again["data"]["registerForMeeting"]["meeting"]["registeredCount"],
        2
    );
    assert_eq!(
        again["data"]["registerForMeeting"]["meeting"]["waitingCount"],
        2
    );

    // A cancels: C, first in line, gets the place in the same transaction and is told.
    let after = unregister(&app, &a, &id).await;
    assert_ok(&after);
    assert_eq!(
        after["data"]["cancelRegistration"]["meeting"]["myRegistration"],
        Value::Null
    );
    let seen_by_c = meeting(&app, &c, &id).await;
    assert_eq!(seen_by_c["myRegistration"], "REGISTERED");
    assert_eq!(seen_by_c["registeredCount"], 2);
    assert_eq!(
        seen_by_c["participants"],
        Value::Null,
        "members do not see the list"
    );
    assert_eq!(seen_by_c["canSeeParticipants"], false);
    let seen_by_d = meeting(&app, &d, &id).await;
    assert_eq!(seen_by_d["myRegistration"], "WAITING");
    assert_eq!(seen_by_d["myWaitingPosition"], 1);
    let notices = app
        .gql_with(
            &c,
            "{ meetingNotices { kind message meetingId emailStatus } }",
            json!({}),
        )
        .await;
    assert_ok(&notices);
    let list = notices["data"]["meetingNotices"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{notices}");
    assert_eq!(list[0]["kind"], "promoted");
    assert_eq!(list[0]["meetingId"], id);
    assert!(list[0]["message"]
        .as_str()
        .unwrap()
        .contains("Du har fått en plats"));
    assert_eq!(
        list[0]["emailStatus"], "none",
        "no SMTP server in this test"
    );

    // More places move the waiting list up too.
    let more = update_meeting(&app, &admin, json!({ "id": id, "maxParticipants": 3 })).await;
    assert_ok(&more);
    assert_eq!(more["data"]["updateMeeting"]["meeting"]["waitingCount"], 0);
    let full = meeting(&app, &admin, &id).await;
    let people: Vec<(&str, &str)> = full["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["displayName"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        people,
        vec![
            ("bo", "REGISTERED"),
            ("cilla", "REGISTERED"),
            ("dan", "REGISTERED")
        ]
    );
    assert_eq!(full["participants"][0]["organisation"], "Habo kommun");
}

async fn concurrent_registrations_never_exceed_the_limit(app: TestApp) {
    let admin = app.admin().await;
    let mut input = meeting_input("Strategidag", 30);
    input["maxParticipants"] = json!(2);
    let id = create_meeting(&app, &admin, input).await["id"].clone();
    let mut clients = Vec::new();
    for i in 0..6 {
        clients.push(
            member(&app, &format!("person{i}@nassjo.se"), "nassjo")
                .await
                .1,
        );
    }
    let results = futures::future::join_all(clients.iter().map(|c| register(&app, c, &id))).await;
    let statuses: Vec<String> = results
        .iter()
        .map(|r| {
            assert_ok(r);
            r["data"]["registerForMeeting"]["status"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| *s == "REGISTERED").count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| *s == "WAITING").count(), 4);
    let m = meeting(&app, &admin, &id).await;
    assert_eq!(m["registeredCount"], 2);
    assert_eq!(m["waitingCount"], 4);
}

async fn registration_and_cancellation_close_at_the_deadline(app: TestApp) {
    let admin = app.admin().await;
    let (_, anna) = member(&app, "anna@eksjo.se", "eksjo").await;

    let mut closed = meeting_input("Anmälan stängd", 10);
    closed["registrationDeadline"] = json!(local_in_days(-1, "12:00"));
    let closed = create_meeting(&app, &admin, closed).await;
    assert_eq!(closed["registrationOpen"], false);
    let refused = register(&app, &anna, &closed["id"]).await;
    assert_code(&refused, "BAD_INPUT");
    assert!(refused["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Sista anmälningsdag"));

    // Without a deadline registration is open until the start.
    let mut started = meeting_input("Redan börjat", -1);
    started["registrationDeadline"] = Value::Null;
    let started = create_meeting(&app, &admin, started).await;
    assert_code(&register(&app, &anna, &started["id"]).await, "BAD_INPUT");

    let open = create_meeting(&app, &admin, meeting_input("Öppen anmälan", 10)).await;
    assert_ok(&register(&app, &anna, &open["id"]).await);
    // The deadline passes: cancelling is refused too.
    let moved = update_meeting(
        &app,
        &admin,
        json!({ "id": open["id"], "registrationDeadline": local_in_days(-1, "08:00") }),
    )
    .await;
    assert_ok(&moved);
    assert_code(&unregister(&app, &anna, &open["id"]).await, "BAD_INPUT");

    // A cancelled meeting takes no registrations.
    let gone = create_meeting(&app, &admin, meeting_input("Inställd träff", 10)).await;
    let cancel = app
        .gql_with(
            &admin,
            "mutation($i: MeetingIdInput!) { cancelMeeting(input: $i) { meeting { cancelled registrationOpen } } }",
            json!({ "i": { "id": gone["id"] } }),
        )
        .await;
    assert_ok(&cancel);
    assert_eq!(
        cancel["data"]["cancelMeeting"]["meeting"]["cancelled"],
        true
    );
    let refused = register(&app, &anna, &gone["id"]).await;
    assert_code(&refused, "BAD_INPUT");
    assert!(refused["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("inställd"));
}

// ---------------------------------------------------------------------------------------
// Permissions

async fn members_only_network_meetings_are_invisible_to_non_members_everywhere(app: TestApp) {
    let admin = app.admin().await;
    let styrgrupp = network(&app, "styrgrupp", true).await;
    let avfall = network(&app, "avfall", false).await;
    let (insider_id, insider) = member(&app, "eva@varnamo.se", "varnamo").await;
    let (_, outsider) = member(&app, "olle@gnosjo.se", "gnosjo").await;
    join(&app, styrgrupp, &insider_id, "member").await;

    let mut secret = meeting_input("Styrgruppsmöte hemligt", 15);
    secret["networkId"] = json!(gid("Network", styrgrupp));
    let secret = create_meeting(&app, &admin, secret).await;
    let sid = secret["id"].clone();
    let mut open = meeting_input("Nätverksträff avfall", 16);
    open["networkId"] = json!(gid("Network", avfall));
    create_meeting(&app, &admin, open).await;

    // Lists, upcoming, the meeting itself and node(id).
    assert!(titles(&app, &insider)
        .await
        .contains(&"Styrgruppsmöte hemligt".to_string()));
    let outsider_titles = titles(&app, &outsider).await;
    assert!(!outsider_titles.contains(&"Styrgruppsmöte hemligt".to_string()));
    assert!(outsider_titles.contains(&"Nätverksträff avfall".to_string()));
    let up = app
        .gql_with(
            &outsider,
            "{ upcomingMeetings(first: 10) { title } }",
            json!({}),
        )
        .await;
    assert!(!up.to_string().contains("hemligt"), "{up}");
    let direct = app
        .gql_with(
            &outsider,
            "query($id: ID!) { meeting(id: $id) { title } node(id: $id) { id } }",
            json!({ "id": sid }),
        )
        .await;
    assert_ok(&direct);
    assert!(direct["data"]["meeting"].is_null() && direct["data"]["node"].is_null());
    let node = app
        .gql_with(
            &insider,
            "query($id: ID!) { node(id: $id) { ... on Meeting { title } } }",
            json!({ "id": sid }),
        )
        .await;
    assert_eq!(node["data"]["node"]["title"], "Styrgruppsmöte hemligt");
    assert_code(&register(&app, &outsider, &sid).await, "NOT_FOUND");

    // The CSV and the .ics download.
    let csv = secret["participantsCsvUrl"].as_str().unwrap();
    let (status, _) = get_text(&outsider, app.url(&path_of(csv))).await;
    assert_eq!(status, 404);
    let (status, _) = get_text(&insider, app.url(&path_of(csv))).await;
    assert_eq!(status, 403, "a member may see the meeting but not the list");
    let (status, body) = get_text(&admin, app.url(&path_of(csv))).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = get_text(&new_client(), app.url(&path_of(csv))).await;
    assert_eq!(status, 401);
    let ics = path_of(secret["icsUrl"].as_str().unwrap());
    assert_eq!(get_text(&outsider, app.url(&ics)).await.0, 404);
    assert_eq!(get_text(&insider, app.url(&ics)).await.0, 200);

    // Feeds: the outsider can neither get the network's feed nor see it in their own.
    let refused = app
        .gql_with(
            &outsider,
            "mutation($i: CalendarFeedInput) { calendarFeedUrl(input: $i) { url } }",
            json!({ "i": { "networkId": gid("Network", styrgrupp) } }),
        )
        .await;
    assert_code(&refused, "NOT_FOUND");
    let outsider_feed = feed_path(&app, &outsider, None).await;
    let (_, text) = get_text(&new_client(), app.url(&outsider_feed)).await;
    assert!(!text.contains("hemligt"));
    let insider_feed = feed_path(&app, &insider, None).await;
    let insider_net_feed = feed_path(&app, &insider, Some(styrgrupp)).await;
    let (_, text) = get_text(&new_client(), app.url(&insider_feed)).await;
    assert!(event_titled(&parse_ics(&text), "Styrgruppsmöte hemligt").is_some());
    let (status, text) = get_text(&new_client(), app.url(&insider_net_feed)).await;
    assert_eq!(status, 200);
    assert!(event_titled(&parse_ics(&text), "Styrgruppsmöte hemligt").is_some());
    // A feed address of one network does not open another's.
    let wrong = insider_net_feed.replace("/styrgrupp/", "/avfall/");
    assert_eq!(get_text(&new_client(), app.url(&wrong)).await.0, 404);

    // Leaving the group takes its meetings out of the feeds at once.
    leave(&app, styrgrupp, &insider_id).await;
    let (_, text) = get_text(&new_client(), app.url(&insider_feed)).await;
    assert!(!text.contains("hemligt"));
    assert_eq!(
        get_text(&new_client(), app.url(&insider_net_feed)).await.0,
        404
    );
}

async fn only_moderators_and_admins_create_and_edit_meetings(app: TestApp) {
    let admin = app.admin().await;
    let avfall = network(&app, "avfall", false).await;
    let halsoskydd = network(&app, "halsoskydd", false).await;
    let styrgrupp = network(&app, "styrgrupp", true).await;
    let (mod_id, moderator) = member(&app, "mona@gislaved.se", "gislaved").await;
    let (member_id, plain) = member(&app, "per@vaggeryd.se", "vaggeryd").await;
    join(&app, avfall, &mod_id, "moderator").await;
    join(&app, styrgrupp, &member_id, "member").await;

    let in_net = |n: i64, title: &str| {
        let mut i = meeting_input(title, 12);
        i["networkId"] = json!(gid("Network", n));
        i
    };
    let ok = create_meeting(&app, &moderator, in_net(avfall, "Avfallsträff")).await;
    assert_eq!(ok["organiser"]["id"], mod_id);
    assert_eq!(ok["canEdit"], true);
    assert_code(
        &try_create(&app, &moderator, in_net(halsoskydd, "Fel nätverk")).await,
        "FORBIDDEN",
    );
    assert_code(
        &try_create(&app, &moderator, meeting_input("Hela samverkan", 12)).await,
        "FORBIDDEN",
    );
    assert_code(
        &try_create(&app, &plain, in_net(avfall, "Medlem")).await,
        "FORBIDDEN",
    );
    assert_code(
        &try_create(&app, &plain, in_net(styrgrupp, "Medlem i gruppen")).await,
        "FORBIDDEN",
    );
    assert_code(
        &try_create(&app, &moderator, in_net(styrgrupp, "Syns inte")).await,
        "NOT_FOUND",
    );
    let unauth = app
        .gql(
            "mutation($i: CreateMeetingInput!) { createMeeting(input: $i) { meeting { id } } }",
            json!({ "i": meeting_input("Anonym", 12) }),
        )
        .await;
    assert_code(&unauth, "UNAUTHENTICATED");

    let edit = update_meeting(&app, &plain, json!({ "id": ok["id"], "title": "Kapad" })).await;
    assert_code(&edit, "FORBIDDEN");
    let edit = update_meeting(
        &app,
        &admin,
        json!({ "id": ok["id"], "title": "Avfallsträff våren" }),
    )
    .await;
    assert_ok(&edit);
    assert_eq!(edit["data"]["updateMeeting"]["meeting"]["sequence"], 1);
    let cancel = app
        .gql_with(
            &plain,
            "mutation($i: MeetingIdInput!) { cancelMeeting(input: $i) { meeting { id } } }",
            json!({ "i": { "id": ok["id"] } }),
        )
        .await;
    assert_code(&cancel, "FORBIDDEN");

    // A members-only network's organiser must belong to it.
    let mut other = in_net(styrgrupp, "Styrgruppen");
    other["organiserId"] = json!(mod_id);
    let refused = try_create(&app, &admin, other).await;
    assert_code(&refused, "BAD_INPUT");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "organiserId");
}

async fn meeting_input_is_validated_in_swedish_local_time(app: TestApp) {
    let admin = app.admin().await;
    let mut bad = meeting_input("Baklänges", 10);
    bad["endsAt"] = json!(local_in_days(10, "08:00"));
    let body = try_create(&app, &admin, bad).await;
    assert_code(&body, "BAD_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "endsAt");

    let mut gap = meeting_input("Sommartid", 10);
    gap["startsAt"] = json!("2027-03-28T02:30");
    gap["endsAt"] = json!("2027-03-28T04:00");
    gap["registrationDeadline"] = Value::Null;
    let body = try_create(&app, &admin, gap).await;
    assert_code(&body, "BAD_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "startsAt");

    let mut nowhere = meeting_input("Ingenstans", 10);
    nowhere["place"] = Value::Null;
    let body = try_create(&app, &admin, nowhere).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "place");

    let mut digital = meeting_input("Digital avstämning", 10);
    digital["place"] = Value::Null;
    digital["onlineLink"] = json!("https://meet.example.org/avfall");
    let m = create_meeting(&app, &admin, digital).await;
    assert_eq!(m["startsAtLocal"], local_in_days(10, "09:00"));
    assert_eq!(m["timeZone"], "Europe/Stockholm");
}

// ---------------------------------------------------------------------------------------
// iCalendar

/// Creates a 10:00–12:00 meeting on `day` (Swedish local time) and returns its id.
async fn meeting_on(app: &TestApp, admin: &reqwest::Client, title: &str, day: &str) -> Value {
    let m = create_meeting(
        app,
        admin,
        json!({
            "title": title,
            "startsAt": format!("{day}T10:00"),
            "endsAt": format!("{day}T12:00"),
            "place": "Länsstyrelsen, Hamngatan 4, Jönköping",
        }),
    )
    .await;
    m
}

async fn ics_keeps_local_times_on_both_sides_of_daylight_saving_changes(app: TestApp) {
    let admin = app.admin().await;
    // 2027-03-28: summer time starts; 2026-10-25: it ends. UTC instants written out by hand.
    let cases = [
        (
            "Före sommartid, Jönköping; del 1",
            "2027-03-26",
            "2027-03-26T09:00",
            "2027-03-26T11:00",
        ),
        (
            "Efter sommartid",
            "2027-03-29",
            "2027-03-29T08:00",
            "2027-03-29T10:00",
        ),
        (
            "Före vintertid",
            "2026-10-23",
            "2026-10-23T08:00",
            "2026-10-23T10:00",
        ),
        (
            "Efter vintertid",
            "2026-10-26",
            "2026-10-26T09:00",
            "2026-10-26T11:00",
        ),
    ];
    for (title, day, start_utc, end_utc) in cases {
        let m = meeting_on(&app, &admin, title, day).await;
        assert_eq!(m["startsAtLocal"], format!("{day}T10:00"));
        assert_eq!(m["startsAt"], format!("{start_utc}:00+00:00"), "{m}");
        let (status, text) =
            get_text(&admin, app.url(&path_of(m["icsUrl"].as_str().unwrap()))).await;
        assert_eq!(status, 200, "{text}");
        let cal = parse_ics(&text);
        assert_eq!(cal.events.len(), 1);
        let ev = event_titled(&cal, title).expect("the meeting as an event");
        let start = prop(&ev.properties, "DTSTART").unwrap();
        let end = prop(&ev.properties, "DTEND").unwrap();
        assert_eq!(param(start, "TZID").as_deref(), Some("Europe/Stockholm"));
        assert_eq!(
            start.value.as_deref(),
            Some(format!("{}T100000", day.replace('-', "")).as_str())
        );
        assert_eq!(utc_of(&cal, start), utc(start_utc), "{title}");
        assert_eq!(utc_of(&cal, end), utc(end_utc), "{title}");
        assert!(value(&ev.properties, "UID").starts_with("meeting-"));
        assert!(value(&ev.properties, "DTSTAMP").ends_with('Z'));
        assert_eq!(value(&ev.properties, "STATUS"), "CONFIRMED");
        assert_eq!(value(&ev.properties, "SEQUENCE"), "0");
    }

    // The feed a phone subscribes to, around the next spring switch whenever this runs.
    let year = samsyn::meetings::time::local(samsyn::db::now_ms()).year() + 1;
    let switch = last_weekday(year, 3, Weekday::Sun);
    let before = (switch - Duration::days(2)).format("%Y-%m-%d").to_string();
    let after = (switch + Duration::days(1)).format("%Y-%m-%d").to_string();
    meeting_on(&app, &admin, "Feed före", &before).await;
    meeting_on(&app, &admin, "Feed efter", &after).await;
    let feed = feed_path(&app, &admin, None).await;
    let resp = new_client().get(app.url(&feed)).send().await.unwrap();
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let cal = parse_ics(&resp.text().await.unwrap());
    let start = |title: &str| {
        let ev = event_titled(&cal, title).unwrap();
        utc_of(&cal, prop(&ev.properties, "DTSTART").unwrap())
    };
    assert_eq!(start("Feed före"), utc(&format!("{before}T09:00")));
    assert_eq!(start("Feed efter"), utc(&format!("{after}T08:00")));
}

async fn feed_shows_changes_with_a_higher_sequence_and_cancellations(app: TestApp) {
    let admin = app.admin().await;
    let m = create_meeting(&app, &admin, meeting_input("Flyttas, sedan ställs in", 25)).await;
    let feed = feed_path(&app, &admin, None).await;
    let read = || async {
        let (_, text) = get_text(&new_client(), app.url(&feed)).await;
        parse_ics(&text)
    };
    let cal = read().await;
    let ev = event_titled(&cal, "Flyttas, sedan ställs in").unwrap();
    assert_eq!(value(&ev.properties, "SEQUENCE"), "0");
    let uid = value(&ev.properties, "UID");

    let moved = update_meeting(
        &app,
        &admin,
        json!({ "id": m["id"], "startsAt": local_in_days(26, "09:00"), "endsAt": local_in_days(26, "15:00") }),
    )
    .await;
    assert_ok(&moved);
    let cal = read().await;
    let ev = event_titled(&cal, "Flyttas, sedan ställs in").unwrap();
    assert_eq!(value(&ev.properties, "UID"), uid);
    assert_eq!(value(&ev.properties, "SEQUENCE"), "1");
    let start = value(&ev.properties, "DTSTART");
    assert_eq!(
        start,
        local_in_days(26, "09:00").replace(['-', ':'], "") + "00"
    );

    let cancel = app
        .gql_with(
            &admin,
            "mutation($i: MeetingIdInput!) { cancelMeeting(input: $i) { meeting { cancelled sequence } } }",
            json!({ "i": { "id": m["id"] } }),
        )
        .await;
    assert_eq!(cancel["data"]["cancelMeeting"]["meeting"]["sequence"], 2);
    let cal = read().await;
    let ev = event_titled(&cal, "INSTÄLLD: Flyttas, sedan ställs in").unwrap();
    assert_eq!(value(&ev.properties, "STATUS"), "CANCELLED");
    assert_eq!(value(&ev.properties, "SEQUENCE"), "2");
    assert_eq!(value(&ev.properties, "UID"), uid);
}

async fn reset_calendar_token_revokes_earlier_feed_addresses(app: TestApp) {
    let admin = app.admin().await;
    let (user_id, anna) = member(&app, "anna@eksjo.se", "eksjo").await;
    let avfall = network(&app, "avfall", false).await;
    let first = feed_path(&app, &anna, None).await;
    let second = feed_path(&app, &anna, None).await;
    let net = feed_path(&app, &anna, Some(avfall)).await;
    assert_ne!(first, second);
    for p in [&first, &second, &net] {
        assert_eq!(get_text(&new_client(), app.url(p)).await.0, 200, "{p}");
    }
    let feeds = app
        .gql_with(
            &anna,
            "{ calendarFeeds { networkSlug lastUsedAt } }",
            json!({}),
        )
        .await;
    assert_eq!(feeds["data"]["calendarFeeds"].as_array().unwrap().len(), 3);
    assert!(!feeds["data"]["calendarFeeds"][0]["lastUsedAt"].is_null());

    let reset = app
        .gql_with(&anna, "mutation { resetCalendarToken { url } }", json!({}))
        .await;
    assert_ok(&reset);
    let third = path_of(reset["data"]["resetCalendarToken"]["url"].as_str().unwrap());
    assert_eq!(get_text(&new_client(), app.url(&first)).await.0, 404);
    assert_eq!(get_text(&new_client(), app.url(&second)).await.0, 404);
    assert_eq!(get_text(&new_client(), app.url(&third)).await.0, 200);
    assert_eq!(
        get_text(&new_client(), app.url(&net)).await.0,
        200,
        "another calendar's address stays"
    );
    assert_eq!(
        get_text(&new_client(), app.url("/calendar/user/cal_gissat.ics"))
            .await
            .0,
        404
    );
    // A deactivated account's feeds stop.
    let off = app
        .gql_with(
            &admin,
            "mutation($i: UpdateUserInput!) { updateUser(input: $i) { active } }",
            json!({ "i": { "id": user_id, "active": false } }),
        )
        .await;
    assert_ok(&off);
    assert_eq!(get_text(&new_client(), app.url(&third)).await.0, 404);
}

// ---------------------------------------------------------------------------------------
// Search, documents, newsletter without SMTP

async fn meetings_and_sent_newsletters_get_search_entries_with_read_rights(app: TestApp) {
    use samsyn::meetings::search_docs;
    use sqlx::Row;
    let admin = app.admin().await;
    let styrgrupp = network(&app, "styrgrupp", true).await;
    let mut closed = meeting_input("Beredning inför styrgruppen", 9);
    closed["networkId"] = json!(gid("Network", styrgrupp));
    let closed = num(&create_meeting(&app, &admin, closed).await["id"]);
    let open = num(&create_meeting(&app, &admin, meeting_input("Presidieträff", 9)).await["id"]);
    let db = &app.state.db;
    let doc = search_docs::search_doc(db, closed).await.unwrap().unwrap();
    assert_eq!(doc.key, format!("meeting:{closed}"));
    assert_eq!(doc.kind, "meeting");
    assert_eq!(
        doc.acl,
        vec![format!("net:{styrgrupp}"), "role:admin".to_string()]
    );
    assert_eq!(doc.network.as_deref(), Some("styrgrupp"));
    let doc = search_docs::search_doc(db, open).await.unwrap().unwrap();
    assert_eq!(doc.acl, vec!["all".to_string()]);
    assert!(doc.body.contains("anmälan"));
    assert!(search_docs::search_doc(db, 999_999)
        .await
        .unwrap()
        .is_none());
    let logged =
        sqlx::query("SELECT COUNT(*) FROM change_log WHERE kind = 'meeting' AND entity_id = $1")
            .bind(open)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(logged.try_get::<i64, _>(0).unwrap(), 1);

    let created = app
        .gql_with(
            &admin,
            "mutation { createNewsletter(input: {title: \"Nyhetsbrev våren\", body: \"Om **avlopp**.\"}) { newsletter { id status } } }",
            json!({}),
        )
        .await;
    let nid = created["data"]["createNewsletter"]["newsletter"]["id"].clone();
    assert!(search_docs::newsletter_search_doc(db, num(&nid))
        .await
        .unwrap()
        .is_none());
    let sent = app
        .gql_with(
            &admin,
            "mutation($i: SendNewsletterInput!) { sendNewsletter(input: $i) { queued } }",
            json!({ "i": { "id": nid } }),
        )
        .await;
    assert_ok(&sent);
    let doc = search_docs::newsletter_search_doc(db, num(&nid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doc.key, format!("newsletter:{}", num(&nid)));
    assert_eq!(doc.kind, "newsletter");
    assert_eq!(doc.acl, vec!["all".to_string()]);
    assert_eq!(doc.body, "Om avlopp.");
}

async fn linked_documents_are_listed_on_the_meeting(app: TestApp) {
    let admin = app.admin().await;
    let (_, anna) = member(&app, "anna@eksjo.se", "eksjo").await;
    let m = create_meeting(&app, &admin, meeting_input("Träff med protokoll", 3)).await;
    let project = app
        .gql_with(
            &admin,
            "mutation { createProject(input: { name: \"Miljöhandläggarträffar 2026\" }) { project { id } } }",
            json!({}),
        )
        .await;
    assert_ok(&project);
    let project = project["data"]["createProject"]["project"]["id"].clone();
    let create_doc =
        "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }";
    let published = app
        .gql_with(&admin, create_doc, json!({ "i": { "title": "Protokoll från träffen", "kind": "PROTOKOLL", "body": "Närvarande: alla.", "publish": true, "projectId": project } }))
        .await;
    assert_ok(&published);
    let published = published["data"]["createDocument"]["document"]["id"].clone();
    let draft = app
        .gql_with(
            &admin,
            create_doc,
            json!({ "i": { "title": "Utkast till presentation", "kind": "INFORMATIONSMATERIAL", "projectId": project } }),
        )
        .await;
    assert_ok(&draft);
    let draft = draft["data"]["createDocument"]["document"]["id"].clone();
    let link = "mutation($i: LinkMeetingDocumentInput!) { linkMeetingDocument(input: $i) { meeting { documentIds } } }";
    let refused = app
        .gql_with(
            &anna,
            link,
            json!({ "i": { "meetingId": m["id"], "documentId": published } }),
        )
        .await;
    assert_code(&refused, "FORBIDDEN");
    let missing = app
        .gql_with(
            &admin,
            link,
            json!({ "i": { "meetingId": m["id"], "documentId": gid("Document", 999_999) } }),
        )
        .await;
    assert_code(&missing, "NOT_FOUND");
    for doc in [&published, &draft] {
        let linked = app
            .gql_with(
                &admin,
                link,
                json!({ "i": { "meetingId": m["id"], "documentId": doc } }),
            )
            .await;
        assert_ok(&linked);
    }
    let q = "query($id: ID!) { meeting(id: $id) { documents { id title kindLabel } } }";
    let seen = app.gql_with(&admin, q, json!({ "id": m["id"] })).await;
    assert_eq!(
        seen["data"]["meeting"]["documents"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "{seen}"
    );
    // A member sees the published minutes, not the admin's draft.
    let seen = app.gql_with(&anna, q, json!({ "id": m["id"] })).await;
    let docs = seen["data"]["meeting"]["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "{seen}");
    assert_eq!(docs[0]["title"], "Protokoll från träffen");
    assert_eq!(docs[0]["kindLabel"], "protokoll");
}

// ---------------------------------------------------------------------------------------
// With an SMTP server

with_smtp!(new_user_flow_spring_meeting_moves_and_the_registered_member_is_told: 0);

async fn new_user_flow_spring_meeting_moves_and_the_registered_member_is_told(
    app: TestApp,
    sink: SmtpSink,
) {
    use sqlx::Row;
    let admin = app.admin().await;
    let net = network(&app, "miljohandlaggartraffar", false).await;
    let (anna_id, anna) = member(&app, "anna@eksjo.se", "eksjo").await;
    let (_, bo) = member(&app, "bo@habo.se", "habo").await;

    let mut input = meeting_input("Miljöhandläggarträffen våren", 40);
    input["networkId"] = json!(gid("Network", net));
    input["startsAt"] = json!(local_in_days(40, "08:30"));
    input["endsAt"] = json!(local_in_days(40, "16:00"));
    input["maxParticipants"] = json!(120);
    input["place"] = json!("Stadshuset, Vetlanda (värdkommun)");
    let m = create_meeting(&app, &admin, input).await;
    let id = m["id"].clone();

    assert_ok(&register(&app, &anna, &id).await);
    assert_ok(&register(&app, &bo, &id).await);
    assert_ok(&unregister(&app, &bo, &id).await);

    // The organiser exports the list.
    let resp = admin
        .get(app.url(&path_of(m["participantsCsvUrl"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let bytes = resp.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the byte-order mark"
    );
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Namn;E-post;Organisation;Status;Plats i kön;Anmäld"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[1].starts_with("anna;anna@eksjo.se;Eksjö kommun;Anmäld;;"),
        "{csv}"
    );

    // Anna's phone subscribes to her calendar.
    let feed = feed_path(&app, &anna, None).await;
    let (_, text) = get_text(&new_client(), app.url(&feed)).await;
    let cal = parse_ics(&text);
    let ev = event_titled(&cal, "Miljöhandläggarträffen våren").unwrap();
    let old_start = local_in_days(40, "08:30").replace(['-', ':'], "") + "00";
    assert_eq!(value(&ev.properties, "DTSTART"), old_start);

    // The meeting moves by a day: Anna is told by e-mail and in the app; Bo, who cancelled, is not.
    let moved = update_meeting(
        &app,
        &admin,
        json!({ "id": id, "startsAt": local_in_days(41, "08:30"), "endsAt": local_in_days(41, "16:00") }),
    )
    .await;
    assert_ok(&moved);
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(recipient(&mails[0]), "<anna@eksjo.se>");
    let parsed = mails[0].parsed();
    use mailparse::MailHeaderMap;
    assert_eq!(
        parsed.headers.get_first_value("Subject").unwrap(),
        "Ändrad träff: Miljöhandläggarträffen våren"
    );
    let body = parsed.get_body().unwrap();
    assert!(body.contains("Ny tid:"), "{body}");
    assert!(body.contains("Stadshuset, Vetlanda"), "{body}");
    let notices = sqlx::query("SELECT user_id, kind FROM meeting_notices WHERE meeting_id = $1")
        .bind(num(&id))
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    let rows: Vec<(i64, String)> = notices
        .iter()
        .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
        .collect();
    assert_eq!(rows, vec![(num(&anna_id), "updated".to_string())]);
    let in_app = app
        .gql_with(&anna, "{ meetingNotices { kind message } }", json!({}))
        .await;
    assert_eq!(in_app["data"]["meetingNotices"][0]["kind"], "updated");

    // The subscribed calendar shows the new time.
    let (_, text) = get_text(&new_client(), app.url(&feed)).await;
    let cal = parse_ics(&text);
    let ev = event_titled(&cal, "Miljöhandläggarträffen våren").unwrap();
    assert_eq!(
        value(&ev.properties, "DTSTART"),
        local_in_days(41, "08:30").replace(['-', ':'], "") + "00"
    );
    assert_eq!(value(&ev.properties, "SEQUENCE"), "1");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "Bo, who cancelled, is not told");
}

// ---------------------------------------------------------------------------------------
// Demo

async fn demo_calendar(app: TestApp) {
    let admin = app.admin().await;
    let all = app
        .gql_with(
            &admin,
            "{ meetings(first: 100) { edges { node { title startsAtLocal networkSlug organiser { displayName } registeredCount } } } latestNewsletter { title deliveryStats { sent queued failed } } }",
            json!({}),
        )
        .await;
    assert_ok(&all);
    let edges = all["data"]["meetings"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), samsyn::demo::content::meetings().len());
    let spring = edges
        .iter()
        .find(|e| e["node"]["title"] == "Miljöhandläggarträffen våren 2026")
        .unwrap();
    assert_eq!(spring["node"]["startsAtLocal"], "2026-04-23T08:30");
    assert_eq!(spring["node"]["networkSlug"], "miljohandlaggartraffar");
    assert!(spring["node"]["registeredCount"].as_i64().unwrap() > 0);
    let avlopp = edges
        .iter()
        .find(|e| e["node"]["title"] == "Nätverksträff små avlopp våren 2026")
        .unwrap();
    assert!(avlopp["node"]["organiser"]["displayName"].is_string());
    let latest = &all["data"]["latestNewsletter"];
    assert!(latest["title"].as_str().unwrap().starts_with("Nyhetsbrev"));
    assert_eq!(
        latest["deliveryStats"],
        json!({ "sent": 0, "queued": 0, "failed": 0 })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_calendar_has_the_plans_meetings_and_a_sent_newsletter_sqlite() {
    let app = spawn_with(Backend::Sqlite, "demo_calendar", |c| c.demo = true)
        .await
        .unwrap();
    demo_calendar(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_calendar_has_the_plans_meetings_and_a_sent_newsletter_postgres() {
    if let Some(app) = spawn_with(Backend::Postgres, "demo_calendar", |c| c.demo = true).await {
        demo_calendar(app).await;
    }
}
