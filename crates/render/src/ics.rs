//! An iCalendar file per event, so visitors can add it to their calendar.

use jiff::Timestamp;
use masthead_store::{Article, parse_date};

use crate::content::Content;
use crate::links::article_url;

fn text(value: &str) -> String {
    value.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Folds lines longer than 75 octets, as RFC 5545 asks.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 74 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out
}

/// The `.ics` file of an event article, or `None` when it has no valid start.
pub(crate) fn event_ics(a: &Article, content: &Content, absolute_url: &str) -> Option<String> {
    let tz = &content.dates.tz;
    let start = parse_date(a.event_start.as_deref()?, tz).ok()?;
    let end = a.event_end.as_deref().and_then(|e| parse_date(e, tz).ok()).unwrap_or(start);
    let stamp = a.meta.updated_at.parse::<Timestamp>().unwrap_or(start);
    let host = content.settings.base_url.as_deref().unwrap_or("masthead.local");
    let host = host.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    let d = &content.dates;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Masthead//Masthead//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@{host}", article_url(a).trim_matches('/').replace('/', "-")),
        format!("DTSTAMP:{}", d.ical(stamp)),
        format!("DTSTART:{}", d.ical(start)),
        format!("DTEND:{}", d.ical(end)),
        format!("SUMMARY:{}", text(&a.title)),
        format!("URL:{absolute_url}"),
    ];
    if let Some(loc) = &a.location {
        lines.push(format!("LOCATION:{}", text(loc)));
    }
    if let Some(summary) = &a.summary {
        lines.push(format!("DESCRIPTION:{}", text(summary)));
    }
    lines.extend(["END:VEVENT".into(), "END:VCALENDAR".into()]);
    Some(lines.iter().map(|l| fold(l) + "\r\n").collect())
}
