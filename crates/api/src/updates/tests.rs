use jiff::{SignedDuration, Timestamp};
use masthead_store::Prefs;

use super::*;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn the_start_check_is_at_most_daily_and_never_when_off_or_without_a_feed() {
    let now = at("2027-01-15T09:00:00Z");
    let never = Prefs::default();
    assert!(check_on_start(&never, true, now));
    assert!(!check_on_start(&never, false, now), "no feed: nothing to look at");
    let off = Prefs { updates_off: true, ..Prefs::default() };
    assert!(!check_on_start(&off, true, now));
    let recent =
        Prefs { last_update_check: Some((now - SignedDuration::from_hours(23)).to_string()), ..Prefs::default() };
    assert!(!check_on_start(&recent, true, now));
    let day = Prefs { last_update_check: Some((now - CHECK_EVERY).to_string()), ..Prefs::default() };
    assert!(check_on_start(&day, true, now));
    let future =
        Prefs { last_update_check: Some((now + SignedDuration::from_hours(5)).to_string()), ..Prefs::default() };
    assert!(check_on_start(&future, true, now), "a clock that was wrong does not stop the checks for good");
    let garbled = Prefs { last_update_check: Some("yesterday".into()), ..Prefs::default() };
    assert!(check_on_start(&garbled, true, now));
    let off_and_old =
        Prefs { updates_off: true, last_update_check: Some("2020-01-01T00:00:00Z".into()), ..Prefs::default() };
    assert!(!check_on_start(&off_and_old, true, now));
}

#[test]
fn a_feed_address_is_https_and_a_folder_gets_latest_json() {
    assert_eq!(feed_url(" https://example.org/masthead/ ", false).unwrap(), "https://example.org/masthead/latest.json");
    assert_eq!(feed_url("https://example.org/m/feed.json", false).unwrap(), "https://example.org/m/feed.json");
    let plain = feed_url("http://127.0.0.1:8080/latest.json", false).unwrap_err();
    assert_eq!(plain.code, Code::Invalid);
    assert!(plain.message.contains("starting with https://"), "{}", plain.message);
    assert_eq!(feed_url("http://127.0.0.1:8080/", true).unwrap(), "http://127.0.0.1:8080/latest.json");
    for bad in ["", "example.org/latest.json", "https://", "https:///x", "https://a b/latest.json", "ftp://x/y"] {
        assert!(feed_url(bad, true).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn the_settings_show_the_chosen_feed_else_the_packages_own() {
    let prefs = Prefs { update_feed: Some("https://org.example/latest.json".into()), ..Prefs::default() };
    let s = settings(&prefs, "0.2.0", Some("https://built.example/latest.json"));
    assert_eq!(s.feed.as_deref(), Some("https://org.example/latest.json"));
    assert_eq!(s.chosen_feed.as_deref(), Some("https://org.example/latest.json"));
    assert!(s.check_on_start);
    let s =
        settings(&Prefs { updates_off: true, ..Prefs::default() }, "0.2.0", Some("https://built.example/latest.json"));
    assert_eq!(s.feed.as_deref(), Some("https://built.example/latest.json"));
    assert_eq!(s.chosen_feed, None);
    assert!(!s.check_on_start);
    assert_eq!(settings(&Prefs::default(), "0.2.0", None).feed, None);
}

#[test]
fn no_update_says_newest_or_refuses_an_older_version_in_words() {
    let CheckOutcome::UpToDate { message } = no_update("0.2.0", None) else { panic!() };
    assert_eq!(message, "Masthead 0.2.0 is the newest version.");
    let CheckOutcome::UpToDate { message } = no_update("0.2.0", Some("0.2.0")) else { panic!() };
    assert_eq!(message, "Masthead 0.2.0 is the newest version.");
    let CheckOutcome::UpToDate { message } = no_update("0.2.0", Some("0.1.9")) else { panic!() };
    assert!(message.contains("offers version 0.1.9, which is older than this Masthead (0.2.0)"), "{message}");
    assert!(message.contains("nothing was installed"), "{message}");
    let CheckOutcome::UpToDate { message } = no_update("0.10.0", Some("0.9.0")) else { panic!() };
    assert!(message.contains("older"), "versions compare as numbers, not text: {message}");
}

#[test]
fn each_refusal_says_what_happened_and_that_nothing_was_installed() {
    let cases = [
        (UpdateFailure::Network("connection refused".into()), "could not be reached (connection refused)"),
        (UpdateFailure::BadFeed("missing field `version`".into()), "not a Masthead update feed"),
        (
            UpdateFailure::NoPackage(vec!["linux-x86_64-deb".into(), "linux-x86_64".into()]),
            "linux-x86_64-deb, linux-x86_64",
        ),
        (UpdateFailure::BadSignature, "does not match its signature"),
        (UpdateFailure::OtherKey, "signed with another key"),
        (
            UpdateFailure::VersionNotSigned { signed: "0.1.0".into(), announced: "0.3.0".into() },
            "announces version 0.3.0, but the package it points to was signed as version 0.1.0",
        ),
        (UpdateFailure::UnversionedSignature, "does not say which version"),
        (UpdateFailure::Truncated { received: 100, expected: 4000 }, "stopped before the end (100 of 4000 bytes)"),
        (UpdateFailure::NotAuthorised, "password prompt"),
        (UpdateFailure::InstallFailed("dpkg: error".into()), "(dpkg: error)"),
    ];
    for (failure, words) in cases {
        let e = ApiError::from(failure);
        assert_eq!(e.code, Code::Update);
        assert!(e.message.contains(words), "{:?} lacks {words:?}", e.message);
        assert!(e.message.contains("Nothing was installed: this version keeps working."), "{}", e.message);
    }
    let e = ApiError::from(UpdateFailure::NoFeed);
    assert!(e.message.contains("Settings → About"), "{}", e.message);
}
