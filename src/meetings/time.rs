//! Meeting times: entered and shown as Swedish local time (Europe/Stockholm), stored as UTC
//! milliseconds. Owns the one conversion between the two, including the daylight-saving
//! edges: a local time that does not exist (the spring-forward hour) is refused, and one that
//! occurs twice (the autumn hour) means its first occurrence, as calendar programs do.

use chrono::{LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{AppError, AppResult};

/// The collaboration's time zone.
pub const TZ: Tz = chrono_tz::Europe::Stockholm;
/// Its IANA name, as written in calendar files and the API.
pub const TZ_NAME: &str = "Europe/Stockholm";

const FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
];

/// Parses a Swedish local time, "2026-04-23T08:30" (or with a space, or seconds), into UTC
/// milliseconds. `field` names the input field in the error.
pub fn parse_local(field: &str, raw: &str) -> AppResult<i64> {
    let raw = raw.trim();
    let naive = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
        .ok_or_else(|| {
            AppError::bad_input(
                field,
                "Ange tiden som ÅÅÅÅ-MM-DDTHH:MM i svensk tid, till exempel 2026-04-23T08:30.",
            )
        })?;
    local_to_utc_ms(field, naive)
}

/// The UTC milliseconds of a Swedish local time.
pub fn local_to_utc_ms(field: &str, naive: NaiveDateTime) -> AppResult<i64> {
    match TZ.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.timestamp_millis()),
        // The autumn hour happens twice: the first one (still summer time) is meant.
        LocalResult::Ambiguous(first, _) => Ok(first.timestamp_millis()),
        LocalResult::None => Err(AppError::bad_input(
            field,
            format!(
                "Klockan {} finns inte den dagen i svensk tid (sommartiden börjar). Välj en annan tid.",
                naive.format("%H:%M")
            ),
        )),
    }
}

/// The Swedish local time of UTC milliseconds.
pub fn local(ms: i64) -> NaiveDateTime {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .with_timezone(&TZ)
        .naive_local()
}

/// "2026-04-23T08:30": the API's way to show a local time.
pub fn local_string(ms: i64) -> String {
    local(ms).format("%Y-%m-%dT%H:%M").to_string()
}

const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// "torsdag 23 april 2026 kl. 08:30": a local time for people (e-mails, CSV, notices).
pub fn human(ms: i64) -> String {
    use chrono::{Datelike, Timelike};
    let t = local(ms);
    format!(
        "{} {} {} {} kl. {:02}:{:02}",
        WEEKDAYS[t.weekday().num_days_from_monday() as usize],
        t.day(),
        MONTHS[t.month0() as usize],
        t.year(),
        t.hour(),
        t.minute()
    )
}

/// "torsdag 23 april 2026 kl. 08:30–16:00" (the end's date is repeated when it differs).
pub fn human_span(start_ms: i64, end_ms: i64) -> String {
    if local(start_ms).date() == local(end_ms).date() {
        format!("{}–{}", human(start_ms), local(end_ms).format("%H:%M"))
    } else {
        format!("{} – {}", human(start_ms), human(end_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(ms: i64) -> String {
        Utc.timestamp_millis_opt(ms)
            .unwrap()
            .format("%Y-%m-%dT%H:%MZ")
            .to_string()
    }

    #[test]
    fn winter_and_summer_times_have_their_offsets() {
        // The spring switch 2027 is on 28 March, the autumn switch 2026 on 25 October.
        let cases = [
            ("2027-03-27T10:00", "2027-03-27T09:00Z"),
            ("2027-03-29T10:00", "2027-03-29T08:00Z"),
            ("2026-10-24T10:00", "2026-10-24T08:00Z"),
            ("2026-10-26 10:00", "2026-10-26T09:00Z"),
        ];
        for (local_in, expected) in cases {
            let ms = parse_local("startsAt", local_in).unwrap();
            assert_eq!(utc(ms), expected, "{local_in}");
            assert_eq!(local_string(ms), local_in.replace(' ', "T"));
        }
    }

    #[test]
    fn the_missing_spring_hour_is_refused_and_the_double_autumn_hour_is_the_first() {
        let err = parse_local("startsAt", "2027-03-28T02:30").unwrap_err();
        assert_eq!(err.field(), Some("startsAt"));
        assert!(err.public_message().contains("02:30"));
        let ms = parse_local("startsAt", "2026-10-25T02:30").unwrap();
        assert_eq!(utc(ms), "2026-10-25T00:30Z");
    }

    #[test]
    fn malformed_times_name_the_field() {
        for bad in ["", "2026-13-01T10:00", "23 april", "2026-04-23"] {
            let err = parse_local("endsAt", bad).unwrap_err();
            assert_eq!(err.field(), Some("endsAt"), "{bad}");
        }
    }

    #[test]
    fn human_times_are_swedish() {
        let start = parse_local("s", "2026-04-23T08:30").unwrap();
        let end = parse_local("e", "2026-04-23T16:00").unwrap();
        assert_eq!(
            human_span(start, end),
            "torsdag 23 april 2026 kl. 08:30–16:00"
        );
    }
}
