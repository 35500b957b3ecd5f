//! An iCalendar file per event, so visitors can add it to their calendar.

use jiff::Timestamp;
use masthead_store::{Article, parse_date};

use crate::content::Content;
use crate::links::article_url;

/// An iCalendar TEXT value: backslash, `;` and `,` escaped, line breaks (LF, CRLF or a bare
/// CR) written `\n`, and other control characters dropped (RFC 5545 allows only tab), so that
/// no value can end its line or start a property of its own.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_hold_no_bare_line_breaks_or_controls() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(text("one\r\ntwo\rthree\n"), "one\\ntwo\\nthree\\n");
        assert_eq!(text("x\rDTSTART:19700101T000000Z"), "x\\nDTSTART:19700101T000000Z");
        assert_eq!(text("tab\tbell\u{7}esc\u{1b}del\u{7f}nul\u{0}é"), "tab\tbellescdelnulé");
        let out = text("Title\r\u{1}\u{b}end");
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
    }
}
