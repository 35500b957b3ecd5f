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
        // Without a zoned value and strftime: a large site's sitemap dates 10,000 articles.
        let d = self.tz.to_datetime(ts).date();
        if d.year() >= 0 {
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        } else {
            ts.to_zoned_datetime(self.tz.clone()).strftime("%Y-%m-%d").to_string()
        }
    }

    /// `20150630T080000Z` (iCalendar, in UTC)
    pub fn ical(&self, ts: Timestamp) -> String {
        ts.strftime("%Y%m%dT%H%M%SZ").to_string()
    }

    pub fn year(&self, ts: Timestamp) -> i16 {
        ts.to_zoned_datetime(self.tz.clone()).year()
    }
}

#[cfg(test)]
mod tests {
    use super::{Dates, TimeZone, Timestamp};

    #[test]
    fn ymd_is_the_days_date_in_the_sites_zone() {
        let zones =
            ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Kiritimati"];
        let moments = [
            "2026-03-29T00:59:59Z",
            "2026-03-29T01:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-12-31T23:59:59Z",
            "2015-06-30T10:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-30T12:00:00Z",
        ];
        for zone in zones {
            let dates = Dates { tz: TimeZone::get(zone).unwrap() };
            for m in moments {
                let ts: Timestamp = m.parse().unwrap();
                let expected = ts.to_zoned_datetime(dates.tz.clone()).strftime("%Y-%m-%d").to_string();
                assert_eq!(dates.ymd(ts), expected, "{m} in {zone}");
            }
        }
        let before_year_one = Timestamp::from_second(-62_200_000_000).unwrap();
        let utc = Dates { tz: TimeZone::UTC };
        assert_eq!(utc.ymd(before_year_one), before_year_one.strftime("%Y-%m-%d").to_string());
    }
}
