//! iCalendar (RFC 5545) output for meetings: calendar feeds and single-meeting downloads.
//!
//! Pure text building, no database. Times are written as Swedish local time with
//! `TZID=Europe/Stockholm` and a VTIMEZONE that states the EU summer-time rule, so a calendar
//! shows 10:00 as 10:00 on both sides of a daylight-saving change. Lines end in CRLF and are
//! folded at 75 octets without splitting a UTF-8 character.

use chrono::{TimeZone, Utc};

use crate::meetings::time::{self, TZ_NAME};

/// Longest content line in octets, excluding CRLF (RFC 5545 §3.1).
const MAX_OCTETS: usize = 75;

/// One meeting as a VEVENT.
#[derive(Debug, Clone)]
pub struct CalEvent {
    /// Globally unique and stable: "meeting-42@samsyn.example.se".
    pub uid: String,
    /// Bumped on each change so clients replace their copy.
    pub sequence: i64,
    pub created_ms: i64,
    pub last_modified_ms: i64,
    pub starts_ms: i64,
    pub ends_ms: i64,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub url: Option<String>,
    /// (name, e-mail)
    pub organiser: Option<(String, String)>,
    pub cancelled: bool,
}

/// A calendar: a feed or one meeting.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Shown by clients as the subscribed calendar's name.
    pub name: String,
    pub events: Vec<CalEvent>,
}

/// The VTIMEZONE for Europe/Stockholm: CET/CEST with the EU rule in force since 1996 (last
/// Sunday of March 02:00 → 03:00, last Sunday of October 03:00 → 02:00).
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The whole calendar as text/calendar content.
pub fn render(cal: &Calendar, now_ms: i64) -> String {
    let mut out = String::with_capacity(1024 + cal.events.len() * 800);
    let mut line = |s: &str| fold_into(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Miljösamverkan Jönköpings län//Samsyn//SV");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(&cal.name)));
    line(&format!("X-WR-TIMEZONE:{TZ_NAME}"));
    // Ask subscribing clients to look again every hour.
    line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    line("X-PUBLISHED-TTL:PT1H");
    for l in VTIMEZONE {
        line(l);
    }
    for e in &cal.events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&e.uid)));
        line(&format!("DTSTAMP:{}", utc_stamp(now_ms)));
        line(&format!("CREATED:{}", utc_stamp(e.created_ms)));
        line(&format!("LAST-MODIFIED:{}", utc_stamp(e.last_modified_ms)));
        line(&format!("SEQUENCE:{}", e.sequence.max(0)));
        line(&format!(
            "DTSTART;TZID={TZ_NAME}:{}",
            local_stamp(e.starts_ms)
        ));
        line(&format!("DTEND;TZID={TZ_NAME}:{}", local_stamp(e.ends_ms)));
        line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        if let Some(loc) = e.location.as_deref().filter(|l| !l.is_empty()) {
            line(&format!("LOCATION:{}", escape_text(loc)));
        }
        if let Some(url) = e.url.as_deref().filter(|u| !u.is_empty()) {
            line(&format!("URL:{}", strip_controls(url)));
        }
        if let Some((name, email)) = &e.organiser {
            line(&format!(
                "ORGANIZER;CN={}:mailto:{}",
                param_value(name),
                strip_controls(email)
            ));
        }
        line(if e.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// "20270327T100000": floating local form, written after `TZID=Europe/Stockholm`.
pub fn local_stamp(ms: i64) -> String {
    time::local(ms).format("%Y%m%dT%H%M%S").to_string()
}

/// "20270327T090000Z".
pub fn utc_stamp(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (e.g. CN=…): quoted when it holds `:;,`; DQUOTE and controls cannot be
/// represented and are dropped.
pub fn param_value(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

fn strip_controls(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Appends one content line, folded at 75 octets, with CRLF.
///
/// A fold never splits a UTF-8 character, and never falls right after a space or tab: some
/// parsers trim each physical line, which would eat that space.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = floor_boundary(rest, limit);
        let mut earlier = cut;
        while earlier > limit / 2 && rest[..earlier].ends_with([' ', '\t']) {
            earlier = floor_boundary(rest, earlier - 1);
        }
        if !rest[..earlier].ends_with([' ', '\t']) {
            cut = earlier;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The continuation's leading space counts towards its 75 octets.
        limit = MAX_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Duration, NaiveDate, Weekday};

    fn event(summary: &str, start: &str, end: &str) -> CalEvent {
        CalEvent {
            uid: "meeting-1@samsyn.test".into(),
            sequence: 2,
            created_ms: 0,
            last_modified_ms: 0,
            starts_ms: time::parse_local("s", start).unwrap(),
            ends_ms: time::parse_local("e", end).unwrap(),
            summary: summary.into(),
            description: "Rad ett\nRad två; med, tecken \\ här".into(),
            location: Some("Regionens hus, Jönköping".into()),
            url: None,
            organiser: Some(("Lind, Eva".into(), "eva.lind@rjl.se".into())),
            cancelled: true,
        }
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets_without_splitting_characters() {
        let long = "Miljöhandläggarträffen våren 2026 – åäö ÅÄÖ ".repeat(8) + "slut";
        let text = render(
            &Calendar {
                name: "Träffar".into(),
                events: vec![event(&long, "2026-04-23T08:30", "2026-04-23T16:00")],
            },
            0,
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
            assert!(!physical.contains('\n') && !physical.contains('\r'));
            assert!(!physical.ends_with(' '), "fold after a space: {physical:?}");
        }
        let unfolded = text.replace("\r\n ", "");
        let summary = unfolded
            .lines()
            .find(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(summary, format!("SUMMARY:{long}"));
    }

    #[test]
    fn text_values_escape_the_special_characters() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        assert_eq!(param_value("Lind, Eva"), "\"Lind, Eva\"");
        assert_eq!(param_value("Eva \"E\" Lind"), "Eva E Lind");
    }

    #[test]
    fn events_carry_local_times_with_tzid_sequence_and_status() {
        let text = render(
            &Calendar {
                name: "x".into(),
                events: vec![event("Träff", "2027-03-29T10:00", "2027-03-29T12:00")],
            },
            1_700_000_000_000,
        );
        assert!(text.contains("DTSTART;TZID=Europe/Stockholm:20270329T100000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/Stockholm:20270329T120000\r\n"));
        assert!(text.contains("DTSTAMP:20231114T221320Z\r\n"));
        assert!(text.contains("SEQUENCE:2\r\n"));
        assert!(text.contains("STATUS:CANCELLED\r\n"));
        assert!(text.contains("ORGANIZER;CN=\"Lind, Eva\":mailto:eva.lind@rjl.se\r\n"));
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
    }

    fn last_sunday(year: i32, month: u32) -> NaiveDate {
        let first_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .unwrap();
        let mut d = first_next - Duration::days(1);
        while d.weekday() != Weekday::Sun {
            d -= Duration::days(1);
        }
        d
    }

    /// The VTIMEZONE's rule must agree with the tz database for the years meetings use.
    #[test]
    fn the_vtimezone_rule_matches_the_tz_database() {
        use chrono::Offset;
        for year in 1997..=2045 {
            let spring = last_sunday(year, 3).and_hms_opt(1, 0, 0).unwrap();
            let autumn = last_sunday(year, 10).and_hms_opt(1, 0, 0).unwrap();
            for (utc_switch, before, after) in [(spring, 3600, 7200), (autumn, 7200, 3600)] {
                let offset = |t: chrono::NaiveDateTime| {
                    time::TZ
                        .offset_from_utc_datetime(&t)
                        .fix()
                        .local_minus_utc()
                };
                assert_eq!(offset(utc_switch - Duration::minutes(1)), before, "{year}");
                assert_eq!(offset(utc_switch), after, "{year}");
            }
        }
    }
}
