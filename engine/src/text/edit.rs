//! Span edits over a text file's original bytes: every edit is checked against the
//! original text first, then all are applied at once (all or nothing). Bytes outside
//! the edited spans are copied as they are; new text takes the file's line ending.

use super::Text;

/// Most edits in one request: each is a binary search and a copy, so this bounds a
/// request's work well below a second.
pub const MAX_EDITS: usize = 10_000;

/// One edit: the span from (`start_line`, `start_column`) up to, not including,
/// (`end_line`, `end_column`) becomes `new_text`. Lines and columns are 1-based;
/// columns count Unicode scalar values within a line, its ending excluded, so a line
/// of n characters has columns 1..=n+1. A start equal to the end inserts. The line
/// after a final line break (or line 1 of an empty file), column 1, is the end of the
/// file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextEdit {
    /// First line of the span.
    pub start_line: u32,
    /// Its first column.
    pub start_column: u32,
    /// Line where the span ends.
    pub end_line: u32,
    /// The column just past the span.
    pub end_column: u32,
    /// What replaces the span.
    pub new_text: String,
}

/// Where each line starts in the body, and where its content ends (before `\r\n`
/// or `\n`).
struct Lines<'a> {
    body: &'a str,
    spans: Vec<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn of(body: &'a str) -> Lines<'a> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, _) in body.match_indices('\n') {
            let end = if i > start && body.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            spans.push((start, end));
            start = i + 1;
        }
        if start < body.len() {
            spans.push((start, body.len()));
        }
        Lines { body, spans }
    }

    /// The byte offset of (`line`, `column`), or why there is none.
    fn offset(&self, what: &str, line: u32, column: u32) -> Result<usize, String> {
        if line == 0 || column == 0 {
            return Err(format!("{what}: lines and columns start at 1 (got line {line}, column {column})"));
        }
        let (l, c) = (line as usize, column as usize);
        if l == self.spans.len() + 1 {
            // The end of the file, after a final line break (or in an empty file).
            if c == 1 && (self.body.is_empty() || self.body.ends_with('\n')) {
                return Ok(self.body.len());
            }
            return Err(format!("{what}: line {line} is past the end of the file ({} lines)", self.spans.len()));
        }
        let Some(&(start, end)) = self.spans.get(l - 1) else {
            return Err(format!("{what}: line {line} is past the end of the file ({} lines)", self.spans.len()));
        };
        let content = &self.body[start..end];
        if c == 1 {
            return Ok(start);
        }
        match content.char_indices().nth(c - 1) {
            Some((i, _)) => Ok(start + i),
            None if content.chars().count() + 1 == c => Ok(end),
            None => Err(format!("{what}: column {column} is past the end of line {line} ({} characters)", content.chars().count())),
        }
    }
}

/// The file's bytes after `edits`, or why no edit is made (code 3: a position
/// outside the file, an end before its start, edits that overlap).
pub fn apply_edits(bytes: &[u8], edits: &[TextEdit]) -> Result<Vec<u8>, String> {
    let text = Text::decode(bytes).map_err(|e| format!("not a text file: {e}"))?;
    if edits.len() > MAX_EDITS {
        return Err(format!("edits: {} edits; at most {MAX_EDITS} in one request", edits.len()));
    }
    let lines = Lines::of(text.body);
    // (start, end, request index): every edit is checked before anything is applied.
    let mut spans = Vec::with_capacity(edits.len());
    for (i, e) in edits.iter().enumerate() {
        let start = lines.offset(&format!("edits[{i}] start"), e.start_line, e.start_column)?;
        let end = lines.offset(&format!("edits[{i}] end"), e.end_line, e.end_column)?;
        if end < start {
            return Err(format!("edits[{i}]: its end (line {}, column {}) is before its start", e.end_line, e.end_column));
        }
        spans.push((start, end, i));
    }
    // Stable: edits at one position apply in request order.
    spans.sort_by_key(|&(start, end, i)| (start, end, i));
    for w in spans.windows(2) {
        let ((_, a_end, a), (b_start, _, b)) = (w[0], w[1]);
        if a_end > b_start {
            return Err(format!("edits[{a}] and edits[{b}] overlap; edits apply to the original text and may not overlap"));
        }
    }
    let byte_spans: Vec<(usize, usize, &str)> = spans.iter().map(|&(start, end, i)| (start, end, edits[i].new_text.as_str())).collect();
    splice(&text, &byte_spans)
}

/// The file with byte spans of its body (offsets after the BOM; sorted, not
/// overlapping) replaced; new text takes the file's line endings. Every edit the
/// server makes to a text file ends here: line/column edits and Unity YAML values.
pub fn splice(text: &Text<'_>, spans: &[(usize, usize, &str)]) -> Result<Vec<u8>, String> {
    let body = text.body;
    let mut at = 0;
    for &(start, end, _) in spans {
        if start < at || end < start || end > body.len() || !body.is_char_boundary(start) || !body.is_char_boundary(end) {
            return Err(format!("span {start}..{end} is out of order or outside the text"));
        }
        at = end;
    }
    let mut out = Vec::with_capacity(body.len() + 3 + spans.iter().map(|s| s.2.len()).sum::<usize>());
    if text.bom {
        out.extend_from_slice(super::BOM);
    }
    let mut at = 0;
    for &(start, end, new_text) in spans {
        out.extend_from_slice(&body.as_bytes()[at..start]);
        out.extend_from_slice(text.with_file_endings(new_text).as_bytes());
        at = end;
    }
    out.extend_from_slice(&body.as_bytes()[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edit(sl: u32, sc: u32, el: u32, ec: u32, t: &str) -> TextEdit {
        TextEdit { start_line: sl, start_column: sc, end_line: el, end_column: ec, new_text: t.into() }
    }

    #[test]
    fn edits_change_only_their_spans_and_keep_bom_and_crlf() {
        let file = "\u{feff}using UnityEngine;\r\npublic class Hero : MonoBehaviour\r\n{\r\n}\r\n".as_bytes();
        let out = apply_edits(file, &[edit(2, 14, 2, 18, "Villain"), edit(3, 2, 3, 2, "\n    int hp;")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}using UnityEngine;\r\npublic class Villain : MonoBehaviour\r\n{\r\n    int hp;\r\n}\r\n"
        );
    }

    #[test]
    fn columns_count_characters_and_the_end_of_file_is_addressable() {
        let out = apply_edits("é✓x\n".as_bytes(), &[edit(1, 3, 1, 4, "y"), edit(2, 1, 2, 1, "tail\n")]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "é✓y\ntail\n");
        assert_eq!(apply_edits(b"", &[edit(1, 1, 1, 1, "new")]).unwrap(), b"new");
        assert_eq!(apply_edits(b"ab", &[edit(1, 3, 1, 3, "c")]).unwrap(), b"abc");
    }

    #[test]
    fn bad_edits_change_nothing_and_say_why() {
        let file = b"one\ntwo\n";
        for (e, why) in [
            (vec![edit(0, 1, 1, 1, "")], "start at 1"),
            (vec![edit(1, 5, 1, 5, "")], "past the end of line 1"),
            (vec![edit(4, 1, 4, 1, "")], "past the end of the file"),
            (vec![edit(2, 2, 1, 1, "")], "before its start"),
            (vec![edit(1, 1, 2, 2, "a"), edit(2, 1, 2, 3, "b")], "overlap"),
        ] {
            let err = apply_edits(file, &e).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
        assert!(apply_edits(b"\0", &[]).unwrap_err().contains("NUL"));
    }

    /// The edit as a character-level model would apply it: lines of characters.
    fn model(text: &str, e: &TextEdit) -> Option<String> {
        let lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
        let pos = |l: u32, c: u32| -> Option<usize> {
            let (l, c) = (l as usize, c as usize);
            let line = lines.get(l.checked_sub(1)?)?;
            if c == 0 || c > line.len() + 1 {
                return None;
            }
            Some(lines[..l - 1].iter().map(|x| x.len() + 1).sum::<usize>() + c - 1)
        };
        let chars: Vec<char> = text.chars().collect();
        let (s, t) = (pos(e.start_line, e.start_column)?, pos(e.end_line, e.end_column)?);
        if t < s {
            return None;
        }
        Some(chars[..s].iter().chain(e.new_text.chars().collect::<Vec<_>>().iter()).chain(chars[t..].iter()).collect())
    }

    proptest! {
        #[test]
        fn never_panics_and_is_all_or_nothing(text in "[a-zé\\n\\r]{0,40}", edits in proptest::collection::vec((0u32..6, 0u32..8, 0u32..6, 0u32..8, "[xy\\n]{0,3}"), 0..4)) {
            let edits: Vec<TextEdit> = edits.into_iter().map(|(a, b, c, d, t)| edit(a, b, c, d, &t)).collect();
            // No panic, whatever the positions; a success is still UTF-8 text.
            if let Ok(out) = apply_edits(text.as_bytes(), &edits) {
                prop_assert!(std::str::from_utf8(&out).is_ok());
            }
        }

        #[test]
        fn one_edit_on_an_lf_file_matches_the_character_model(text in "[a-zé✓\\n]{0,40}", e in (1u32..6, 1u32..8, 1u32..6, 1u32..8, "[xy\\n]{0,3}")) {
            let e = edit(e.0, e.1, e.2, e.3, &e.4);
            let got = apply_edits(text.as_bytes(), std::slice::from_ref(&e)).ok().map(|b| String::from_utf8(b).unwrap_or_default());
            // The model addresses "the line after a final break" like any line; so
            // does apply_edits (as the end of the file): they agree everywhere.
            prop_assert_eq!(got, model(&text, &e));
        }

        #[test]
        fn a_crlf_file_stays_crlf(lines in proptest::collection::vec("[a-z]{0,6}", 1..6), new in "[a-z\\n]{0,6}") {
            let file = format!("{}\r\n", lines.join("\r\n"));
            let out = apply_edits(file.as_bytes(), &[edit(1, 1, 1, 1, &new)]).unwrap();
            let out = String::from_utf8(out).unwrap();
            prop_assert!(!out.replace("\r\n", "").contains('\n'), "a bare LF in {:?}", out);
            prop_assert_eq!(out, format!("{}{}", new.replace('\n', "\r\n"), file));
        }
    }
}
