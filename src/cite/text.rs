//! The searchable text of a block, with a map back to the original.
//!
//! A block's pieces (several when a page break split a paragraph) are joined
//! by one space, whitespace runs become one space and footnote markers
//! (superscript digits) are dropped, so the finder sees `documents. (R. 157`
//! where the file has `documents.¹ (R. 157` and `Educ.*,\n\nNo. 19` as
//! `Educ.*, No. 19`. Markdown `*` is kept: it delimits case names.
//!
//! Offsets map back through a short list of segments, one per place where
//! the text and the original stop running in step.

use super::Span;

/// A block's text as the finder sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockText {
    /// The normalized text.
    pub text: String,
    /// `(text offset, original offset)` where each in-step run begins.
    segments: Vec<(usize, usize)>,
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
        for (i, piece) in pieces.iter().enumerate() {
            let Some(slice) = original.get(piece.start..piece.end) else {
                continue;
            };
            if i > 0 && !out.text.ends_with(' ') {
                out.push_str(" ", piece.start);
            }
            out.push_piece(slice, piece.start);
        }
        out
    }

    /// Copies `slice` (at original offset `base`), in runs: only characters
    /// that change (whitespace other than a lone space, footnote markers)
    /// interrupt a run.
    fn push_piece(&mut self, slice: &str, base: usize) {
        let mut run = 0;
        for (offset, c) in slice.char_indices() {
            let lone_space = c == ' ' && !self.ends_with_space(slice, run, offset);
            if lone_space || !(c.is_whitespace() || is_superscript_digit(c)) {
                continue;
            }
            self.push_str(&slice[run..offset], base + run);
            if c.is_whitespace() && !self.text.ends_with(' ') {
                self.push_str(" ", base + offset);
            }
            run = offset + c.len_utf8();
        }
        self.push_str(&slice[run..], base + run);
    }

    /// Whether the text would end with a space just before `offset` of
    /// `slice`, given that `slice[run..offset]` is still to be copied.
    fn ends_with_space(&self, slice: &str, run: usize, offset: usize) -> bool {
        if run < offset {
            slice[..offset].ends_with(' ')
        } else {
            self.text.ends_with(' ')
        }
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
        let original = "Gaines v. Chi.*,\n\n¹ note\n\nNo. 19  CV 775";
        let a = original.find("Gaines").unwrap_or(0);
        let b = original.find("No.").unwrap_or(0);
        let t = BlockText::new(original, &[span(a, a + 16), span(b, original.len())]);
        assert_eq!(t.text, "Gaines v. Chi.*, No. 19 CV 775");
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
    fn superscripts_have_values() {
        let digits: Vec<Option<u32>> = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().map(superscript_value).collect();
        assert_eq!(digits, (0..10).map(Some).collect::<Vec<_>>());
        assert_eq!(superscript_value('5'), None);
    }
}
