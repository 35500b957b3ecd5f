//! Scheduled content and the publish history: `publish --due` (cron, and the app's timer)
//! publishes when an article's date has come since the last publish, and not for plain edits.

use masthead_store::{Article, SaveMode, Site, Status};

use crate::hosts::Publisher;

fn due(p: &Publisher) -> serde_json::Value {
    p.publish(&["--due"])
}

#[test]
fn publish_due_sends_scheduled_articles_once_their_time_has_come() {
    let p = Publisher::demo();
    let host = tempfile::tempdir().unwrap();
    let url = format!("file://{}/www", host.path().display());
    assert!(p.run(&["target", "add", "live", &url], None).status.success());
    assert_eq!(due(&p)["due"], false, "nothing is due before the first publish");
    assert!(p.publish(&[])["uploaded"].as_u64().unwrap() > 0);
    p.edit("\n\nAn edit waiting for review.\n");
    assert_eq!(due(&p)["due"], false, "plain edits wait for someone to publish");

    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    let slug = {
        let site = Site::open(p.site()).unwrap();
        let a = Article {
            title: "Embargoed report launch".into(),
            section: Some("news".into()),
            status: Status::Published,
            date: Some(at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
            body: "Out at the embargo.".into(),
            ..Article::default()
        };
        site.save(&a, SaveMode::Explicit).unwrap().slug
    };
    assert_eq!(due(&p)["due"], false, "the embargo has not passed yet");
    let page = host.path().join(format!("www/news/{slug}/index.html"));
    assert!(!page.exists());
    std::thread::sleep(std::time::Duration::from_millis(4000));
    let report = due(&p);
    assert!(report["uploaded"].as_u64().unwrap() > 0, "{report}");
    assert!(page.exists(), "the scheduled article is on the host");
    assert_eq!(due(&p)["due"], false, "and is not due again");

    let history = Site::open(p.site()).unwrap().publish_history(Some("live"), 10).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].changed.iter().any(|c| c.contains("Embargoed report launch")), "{:?}", history[0].changed);
    assert!(history[1].changed.len() > 5, "the first publish sent the whole demo site");
    assert_eq!(history[0].author, "tester");
}
