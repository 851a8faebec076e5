//! A meeting's editable fields: parsing what was typed (times in Swedish local time) into
//! values that cannot be wrong, applying a partial change, and describing a change in Swedish
//! for the people it concerns. Pure: no database.

use crate::{
    error::{AppError, AppResult},
    meetings::{meeting::Meeting, text_field, time},
};

/// Longest meeting: a two-week course is the longest thing the plan arranges.
const MAX_DURATION_MS: i64 = 14 * 24 * 3600 * 1000;
const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 20_000;
const MAX_PLACE: usize = 200;
const MAX_LINK: usize = 500;
const MAX_PARTICIPANTS: i64 = 10_000;

/// A meeting's editable fields as typed; times are Swedish local time.
#[derive(Debug, Clone, Default)]
pub struct MeetingInput {
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub organiser_id: Option<i64>,
    pub registration_deadline: Option<String>,
    pub max_participants: Option<i64>,
}

/// A change to one optional field: leave it, clear it, or set it.
#[derive(Debug, Clone, Default)]
pub enum Patch<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

/// Changes to a meeting; `None` / `Keep` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MeetingPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub place: Patch<String>,
    pub online_link: Patch<String>,
    pub organiser_id: Option<i64>,
    pub registration_deadline: Patch<String>,
    pub max_participants: Patch<i64>,
}

/// Validated fields, times in UTC milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFields {
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub organiser_id: Option<i64>,
    pub registration_deadline: Option<i64>,
    pub max_participants: Option<i64>,
}

fn parse_title(raw: &str) -> AppResult<String> {
    let t = text_field("title", raw, MAX_TITLE, "Rubriken")?;
    if t.chars().count() < 3 {
        return Err(AppError::bad_input(
            "title",
            "Ge träffen en rubrik på minst 3 tecken.",
        ));
    }
    Ok(t)
}

fn parse_place(raw: Option<&str>) -> AppResult<Option<String>> {
    Ok(match raw {
        None => None,
        Some(p) => Some(text_field("place", p, MAX_PLACE, "Platsen")?).filter(|p| !p.is_empty()),
    })
}

fn parse_link(raw: Option<&str>) -> AppResult<Option<String>> {
    let Some(raw) = raw.map(str::trim).filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        AppError::bad_input(
            "onlineLink",
            "Länken måste vara en webbadress som börjar med https:// (högst 500 tecken).",
        )
    };
    if raw.len() > MAX_LINK || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let lower = raw.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(bad());
    }
    Ok(Some(raw.to_string()))
}

fn parse_max(raw: Option<i64>) -> AppResult<Option<i64>> {
    match raw {
        Some(n) if !(1..=MAX_PARTICIPANTS).contains(&n) => Err(AppError::bad_input(
            "maxParticipants",
            format!("Antalet platser måste vara mellan 1 och {MAX_PARTICIPANTS}."),
        )),
        other => Ok(other),
    }
}

impl MeetingFields {
    /// Checks the fields together: order of times, length, deadline, place or link.
    fn check(self) -> AppResult<MeetingFields> {
        if self.ends_at <= self.starts_at {
            return Err(AppError::bad_input(
                "endsAt",
                "Träffen måste sluta efter att den börjar.",
            ));
        }
        if self.ends_at - self.starts_at > MAX_DURATION_MS {
            return Err(AppError::bad_input(
                "endsAt",
                "En träff kan vara högst 14 dagar lång.",
            ));
        }
        if self
            .registration_deadline
            .is_some_and(|d| d > self.starts_at)
        {
            return Err(AppError::bad_input(
                "registrationDeadline",
                "Sista anmälningsdag kan inte vara efter att träffen börjar.",
            ));
        }
        if self.place.is_none() && self.online_link.is_none() {
            return Err(AppError::bad_input(
                "place",
                "Ange en plats eller en länk till det digitala mötet.",
            ));
        }
        Ok(self)
    }

    pub fn parse(input: &MeetingInput) -> AppResult<MeetingFields> {
        MeetingFields {
            title: parse_title(&input.title)?,
            description: text_field(
                "description",
                &input.description,
                MAX_DESCRIPTION,
                "Beskrivningen",
            )?,
            starts_at: time::parse_local("startsAt", &input.starts_at)?,
            ends_at: time::parse_local("endsAt", &input.ends_at)?,
            place: parse_place(input.place.as_deref())?,
            online_link: parse_link(input.online_link.as_deref())?,
            organiser_id: input.organiser_id,
            registration_deadline: input
                .registration_deadline
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| time::parse_local("registrationDeadline", d))
                .transpose()?,
            max_participants: parse_max(input.max_participants)?,
        }
        .check()
    }

    /// The current fields with `patch` applied, checked again as a whole.
    pub fn patched(m: &Meeting, patch: &MeetingPatch) -> AppResult<MeetingFields> {
        let deadline = match &patch.registration_deadline {
            Patch::Keep => m.registration_deadline,
            Patch::Clear => None,
            Patch::Set(d) if d.trim().is_empty() => None,
            Patch::Set(d) => Some(time::parse_local("registrationDeadline", d)?),
        };
        MeetingFields {
            title: match &patch.title {
                Some(t) => parse_title(t)?,
                None => m.title.clone(),
            },
            description: match &patch.description {
                Some(d) => text_field("description", d, MAX_DESCRIPTION, "Beskrivningen")?,
                None => m.description.clone(),
            },
            starts_at: match &patch.starts_at {
                Some(s) => time::parse_local("startsAt", s)?,
                None => m.starts_at,
            },
            ends_at: match &patch.ends_at {
                Some(s) => time::parse_local("endsAt", s)?,
                None => m.ends_at,
            },
            place: match &patch.place {
                Patch::Keep => m.place.clone(),
                Patch::Clear => None,
                Patch::Set(p) => parse_place(Some(p))?,
            },
            online_link: match &patch.online_link {
                Patch::Keep => m.online_link.clone(),
                Patch::Clear => None,
                Patch::Set(l) => parse_link(Some(l))?,
            },
            organiser_id: patch.organiser_id.or(m.organiser_id()),
            registration_deadline: deadline,
            max_participants: match patch.max_participants {
                Patch::Keep => m.max_participants,
                Patch::Clear => None,
                Patch::Set(n) => parse_max(Some(n))?,
            },
        }
        .check()
    }

    pub(crate) fn of(m: &Meeting) -> MeetingFields {
        MeetingFields {
            title: m.title.clone(),
            description: m.description.clone(),
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            place: m.place.clone(),
            online_link: m.online_link.clone(),
            organiser_id: m.organiser_id(),
            registration_deadline: m.registration_deadline,
            max_participants: m.max_participants,
        }
    }
}

/// What participants are told about a change, one line per thing that changed. Edits to
/// the description alone are not worth an e-mail.
pub(crate) fn describe_changes(old: &MeetingFields, new: &MeetingFields) -> Vec<String> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(format!(
            "Nytt namn: {} (tidigare {}).",
            new.title, old.title
        ));
    }
    if old.starts_at != new.starts_at || old.ends_at != new.ends_at {
        out.push(format!(
            "Ny tid: {} (tidigare {}).",
            time::human_span(new.starts_at, new.ends_at),
            time::human_span(old.starts_at, old.ends_at)
        ));
    }
    if old.place != new.place {
        out.push(match &new.place {
            Some(p) => format!("Ny plats: {p}."),
            None => "Träffen har inte längre någon fysisk plats.".to_string(),
        });
    }
    if old.online_link != new.online_link {
        out.push(match &new.online_link {
            Some(l) => format!("Ny länk till det digitala mötet: {l}"),
            None => "Träffen har inte längre någon länk till ett digitalt möte.".to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MeetingInput {
        MeetingInput {
            title: "Miljöhandläggarträffen våren 2026".into(),
            description: "Program *kommer*.".into(),
            starts_at: "2026-04-23T08:30".into(),
            ends_at: "2026-04-23T16:00".into(),
            place: Some("Stadshuset, Vetlanda".into()),
            online_link: None,
            organiser_id: None,
            registration_deadline: Some("2026-04-09T23:59".into()),
            max_participants: Some(120),
        }
    }

    #[test]
    fn a_well_formed_meeting_parses() {
        let f = MeetingFields::parse(&input()).unwrap();
        assert_eq!(time::local_string(f.starts_at), "2026-04-23T08:30");
        assert_eq!(f.max_participants, Some(120));
    }

    #[test]
    fn bad_fields_are_named() {
        type Change = Box<dyn Fn(&mut MeetingInput)>;
        let cases: Vec<(&str, Change)> = vec![
            ("title", Box::new(|i| i.title = " x ".into())),
            (
                "endsAt",
                Box::new(|i| i.ends_at = "2026-04-23T08:00".into()),
            ),
            (
                "endsAt",
                Box::new(|i| i.ends_at = "2026-05-23T08:00".into()),
            ),
            (
                "registrationDeadline",
                Box::new(|i| i.registration_deadline = Some("2026-04-24T00:00".into())),
            ),
            (
                "maxParticipants",
                Box::new(|i| i.max_participants = Some(0)),
            ),
            (
                "onlineLink",
                Box::new(|i| i.online_link = Some("javascript:alert(1)".into())),
            ),
            ("place", Box::new(|i| i.place = Some("   ".into()))),
            ("startsAt", Box::new(|i| i.starts_at = "imorgon".into())),
        ];
        for (field, change) in cases {
            let mut i = input();
            change(&mut i);
            let err = MeetingFields::parse(&i).unwrap_err();
            assert_eq!(err.field(), Some(field), "{i:?}");
        }
    }

    #[test]
    fn a_digital_meeting_needs_no_place() {
        let mut i = input();
        i.place = None;
        i.online_link = Some("https://meet.example.org/x".into());
        assert!(MeetingFields::parse(&i).is_ok());
    }

    #[test]
    fn moving_a_meeting_by_a_day_is_described_in_swedish() {
        let old = MeetingFields::parse(&input()).unwrap();
        let mut moved = input();
        moved.starts_at = "2026-04-24T08:30".into();
        moved.ends_at = "2026-04-24T16:00".into();
        let new = MeetingFields::parse(&moved).unwrap();
        assert_eq!(
            describe_changes(&old, &new),
            vec!["Ny tid: fredag 24 april 2026 kl. 08:30–16:00 (tidigare torsdag 23 april 2026 kl. 08:30–16:00).".to_string()]
        );
        let mut desc = old.clone();
        desc.description = "Annat".into();
        assert!(describe_changes(&old, &desc).is_empty());
    }
}
