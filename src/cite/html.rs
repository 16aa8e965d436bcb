//! HTML input, as CourtListener serves opinions: the markup becomes plain
//! text the rest of the extractor reads, with a map that takes every plain
//! offset back into the HTML, so citation spans index the original markup.
//!
//! * Tags are dropped. Block elements (`<p>`, `<div>`, `<br>`, headings,
//!   list items, table rows, `<blockquote>`) end a paragraph; `<pre>` and
//!   the `<span>`s CourtListener wraps around citations are inline.
//! * `<i>` and `<em>` become `*`, the emphasis mark case names are read by,
//!   so `<i>Roe</i>, 410 U.S. 113` reads like `*Roe*, 410 U.S. 113`.
//! * `<script>`, `<style>`, star pagination (`class="star-pagination"`),
//!   `<page-number>` and footnote marks (`<sup>3</sup>`) are left out.
//! * Character references (`&amp;`, `&sect;`, `&#167;`, `&#xA7;`) are decoded.
//!
//! It never fails: a stray `<` or `&` that starts no tag or reference is text.

/// HTML turned into text, with the map back.
#[derive(Debug, Clone)]
pub(crate) struct Plain {
    /// The text.
    pub text: String,
    /// Runs in text order: `(plain start, html start, plain len, html len)`.
    /// A run of equal lengths was copied; any other replaced markup.
    runs: Vec<(usize, usize, usize, usize)>,
}

/// Whether `text` is HTML (or XML) markup rather than plain text: it opens
/// with a tag.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut chars = t.chars();
    chars.next() == Some('<')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '!' || c == '?')
        && t.contains('>')
}

/// Block elements: each ends a paragraph (ingest's HTML reader uses the
/// same list).
pub(crate) const BLOCKS: [&str; 20] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "section",
    "article",
    "center",
    "dd",
    "dt",
];

/// Elements whose content is not text.
const HIDDEN: [&str; 4] = ["script", "style", "head", "page-number"];

/// Converts `html` to text.
pub(crate) fn to_plain(html: &str) -> Plain {
    let mut out = Plain {
        text: String::with_capacity(html.len()),
        runs: Vec::new(),
    };
    let bytes = html.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'<' && b != b'&' {
            i += 1;
            continue;
        }
        let replaced = if b == b'<' {
            tag(html, i)
        } else {
            reference(html, i).map(|(len, s)| (len, s.to_string()))
        };
        let Some((len, with)) = replaced else {
            i += 1;
            continue;
        };
        out.copy(html, run, i);
        out.replace(i, len, &with);
        i += len;
        run = i;
    }
    out.copy(html, run, html.len());
    out
}

/// The markup at `i` (a tag, comment or hidden element) and what stands for
/// it in the text.
fn tag(html: &str, i: usize) -> Option<(usize, String)> {
    let rest = &html[i..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(rest.len(), |e| 4 + e + 3);
        return Some((end, String::new()));
    }
    let close = rest.find('>')?;
    let inner = &rest[1..close];
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches(['/', '!', '?'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() && !inner.starts_with(['!', '?']) {
        return None;
    }
    let mut len = close + 1;
    let skip_to = |end_tag: &str| {
        rest[len..]
            .to_ascii_lowercase()
            .find(end_tag)
            .map_or(rest.len(), |e| len + e + end_tag.len())
    };
    let hidden = HIDDEN.contains(&name.as_str()) || inner.contains("star-pagination");
    if !closing && hidden {
        let end_tag = if HIDDEN.contains(&name.as_str()) {
            format!("</{name}>")
        } else {
            format!("</{name}")
        };
        len = skip_to(&end_tag);
        if !HIDDEN.contains(&name.as_str()) {
            len = rest[len..].find('>').map_or(rest.len(), |e| len + e + 1);
        }
        return Some((len, String::new()));
    }
    if !closing && name == "sup" {
        // A footnote mark: `<sup>3</sup>`, `<sup><a href="#fn3">3</a></sup>`.
        let end = skip_to("</sup>");
        let content = strip_tags(&rest[len..end.saturating_sub(6).max(len)]);
        if content.trim().chars().count() <= 4 {
            return Some((end, String::new()));
        }
    }
    let with = match name.as_str() {
        "i" | "em" => "*",
        "br" => "\n",
        n if BLOCKS.contains(&n) || n == "body" => "\n\n",
        _ => "",
    };
    Some((len, with.to_string()))
}

/// `text` without its tags (for a short look inside an element).
fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The character an entity (without `&` and `;`) stands for: a numeric
/// one (`#167`, `#xA7`) or a named one (`sect`).
pub(crate) fn entity(name: &str) -> Option<char> {
    match name.strip_prefix('#') {
        Some(num) => char::from_u32(match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        }),
        None => named(name),
    }
}

/// The character reference at `i` and what it stands for.
fn reference(html: &str, i: usize) -> Option<(usize, char)> {
    let rest = &html[i + 1..];
    let end = rest.bytes().take(12).position(|b| b == b';')?;
    let name = &rest[..end];
    // A no-break space is a space to the finder.
    let c = entity(name).map(|c| if c == '\u{a0}' { ' ' } else { c })?;
    Some((end + 2, c))
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "sect" => '§',
        "para" => '¶',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        "shy" => '\u{ad}',
        "eacute" => 'é',
        "aacute" => 'á',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "reg" => '®',
        "deg" => '°',
        "frac12" => '½',
        "uuml" => 'ü',
        "ccedil" => 'ç',
        _ => return None,
    })
}

impl Plain {
    fn copy(&mut self, html: &str, from: usize, to: usize) {
        if from < to {
            self.runs
                .push((self.text.len(), from, to - from, to - from));
            self.text.push_str(&html[from..to]);
        }
    }

    fn replace(&mut self, at: usize, len: usize, with: &str) {
        self.runs.push((self.text.len(), at, with.len(), len));
        self.text.push_str(with);
    }

    /// The run holding plain offset `p` (the last run starting at or before it).
    fn run(&self, p: usize) -> Option<&(usize, usize, usize, usize)> {
        let i = self.runs.partition_point(|r| r.0 <= p);
        self.runs.get(i.checked_sub(1)?)
    }

    /// The HTML span of the plain span `span`: from the markup that made its
    /// first character to the end of the markup that made its last.
    pub fn span(&self, span: super::Span, html: &str) -> super::Span {
        let start = match self.run(span.start) {
            Some(&(p, h, pl, hl)) if pl == hl => h + (span.start - p).min(hl),
            Some(&(_, h, _, _)) => h,
            None => 0,
        };
        let end = if span.end <= span.start {
            start
        } else {
            match self.run(span.end - 1) {
                Some(&(p, h, pl, hl)) if pl == hl => h + (span.end - p).min(hl),
                Some(&(_, h, _, hl)) => h + hl,
                None => start,
            }
        };
        let mut end = end.clamp(start, html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        super::Span { start, end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::Span;

    #[test]
    fn tags_entities_and_spans() {
        let html = "<p>See <i>Roe v. Wade</i>, 410 U.S. 113 &amp; 42 U.S.C. &sect;&#160;1983.</p><p>Next</p>";
        let plain = to_plain(html);
        assert_eq!(
            plain.text,
            "\n\nSee *Roe v. Wade*, 410 U.S. 113 & 42 U.S.C. § 1983.\n\n\n\nNext\n\n"
        );
        let at = plain.text.find("410").unwrap_or(0);
        let s = plain.span(
            Span {
                start: at,
                end: at + 12,
            },
            html,
        );
        assert_eq!(&html[s.start..s.end], "410 U.S. 113");
        let sect = plain.text.find('§').unwrap_or(0);
        let s = plain.span(
            Span {
                start: sect,
                end: sect + '§'.len_utf8(),
            },
            html,
        );
        assert_eq!(&html[s.start..s.end], "&sect;");
        let star = plain.text.find('*').unwrap_or(0);
        let s = plain.span(
            Span {
                start: star,
                end: star + 1,
            },
            html,
        );
        assert_eq!(&html[s.start..s.end], "<i>");
    }

    #[test]
    fn hidden_markup_is_left_out() {
        let html = "<div>a<script>x < y</script> b<span class=\"star-pagination\">*1209</span> c<sup>3</sup> d<!-- note --> e</div>";
        assert_eq!(to_plain(html).text, "\n\na b c d e\n\n");
        assert_eq!(to_plain("a < b && c;").text, "a < b && c;");
        assert!(looks_like_html("  <html><p>x</p>"));
        assert!(!looks_like_html("Roe v. Wade <i>"));
    }
}
