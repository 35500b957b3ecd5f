use masthead_render::{Content, Severity, check};
use masthead_store::Site;
use serde_json::json;

use crate::Exit;

pub(crate) fn run(site: &Site, as_json: bool) -> anyhow::Result<()> {
    let content = Content::load(site, jiff::Timestamp::now(), false)?;
    let problems = check(&content);
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    if as_json {
        crate::print_json(&json!({ "problems": problems }));
    } else {
        for p in &problems {
            let severity = if p.severity == Severity::Error { "error" } else { "warning" };
            println!("{severity:<8} {} {}: {}", p.entity, p.field, p.message);
        }
        let warnings = problems.len() - errors;
        println!(
            "{errors} error{}, {warnings} warning{}.",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
    if errors > 0 { Err(Exit(1).into()) } else { Ok(()) }
}
