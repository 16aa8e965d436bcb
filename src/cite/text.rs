//! The searchable text of a block, with a map back to the original.
//!
//! A block's pieces (several when a page break split a paragraph) are joined
//! by one space, whitespace runs become one space and footnote markers
//! (superscript digits) are dropped, so the finder sees `documents. (R. 157`
//! where the file has `documents.¹ (R. 157` and `Educ.*,\n\nNo. 20` as
//! `Educ.*, No. 20`. Markdown `*` is kept: it delimits case names.
//!
//! Offsets map back through a short list of segments, one per place where
//! the text and the original stop running in step.

use super::Span;

/// A block's text as the finder sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockText {
    /// The normalized text.
    pub text: String,
    /// `(text offset, original offset)` where each in-step run begins.
    segments: Vec<(usize, usize)>,
}

/// The length of star pagination (`[*1405]`, `[**12]`) at the start of
/// `bytes`: a printed page boundary, not text.
fn star_page(bytes: &[u8]) -> Option<usize> {
    let stars = bytes.get(1..)?.iter().take_while(|&&b| b == b'*').count();
    let digits = bytes
        .get(1 + stars..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let close = 1 + stars + digits;
    (stars > 0 && digits > 0 && bytes.get(close) == Some(&b']')).then_some(close + 1)
}

/// Of eight bytes read little-endian into `word`, the ones that may
/// interrupt a run of copied text: non-ASCII, control characters and
/// whitespace other than a space, `[`, and a space right after a space
/// (a space after the previous eight bytes' last one is for the caller to
/// check). 0x80 marks them; the lowest mark is exact, the ones above it
/// may be wrong. 0 when all eight can be copied as they are.
fn stops(word: u64) -> u64 {
    const HIGH: u64 = ONES * 0x80;
    // Subtracting 0x20 from each 7-bit byte sets its high bit when it is
    // below 0x20; the borrow may mark bytes above it, never below.
    let control = (word & (ONES * 0x7f)).wrapping_sub(ONES * 0x20) & HIGH;
    let spaces = bytes_equal(word, b' ');
    (word & HIGH) | control | bytes_equal(word, b'[') | (spaces & (spaces << 8))
}

/// The offset of the first byte of `bytes` that `pick` accepts. `marks`
/// says the same of eight bytes at once (read little-endian into a word):
/// 0x80 in the bytes `pick` accepts, 0 elsewhere. The finder's scans over
/// whole paragraphs go a word at a time this way.
pub(crate) fn find_byte(
    bytes: &[u8],
    marks: impl Fn(u64) -> u64,
    pick: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        let hits = marks(word);
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    let k = bytes.get(i..)?.iter().position(|&b| pick(b))?;
    Some(i + k)
}

/// The lines of `text`, each with its `\n` (as `split_inclusive('\n')`),
/// found a word at a time: the layout reader splits every opinion into
/// lines, which are short for the library's `memchr`.
pub(crate) fn lines_with_ends(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let newline = find_byte(rest.as_bytes(), |w| bytes_equal(w, b'\n'), |b| b == b'\n');
        let (line, after) = rest.split_at(newline.map_or(rest.len(), |k| k + 1));
        rest = after;
        Some(line)
    })
}

/// For eight bytes read little-endian into `word`: 0x80 in the ASCII
/// digits, 0 in the others (exact, as [`bytes_equal`]).
pub(crate) fn ascii_digits(word: u64) -> u64 {
    const LOW7: u64 = ONES * 0x7f;
    let x = word & LOW7;
    // Above '/' and below ':', and ASCII.
    let above = x + ONES * (0x7f - u64::from(b'/'));
    let below = ONES * (0x7f + u64::from(b':')) - x;
    above & below & !word & (ONES * 0x80)
}

/// One in each byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// For eight bytes read little-endian into `word`: 0x80 in the bytes equal
/// to `byte`, 0 in the others (no carry crosses bytes, so it is exact).
pub(crate) fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = ONES * 0x7f;
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Whether `c` is a superscript digit, the way the opinions mark footnotes.
pub fn is_superscript_digit(c: char) -> bool {
    superscript_value(c).is_some()
}

/// The value of a superscript digit.
pub fn superscript_value(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

impl BlockText {
    /// Builds the text of the `pieces` of `original`.
    pub fn new(original: &str, pieces: &[Span]) -> BlockText {
        let mut out = BlockText {
            text: String::new(),
            segments: Vec::new(),
        };
        out.fill(original, pieces);
        out
    }

    /// Rebuilds this text from the `pieces` of `original`, reusing its
    /// buffers (the finder keeps one for a whole opinion).
    pub fn fill(&mut self, original: &str, pieces: &[Span]) {
        self.text.clear();
        self.segments.clear();
        for (i, piece) in pieces.iter().enumerate() {
            let Some(slice) = original.get(piece.start..piece.end) else {
                continue;
            };
            if i > 0 {
                self.join(slice, piece.start);
            }
            self.push_piece(slice, piece.start);
        }
    }

    /// Joins the next piece (a printed line) to the text: with a space, or
    /// without one after a line-end hyphen. `Thomp-` + `son` loses the
    /// hyphen; `1021-` + `22` and `Salazar-` + `Limon` keep it.
    fn join(&mut self, next: &str, at: usize) {
        let mut tail = self.text.chars().rev();
        let (last, before) = (tail.next(), tail.next());
        let hyphen = matches!(last, Some('-' | '‐'))
            && before.is_some_and(char::is_alphanumeric)
            && next.starts_with(char::is_alphanumeric);
        if hyphen {
            let word =
                before.is_some_and(char::is_lowercase) && next.starts_with(char::is_lowercase);
            if word {
                self.text.pop();
            }
        } else if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push_str(" ", at);
        }
    }

    /// Copies `slice` (at original offset `base`), in runs: only what
    /// changes (whitespace other than a lone space, footnote markers, star
    /// pagination `[*1405]`) interrupts a run. Plain ASCII is skipped over
    /// without decoding, eight bytes at a time where it can be.
    fn push_piece(&mut self, slice: &str, base: usize) {
        let bytes = slice.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Every byte of every paragraph passes here.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
                let after_space = chunk[0] == b' '
                    && if i > run {
                        bytes[i - 1] == b' '
                    } else {
                        self.text.ends_with(' ')
                    };
                if after_space {
                    break;
                }
                let stop = stops(word);
                if stop != 0 {
                    // The bytes before the first stop copy as they are.
                    i += stop.trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let plain = b > b' ' && b < 0x80 && b != b'[';
            let lone_space = b == b' '
                && if i > run {
                    bytes[i - 1] != b' '
                } else {
                    !self.text.ends_with(' ')
                };
            if plain || lone_space {
                i += 1;
                continue;
            }
            let (skip, space) = match b {
                b'[' => match star_page(&bytes[i..]) {
                    Some(len) => (len, false),
                    None => {
                        i += 1;
                        continue;
                    }
                },
                _ if b < 0x80 => (1, b.is_ascii_whitespace() || b.is_ascii_control()),
                _ => {
                    let c = slice[i..].chars().next().unwrap_or(' ');
                    let drop = is_superscript_digit(c) || c == '\u{200b}' || c == '\u{feff}';
                    if !(drop || c.is_whitespace()) {
                        i += c.len_utf8();
                        continue;
                    }
                    (c.len_utf8(), c.is_whitespace())
                }
            };
            self.push_str(&slice[run..i], base + run);
            if space && !self.text.ends_with(' ') && !self.text.is_empty() {
                self.push_str(" ", base + i);
            }
            i += skip;
            run = i;
        }
        self.push_str(&slice[run..], base + run);
    }

    /// Appends `piece`, which stands for the original text at `at`.
    fn push_str(&mut self, piece: &str, at: usize) {
        if piece.is_empty() {
            return;
        }
        let here = self.text.len();
        let in_step = self
            .segments
            .last()
            .is_some_and(|&(t, o)| at >= o && at - o == here - t);
        if !in_step {
            self.segments.push((here, at));
        }
        self.text.push_str(piece);
    }

    /// The original offset of text offset `pos` (of a character start).
    pub fn original(&self, pos: usize) -> usize {
        let i = self.segments.partition_point(|&(t, _)| t <= pos);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(t, o)) => o + (pos - t),
            None => pos,
        }
    }

    /// The original span of text range `start..end` (a non-empty range that
    /// ends after a character copied from the original).
    pub fn original_span(&self, start: usize, end: usize, original: &str) -> Span {
        let s = self.original(start);
        let last = self.text[..end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let mut e = self.original(end.saturating_sub(last)) + last;
        e = e.clamp(s, original.len());
        while !original.is_char_boundary(e) {
            e += 1;
        }
        Span { start: s, end: e }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn joins_pieces_and_squeezes_whitespace() {
        let original = "Horton v. Chi.*,\n\n¹ note\n\nNo. 20  CV 418";
        let a = original.find("Horton").unwrap_or(0);
        let a_end = original.find('\n').unwrap_or(0);
        let b = original.find("No.").unwrap_or(0);
        let t = BlockText::new(original, &[span(a, a_end), span(b, original.len())]);
        assert_eq!(t.text, "Horton v. Chi.*, No. 20 CV 418");
        let at = t.text.find("CV").unwrap_or(0);
        assert_eq!(&original[t.original(at)..t.original(at) + 2], "CV");
        let whole = t.original_span(0, t.text.len(), original);
        assert_eq!(&original[whole.start..whole.end], original);
    }

    #[test]
    fn drops_footnote_markers() {
        let original = "documents.¹ (R. 157, Pl.’s Mot. at 6.)";
        let t = BlockText::new(original, &[span(0, original.len())]);
        assert_eq!(t.text, "documents. (R. 157, Pl.’s Mot. at 6.)");
        let r = t.text.find("R. 157").unwrap_or(0);
        let s = t.original_span(r, r + 6, original);
        assert_eq!(&original[s.start..s.end], "R. 157");
        let m = t.text.find("Mot.").unwrap_or(0);
        let s = t.original_span(r, m + 4, original);
        assert_eq!(&original[s.start..s.end], "R. 157, Pl.’s Mot.");
    }

    #[test]
    fn runs_stop_where_the_text_changes() {
        let first_stop = |s: &str| {
            let stop = stops(u64::from_le_bytes(
                s.as_bytes().try_into().unwrap_or([0; 8]),
            ));
            (stop != 0).then(|| stop.trailing_zeros() / 8)
        };
        let quiet_str = |s: &str| first_stop(s).is_none();
        assert!(quiet_str("F.3d 955"));
        assert!(quiet_str(" a b c d"));
        assert!(quiet_str("id.~\x7f(*)"));
        for interrupted in [
            "F.3d  95",
            "x      y",
            "a[*12]bc",
            "ab\ncdefg",
            "tab\there",
            "\0abcdefg",
            "\u{1f}abcdefg",
        ] {
            assert!(!quiet_str(interrupted), "{interrupted:?}");
        }
        assert!(!quiet_str("caf\u{e9} ab"));
        assert_eq!(first_stop("F.3d  95"), Some(5));
        assert_eq!(first_stop("ab\ncd  e"), Some(2));
        assert_eq!(first_stop("\u{1f}\u{1f}abcdef"), Some(0));
        assert_eq!(first_stop("abc\u{2019}de"), Some(3));
        assert_eq!(first_stop("abcdefg["), Some(7));
    }

    #[test]
    fn lines_keep_their_ends() {
        for text in [
            "",
            "a",
            "a\n",
            "one\n\ntwo lines of text\r\n\x0c",
            "\n\n",
            "é\nü",
        ] {
            let lines: Vec<&str> = lines_with_ends(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines, std, "{text:?}");
        }
    }

    #[test]
    fn bytes_are_found_a_word_at_a_time() {
        let digits = |s: &str| find_byte(s.as_bytes(), ascii_digits, |b| b.is_ascii_digit());
        assert_eq!(digits("abcdefghij/:9"), Some(12));
        assert_eq!(digits("abcdefgh/:ijk"), None);
        assert_eq!(digits("é, 618 F.3d"), Some(4));
        assert_eq!(digits("\u{b9}\u{b2}\u{2079} 0"), Some(8));
        let dots = |s: &str| find_byte(s.as_bytes(), |w| bytes_equal(w, b'.'), |b| b == b'.');
        assert_eq!(dots("Roe v. Wade"), Some(5));
        assert_eq!(dots("no end here"), None);
    }

    #[test]
    fn superscripts_have_values() {
        let digits: Vec<Option<u32>> = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().map(superscript_value).collect();
        assert_eq!(digits, (0..10).map(Some).collect::<Vec<_>>());
        assert_eq!(superscript_value('5'), None);
    }
}
