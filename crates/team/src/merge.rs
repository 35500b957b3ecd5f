//! Three-way merges of an entity's versions: field by field, and the long texts (an article's
//! or page's body, a slide's blurb, a summary) line by line with `diffy`, so that edits to
//! different paragraphs of one article both survive. Markdown paragraphs are separated by
//! blank lines, so two people's edits to different paragraphs never touch the same or
//! neighbouring lines.

use serde_json::{Map, Value};

/// Fields merged line by line; every other field is taken whole from the side that changed it.
const TEXT_FIELDS: [&str; 4] = ["body", "blurb", "summary", "footer"];

/// The result of merging two versions of an entity.
#[derive(Clone, Debug, PartialEq)]
pub enum Merged {
    /// Both sides' changes, together.
    Clean { data: Value, trashed: bool },
    /// The same field (or paragraph) changed differently on both sides, or one side put in
    /// the trash what the other changed.
    Conflict,
}

/// Merges two texts changed from `base`; `None` when both changed the same lines.
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> Option<String> {
    if ours == theirs || theirs == base {
        return Some(ours.to_string());
    }
    if ours == base {
        return Some(theirs.to_string());
    }
    // diffy works on lines: a text without a final line break would make its last line differ
    // from the same line followed by more text.
    let nl = |s: &str| if s.ends_with('\n') { s.to_string() } else { format!("{s}\n") };
    let all_ended = [base, ours, theirs].iter().all(|s| s.ends_with('\n') || s.is_empty());
    let merged = diffy::merge(&nl(base), &nl(ours), &nl(theirs)).ok()?;
    Some(if all_ended { merged } else { merged.strip_suffix('\n').unwrap_or(&merged).to_string() })
}

/// A starting point for a text merged by hand ("edit a merged text"): both sides' changes
/// where they merge, and where they do not, the local lines followed by the colleague's, as
/// paragraphs of their own, with no conflict markers (nobody should have to delete
/// `<<<<<<<` lines, nor publish them by mistake).
pub fn merge_text_keeping_both(base: &str, ours: &str, theirs: &str) -> String {
    if let Some(text) = merge_text(base, ours, theirs) {
        return text;
    }
    // Markers far longer than any Markdown rule or setext underline, so that none is mistaken.
    const LEN: usize = 41;
    let nl = |s: &str| if s.ends_with('\n') { s.to_string() } else { format!("{s}\n") };
    let mut options = diffy::MergeOptions::new();
    options.set_conflict_marker_length(LEN).set_conflict_style(diffy::ConflictStyle::Merge);
    let marked = options.merge(&nl(base), &nl(ours), &nl(theirs)).unwrap_or_else(|marked| marked);
    let (open, middle, close) = ("<".repeat(LEN), "=".repeat(LEN), ">".repeat(LEN));
    let (mut out, mut theirs_part) = (String::new(), String::new());
    let mut in_theirs = false;
    for line in marked.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if bare.starts_with(&open) {
            continue;
        } else if bare == middle {
            in_theirs = true;
        } else if bare.starts_with(&close) {
            if !out.is_empty() && !out.ends_with("\n\n") && !theirs_part.trim().is_empty() {
                out.push('\n');
            }
            out.push_str(&theirs_part);
            theirs_part.clear();
            in_theirs = false;
        } else if in_theirs {
            theirs_part.push_str(line);
        } else {
            out.push_str(line);
        }
    }
    if !ours.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Merges `ours` and `theirs` (data and whether in the trash), both made from `base` (none
/// when the entity was made on both sides independently).
pub fn merge_data(base: Option<(&Value, bool)>, ours: (&Value, bool), theirs: (&Value, bool)) -> Merged {
    let empty = Value::Object(Map::new());
    let (base_data, base_trashed) = base.unwrap_or((&empty, false));
    let ours_changed = ours.0 != base_data;
    let theirs_changed = theirs.0 != base_data;
    let trashed = match (ours.1 != base_trashed, theirs.1 != base_trashed) {
        (false, _) => theirs.1,
        (true, false) => ours.1,
        (true, true) => ours.1 && theirs.1,
    };
    // One side's trash against the other's edit: neither wins silently.
    if (ours.1 && !base_trashed && theirs_changed) || (theirs.1 && !base_trashed && ours_changed) {
        return Merged::Conflict;
    }
    let (Value::Object(b), Value::Object(o), Value::Object(t)) = (base_data, ours.0, theirs.0) else {
        return if ours.0 == theirs.0 { Merged::Clean { data: ours.0.clone(), trashed } } else { Merged::Conflict };
    };
    let mut keys: Vec<&String> = o.keys().chain(t.keys()).chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Map::new();
    for key in keys {
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        let merged = if ov == tv || tv == bv {
            ov.cloned()
        } else if ov == bv {
            tv.cloned()
        } else if let (true, Some(Value::String(os)), Some(Value::String(ts))) =
            (TEXT_FIELDS.contains(&key.as_str()), ov, tv)
        {
            let bs = bv.and_then(Value::as_str).unwrap_or("");
            match merge_text(bs, os, ts) {
                Some(text) => Some(Value::String(text)),
                None => return Merged::Conflict,
            }
        } else {
            return Merged::Conflict;
        };
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    Merged::Clean { data: Value::Object(out), trashed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const BASE: &str = "# Report\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.";

    #[test]
    fn edits_to_different_paragraphs_merge_and_to_the_same_one_do_not() {
        let ours = BASE.replace("First paragraph.", "First paragraph, edited by Ann.");
        let theirs = BASE.replace("Third paragraph.", "Third paragraph, edited by Bob.");
        let merged = merge_text(BASE, &ours, &theirs).unwrap();
        assert_eq!(
            merged,
            "# Report\n\nFirst paragraph, edited by Ann.\n\nSecond paragraph.\n\nThird paragraph, edited by Bob."
        );
        let theirs_same = BASE.replace("First paragraph.", "First paragraph, edited by Bob.");
        assert_eq!(merge_text(BASE, &ours, &theirs_same), None);
        assert_eq!(merge_text(BASE, &ours, &ours).as_deref(), Some(ours.as_str()), "the same edit twice");
        assert_eq!(merge_text(BASE, BASE, &theirs).as_deref(), Some(theirs.as_str()));
    }

    #[test]
    fn a_text_to_merge_by_hand_keeps_both_paragraphs_and_no_markers() {
        let ours = BASE.replace("Second paragraph.", "Second paragraph as Ann wrote it.");
        let theirs = BASE
            .replace("Second paragraph.", "Second paragraph as Bob wrote it.")
            .replace("Third paragraph.", "Third paragraph, by Bob.");
        assert_eq!(
            merge_text_keeping_both(BASE, &ours, &theirs),
            "# Report\n\nFirst paragraph.\n\nSecond paragraph as Ann wrote it.\n\nSecond paragraph as Bob wrote it.\n\nThird paragraph, by Bob."
        );
        // A setext heading's underline is text, not a marker.
        let base = "Title\n=======\n\nBody.";
        let merged = merge_text_keeping_both(base, "Title\n=======\n\nBody A.", "Title\n=======\n\nBody B.");
        assert_eq!(merged, "Title\n=======\n\nBody A.\n\nBody B.");
        assert_eq!(merge_text_keeping_both(BASE, &ours, BASE), ours, "what merges is merged");
    }

    #[test]
    fn different_fields_merge_and_the_same_field_conflicts() {
        let base = json!({"title": "T", "status": "draft", "tags": [], "body": BASE});
        let ours = json!({"title": "New title", "status": "draft", "tags": [], "body": BASE});
        let theirs = json!({"title": "T", "status": "published", "tags": ["x"], "body": BASE});
        let Merged::Clean { data, trashed } = merge_data(Some((&base, false)), (&ours, false), (&theirs, false)) else {
            panic!("different fields merge")
        };
        assert_eq!(data, json!({"title": "New title", "status": "published", "tags": ["x"], "body": BASE}));
        assert!(!trashed);
        let theirs_title = json!({"title": "Other title", "status": "draft", "tags": [], "body": BASE});
        assert_eq!(merge_data(Some((&base, false)), (&ours, false), (&theirs_title, false)), Merged::Conflict);
    }

    #[test]
    fn trash_against_an_edit_is_a_conflict_and_trash_alone_is_not() {
        let base = json!({"title": "T"});
        let edited = json!({"title": "U"});
        assert_eq!(merge_data(Some((&base, false)), (&base, true), (&edited, false)), Merged::Conflict);
        assert_eq!(merge_data(Some((&base, false)), (&edited, false), (&base, true)), Merged::Conflict);
        assert_eq!(
            merge_data(Some((&base, false)), (&base, true), (&base, false)),
            Merged::Clean { data: base.clone(), trashed: true }
        );
        assert_eq!(
            merge_data(Some((&base, true)), (&base, false), (&base, true)),
            Merged::Clean { data: base.clone(), trashed: false },
            "restored from the trash on one side"
        );
    }
}
