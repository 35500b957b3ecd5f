//! Dates as the site shows them, in the site's time zone.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Formats a moment for people (`30 June 2015`) and machines.
#[derive(Clone, Debug)]
pub struct Dates {
    pub tz: TimeZone,
}

impl Dates {
    /// `30 June 2015`
    pub fn day(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.tz.clone()).strftime("%-d %B %Y").to_string()
    }

    /// `30 June 2015, 10:00`, or just the day at midnight.
    pub fn day_time(&self, ts: Timestamp) -> String {
        let z = ts.to_zoned_datetime(self.tz.clone());
        if z.strftime("%H:%M").to_string() == "00:00" {
            self.day(ts)
        } else {
            z.strftime("%-d %B %Y, %H:%M").to_string()
        }
    }

    /// `2015-06-30T10:00:00+02:00`
    pub fn rfc3339(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// `Tue, 30 Jun 2015 10:00:00 +0200` (RSS)
    pub fn rfc2822(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.tz.clone()).strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
    }

    /// `2015-06-30` (sitemaps)
    pub fn ymd(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.tz.clone()).strftime("%Y-%m-%d").to_string()
    }

    /// `20150630T080000Z` (iCalendar, in UTC)
    pub fn ical(&self, ts: Timestamp) -> String {
        ts.strftime("%Y%m%dT%H%M%SZ").to_string()
    }

    pub fn year(&self, ts: Timestamp) -> i16 {
        ts.to_zoned_datetime(self.tz.clone()).year()
    }
}
