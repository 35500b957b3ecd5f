//! HTML as tokens, read by html5ever's tokenizer (the WHATWG algorithm browsers use, from the
//! html5ever that ammonia parses with): the passes over raw HTML that look at its tags
//! (`raw_html`, `sanitize::raw_tags`) read these, not the text by hand.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// A piece of HTML: text (character references decoded), a tag (names lowercased, attribute
/// values decoded) or a comment.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    Start { name: String, attrs: Vec<(String, String)> },
    End(String),
    Comment(String),
}

#[derive(Default)]
struct Sink {
    pieces: RefCell<Vec<Piece>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut pieces = self.pieces.borrow_mut();
        let mut text = |t: &str| match pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(t),
            _ => pieces.push(Piece::Text(t.to_string())),
        };
        match token {
            Token::CharacterTokens(t) => text(&t),
            Token::NullCharacterToken => text("\u{fffd}"),
            Token::CommentToken(c) => pieces.push(Piece::Comment(c.to_string())),
            Token::TagToken(tag) if tag.kind == TagKind::EndTag => pieces.push(Piece::End(tag.name.to_string())),
            Token::TagToken(tag) => {
                let attrs = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                let name = tag.name.to_string();
                // What a browser reads as text up to the end tag (as its tree builder tells the
                // tokenizer), so that `<div>` in a script or a title is not a tag.
                let raw = match name.as_str() {
                    "script" => Some(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
                    "title" | "textarea" => Some(RawKind::Rcdata),
                    _ => None,
                };
                pieces.push(Piece::Start { name, attrs });
                if let Some(kind) = raw.filter(|_| !tag.self_closing) {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::DoctypeToken(_) | Token::EOFToken | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

/// The pieces of `html`, in order.
pub(crate) fn tokens(html: &str) -> Vec<Piece> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.pieces.take()
}

/// Appends `text` escaped as html5ever's serializer (so ammonia) writes it: `&`, `<`, `>` and
/// no-break spaces always, `"` too in an attribute value.
pub(crate) fn push_escaped(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(name: &str, attrs: &[(&str, &str)]) -> Piece {
        Piece::Start { name: name.into(), attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
    }

    #[test]
    fn tags_text_and_comments_as_a_browser_reads_them() {
        let pieces = tokens("<DIV Class=a title='x &amp; \"y\"'>a &lt; b<!-- <div> --></div ><br/>");
        assert_eq!(
            pieces,
            [
                start("div", &[("class", "a"), ("title", "x & \"y\"")]),
                Piece::Text("a < b".into()),
                Piece::Comment(" <div> ".into()),
                Piece::End("div".into()),
                start("br", &[]),
            ]
        );
    }

    #[test]
    fn a_tag_inside_a_script_or_title_is_text() {
        let pieces = tokens("<script>if (a<b) x = '<div>';</script><title><div></title><p>");
        assert_eq!(
            pieces,
            [
                start("script", &[]),
                Piece::Text("if (a<b) x = '<div>';".into()),
                Piece::End("script".into()),
                start("title", &[]),
                Piece::Text("<div>".into()),
                Piece::End("title".into()),
                start("p", &[]),
            ]
        );
    }

    #[test]
    fn escaping_is_the_serializers() {
        let mut out = String::new();
        push_escaped(&mut out, "a & <b> \"c\"\u{a0}", false);
        push_escaped(&mut out, "|\"", true);
        assert_eq!(out, "a &amp; &lt;b&gt; \"c\"&nbsp;|&quot;");
    }
}
