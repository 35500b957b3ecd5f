//! Dates as people type them, and the clock.

use std::sync::Arc;

use jiff::{Timestamp, Unit, civil, tz::TimeZone};

use crate::error::{Result, StoreError};

/// Where "now" comes from; tests replace it to move time forward.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Timestamp + Send + Sync>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Clock(Arc::new(Timestamp::now))
    }

    /// A clock that calls `f`.
    pub fn from_fn(f: impl Fn() -> Timestamp + Send + Sync + 'static) -> Self {
        Clock(Arc::new(f))
    }

    /// The current time, to the second.
    pub fn now(&self) -> Timestamp {
        (self.0)().round(Unit::Second).unwrap_or_else(|_| (self.0)())
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// Looks up a time zone by its IANA name ("Europe/Brussels").
pub fn time_zone(name: &str) -> Result<TimeZone> {
    TimeZone::get(name).map_err(|_| {
        StoreError::Invalid(format!(
            "“{name}” is not a time zone Masthead knows. Use an IANA name such as “Europe/Brussels” or “UTC”."
        ))
    })
}

/// Parses a date as stored: RFC 3339 (`2015-06-30T10:00:00+02:00`), a local date and time
/// (`2015-06-30T10:00`, in the site's time zone) or a plain date (`2015-06-30`, midnight in the
/// site's time zone).
pub fn parse_date(text: &str, tz: &TimeZone) -> Result<Timestamp> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    let local = text
        .parse::<civil::DateTime>()
        .ok()
        .filter(|_| text.len() > 10)
        .or_else(|| text.parse::<civil::Date>().ok().map(|d| d.to_datetime(civil::Time::midnight())));
    local.and_then(|dt| tz.to_timestamp(dt).ok()).ok_or_else(|| {
        StoreError::Invalid(format!(
            "“{}” is not a date. Write it as 2015-06-30, or with a time as 2015-06-30T10:00:00+02:00.",
            text.escape_debug()
        ))
    })
}

/// Checks an optional date field, naming the field in the error.
pub(crate) fn check_date(field: &str, value: &Option<String>, tz: &TimeZone) -> Result<Option<Timestamp>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse_date(v, tz).map(Some).map_err(|e| StoreError::Invalid(format!("{field}: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_are_midnight_in_the_site_zone() {
        let tz = time_zone("Europe/Brussels").unwrap();
        let ts = parse_date("2015-06-30", &tz).unwrap();
        assert_eq!(ts.to_string(), "2015-06-29T22:00:00Z");
        let ts = parse_date("2015-01-15T09:30", &tz).unwrap();
        assert_eq!(ts.to_string(), "2015-01-15T08:30:00Z");
        let ts = parse_date("2015-06-30T10:00:00+02:00", &tz).unwrap();
        assert_eq!(ts.to_string(), "2015-06-30T08:00:00Z");
    }

    #[test]
    fn nonsense_is_refused_with_an_example() {
        let tz = time_zone("UTC").unwrap();
        for bad in ["yesterday", "2015-13-01", "30/06/2015", ""] {
            let err = parse_date(bad, &tz).unwrap_err().to_string();
            assert!(err.contains("2015-06-30"), "{err}");
        }
        assert!(time_zone("Mars/Olympus").is_err());
    }
}
