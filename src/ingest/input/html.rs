//! HTML opinions (CourtListener's `html_with_citations`, a court's web page)
//! turned into the plain text the extractor reads: block elements end
//! paragraphs with a blank line, `<br>` ends a line, `<pre>` keeps its
//! layout, italics become `*emphasis*` (as in `data/`), footnote numbers in
//! `<sup>` become superscript digits (which the cleaner knows as footnote
//! markers), entities are decoded, and scripts, styles and comments go. It
//! is a tolerant tokenizer, not a validating parser: broken markup still
//! gives text.

/// The text of a page and its `<title>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The text, paragraphs separated by blank lines.
    pub text: String,
    /// The `<title>`, when the page has a non-empty one.
    pub title: Option<String>,
}

/// Elements whose start and end break a paragraph besides the extractor's
/// [`BLOCKS`](crate::cite::html::BLOCKS): a web page's furniture.
const PAGE_BLOCKS: [&str; 4] = ["dl", "footer", "header", "aside"];

/// Elements whose content is not text.
const HIDDEN: [&str; 5] = ["script", "style", "head", "noscript", "template"];

fn superscript(digit: char) -> char {
    match digit {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        other => other,
    }
}

/// Decodes the entities of `text`; unknown ones stay as written.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .filter(|&end| after[end..].starts_with(';') && end > 0);
        match end.and_then(|end| Some((end, crate::cite::html::entity(&after[..end])?))) {
            Some((end, c)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Builds the text, folding whitespace outside `<pre>`.
struct Writer {
    out: String,
    pre: usize,
    hidden: usize,
    sup: usize,
    title: Option<String>,
    in_title: bool,
}

impl Writer {
    fn text(&mut self, raw: &str) {
        if self.in_title {
            let title = self.title.get_or_insert_with(String::new);
            title.push_str(&decode(raw));
            return;
        }
        if self.hidden > 0 {
            return;
        }
        let decoded = decode(raw);
        if self.pre > 0 {
            self.out.push_str(&decoded);
            return;
        }
        let digits_only = decoded.trim().chars().all(|c| c.is_ascii_digit());
        for (i, word) in decoded.split_whitespace().enumerate() {
            let space_before = i > 0 || decoded.starts_with(char::is_whitespace);
            if space_before && !self.out.ends_with([' ', '\n']) && !self.out.is_empty() {
                self.out.push(' ');
            }
            if self.sup > 0 && digits_only {
                self.out.extend(word.chars().map(superscript));
            } else {
                self.out.push_str(word);
            }
        }
        if decoded.ends_with(char::is_whitespace) && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
    }

    /// Ends the current line (`blank`: and leaves a blank line).
    fn newline(&mut self, blank: bool) {
        if self.hidden > 0 || self.in_title {
            return;
        }
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if self.out.is_empty() {
            return;
        }
        let wanted = if blank { "\n\n" } else { "\n" };
        if !self.out.ends_with(wanted) {
            if blank && self.out.ends_with('\n') {
                self.out.push('\n');
            } else {
                self.out.push_str(wanted);
            }
        }
    }

    fn tag(&mut self, name: &str, closing: bool) {
        let depth = |d: &mut usize| {
            if closing {
                *d = d.saturating_sub(1);
            } else {
                *d += 1;
            }
        };
        match name {
            "br" => self.newline(false),
            "pre" => {
                self.newline(true);
                depth(&mut self.pre);
            }
            "title" => self.in_title = !closing,
            "sup" => depth(&mut self.sup),
            "i" | "em" if self.hidden == 0 && !self.in_title => self.out.push('*'),
            "td" | "th" if !closing => self.out.push('\t'),
            name if HIDDEN.contains(&name) => depth(&mut self.hidden),
            name if crate::cite::html::BLOCKS.contains(&name) || PAGE_BLOCKS.contains(&name) => {
                self.newline(true)
            }
            _ => {}
        }
    }
}

/// The element name of a tag's inside (`p class="x"` → `p`), lower-cased.
fn tag_name(inside: &str) -> (String, bool) {
    let closing = inside.starts_with('/');
    let name: String = inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (name.to_ascii_lowercase(), closing)
}

/// Where `</name` starts in `html`, in any letter case.
fn end_tag(html: &str, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    html.match_indices("</").map(|(at, _)| at).find(|&at| {
        bytes
            .get(at + 2..at + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    })
}

/// Whether `text` is HTML rather than plain text; the extractor's test,
/// so ingest and extraction agree on what is markup.
pub fn looks_like_html(text: &str) -> bool {
    crate::cite::html::looks_like_html(text)
}

/// The text and title of an HTML page.
pub fn to_text(html: &str) -> Page {
    let mut w = Writer {
        out: String::with_capacity(html.len() / 2),
        pre: 0,
        hidden: 0,
        sup: 0,
        title: None,
        in_title: false,
    };
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        w.text(&rest[..at]);
        let after = &rest[at..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(end) = after.find('>') else {
            // A lone `<` in text.
            w.text(after);
            rest = "";
            break;
        };
        let inside = &after[1..end];
        rest = &after[end + 1..];
        if inside.starts_with('!') || inside.starts_with('?') {
            continue;
        }
        let (name, closing) = tag_name(inside);
        if name.is_empty() {
            w.text(&after[..end + 1]);
            continue;
        }
        w.tag(&name, closing);
        // Scripts and styles end only at their own end tag.
        if !closing && (name == "script" || name == "style") {
            let skip = end_tag(rest, &name).unwrap_or(rest.len());
            rest = &rest[skip..];
        }
    }
    w.text(rest);
    let mut text = w.out;
    text.truncate(text.trim_end().len());
    if !text.is_empty() {
        text.push('\n');
    }
    let title = w
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    Page { text, title }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_emphasis_footnotes_and_entities_survive() {
        let page = to_text(
            "<html><head><title> Roe v.\n Doe </title><style>p{}</style></head><body>\
             <p>See <i>Strickland v. Washington</i>, 466 U.S. 668,\n 687 (1984).<sup>1</sup></p>\
             <p>Smith &amp; Jones &sect; 2&nbsp;&mdash; &#8220;x&#x201D; &bogus; a</p>\
             <pre>  keep\n   this</pre><script>if (a < b) {}</script>\
             <div>1 This is the footnote.</div></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Roe v. Doe"));
        assert_eq!(
            page.text,
            "See *Strickland v. Washington*, 466 U.S. 668, 687 (1984).¹\n\n\
             Smith & Jones § 2 — “x” &bogus; a\n\n  keep\n   this\n\n\
             1 This is the footnote.\n"
        );
    }

    #[test]
    fn broken_markup_still_gives_text() {
        assert_eq!(to_text("a <p b").text, "a <p b\n");
        assert_eq!(to_text("<!-- never closed").text, "");
        assert_eq!(to_text("x &amp").text, "x &amp\n");
    }
}
