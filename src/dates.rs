//! Days (not instants): project periods and the review-by dates of documents and FAQ entries,
//! kept as ISO `YYYY-MM-DD` text so they sort and compare the same way in SQLite and PostgreSQL.

use chrono::NaiveDate;

use crate::error::{AppError, AppResult};

/// Today's date in Sweden, where "overdue" is decided.
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive()
}

/// The stored form of a date.
pub fn to_db(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a stored date; a malformed one is an internal error, not the user's.
pub fn from_db(s: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| AppError::internal(format!("stored date {s:?}: {e}")))
}

pub fn opt_from_db(s: Option<String>) -> AppResult<Option<NaiveDate>> {
    s.as_deref().map(from_db).transpose()
}

/// Checks that a period runs forwards.
pub fn check_period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> AppResult<()> {
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(AppError::bad_input(
                "periodTo",
                "Perioden kan inte sluta innan den börjar.",
            ));
        }
    }
    Ok(())
}

/// The next review-by date: `next` when it is after `today` (else BAD_INPUT on `field`), or
/// 12 months from `today` when left out.
pub fn next_review(next: Option<NaiveDate>, today: NaiveDate, field: &str) -> AppResult<NaiveDate> {
    match next {
        Some(d) if d <= today => Err(AppError::bad_input(
            field,
            "Nästa granskning måste vara efter i dag.",
        )),
        Some(d) => Ok(d),
        None => today
            .checked_add_months(chrono::Months::new(12))
            .ok_or_else(|| AppError::internal("date overflow")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_periods_run_forwards() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
        assert_eq!(to_db(d), "2025-01-31");
        assert_eq!(from_db("2025-01-31").unwrap(), d);
        assert!(from_db("31/1 2025").is_err());
        let later = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        assert!(check_period(Some(d), Some(later)).is_ok());
        assert!(check_period(Some(later), Some(d)).is_err());
        assert!(check_period(None, Some(d)).is_ok());
    }

    #[test]
    fn the_next_review_is_after_today_and_defaults_to_a_year() {
        let today = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        let year = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
        assert_eq!(next_review(None, today, "f").unwrap(), year);
        assert_eq!(next_review(Some(year), today, "f").unwrap(), year);
        let err = next_review(Some(today), today, "reviewBy").unwrap_err();
        assert!(matches!(err, AppError::BadInput { .. }), "{err:?}");
    }
}
