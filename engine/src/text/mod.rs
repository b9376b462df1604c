//! Text assets as agents see them (issue 20, and issue 21's Unity YAML after it):
//! lines and columns over the file's original bytes. A file is UTF-8 (a BOM allowed)
//! without NUL; its BOM and line endings belong to the file, not to the text an
//! agent sends, so an edit changes only the bytes of the spans it names and writes
//! new text with the file's own line ending. One span-edit module for every text
//! format the server edits.

pub mod edit;

pub use edit::{apply_edits, splice, TextEdit};

use sha2::{Digest, Sha256};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a file ends its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n` (also the choice for a file without any line break).
    Lf,
    /// `\r\n`, as Windows editors and Unity on Windows write.
    CrLf,
}

impl LineEnding {
    /// The bytes of the ending.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }

    /// The name answered to clients ("lf", "crlf").
    pub fn name(self) -> &'static str {
        match self {
            LineEnding::Lf => "lf",
            LineEnding::CrLf => "crlf",
        }
    }
}

/// Why bytes are not a text asset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte at this offset (binary).
    Nul(usize),
    /// Invalid UTF-8 at this offset.
    Utf8(usize),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Nul(at) => write!(f, "it holds a NUL byte at offset {at} (a binary file)"),
            NotText::Utf8(at) => write!(f, "it is not UTF-8 (invalid byte at offset {at})"),
        }
    }
}

/// A text file, borrowed from its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text<'a> {
    /// The text after the BOM, if any.
    pub body: &'a str,
    /// True if the file starts with a UTF-8 BOM.
    pub bom: bool,
    /// The file's line ending: that of its first line break.
    pub ending: LineEnding,
}

impl<'a> Text<'a> {
    /// Reads `bytes` as a text file.
    pub fn decode(bytes: &'a [u8]) -> Result<Text<'a>, NotText> {
        let (bom, rest) = match bytes.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, bytes),
        };
        let offset = if bom { BOM.len() } else { 0 };
        // `contains` on bytes is a memchr; the position only when there is one.
        if rest.contains(&0) {
            let at = rest.iter().position(|&b| b == 0).unwrap_or(0);
            return Err(NotText::Nul(offset + at));
        }
        let body = std::str::from_utf8(rest).map_err(|e| NotText::Utf8(offset + e.valid_up_to()))?;
        let ending = match body.find('\n') {
            Some(i) if i > 0 && body.as_bytes()[i - 1] == b'\r' => LineEnding::CrLf,
            _ => LineEnding::Lf,
        };
        Ok(Text { body, bom, ending })
    }

    /// The lines, each without its ending (`\r\n` or `\n`). A final line break ends
    /// the last line; it does not start another.
    pub fn lines(&self) -> impl Iterator<Item = &'a str> {
        let body = self.body;
        let trimmed = body.strip_suffix('\n').unwrap_or(body);
        let empty = body.is_empty();
        trimmed.split('\n').filter(move |_| !empty).map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// How many lines the file has (0 for an empty file).
    pub fn total_lines(&self) -> usize {
        if self.body.is_empty() {
            0
        } else {
            self.body.strip_suffix('\n').unwrap_or(self.body).split('\n').count()
        }
    }

    /// Lines `start_line` (1-based; 0 means 1) through `line_count` more (0: to the
    /// end), with their endings as in the file.
    pub fn slice_lines(&self, start_line: usize, line_count: usize) -> &'a str {
        let start_line = start_line.max(1);
        let body = self.body;
        let line_start = |n: usize| -> usize {
            // Byte offset where line `n` (1-based) starts; past the end: the length.
            if n <= 1 {
                return 0;
            }
            body.match_indices('\n').nth(n - 2).map_or(body.len(), |(i, _)| i + 1)
        };
        let from = line_start(start_line);
        let to = if line_count == 0 { body.len() } else { line_start(start_line.saturating_add(line_count)).max(from) };
        &body[from..to]
    }

    /// `text` with its line breaks made this file's (`\n` becomes `\r\n` in a CRLF
    /// file; a `\r\n` already there stays one).
    pub fn with_file_endings(&self, text: &str) -> String {
        match self.ending {
            LineEnding::Lf => text.to_string(),
            LineEnding::CrLf => {
                let mut out = String::with_capacity(text.len() + text.len() / 16);
                let mut prev = '\0';
                for c in text.chars() {
                    if c == '\n' && prev != '\r' {
                        out.push('\r');
                    }
                    out.push(c);
                    prev = c;
                }
                out
            }
        }
    }
}

/// The SHA-256 of `bytes`, lowercase hex (the precondition of writes and edits).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_lower(&Sha256::digest(bytes))
}

/// `digest` as lowercase hex.
pub fn hex_lower(digest: &[u8]) -> String {
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        out.push(char::from(b"0123456789abcdef"[(b >> 4) as usize]));
        out.push(char::from(b"0123456789abcdef"[(b & 15) as usize]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_crlf_and_refuses_binary() {
        let t = Text::decode(b"\xEF\xBB\xBFusing UnityEngine;\r\nclass A {}\r\n").unwrap();
        assert!(t.bom);
        assert_eq!(t.ending, LineEnding::CrLf);
        assert_eq!(t.lines().collect::<Vec<_>>(), vec!["using UnityEngine;", "class A {}"]);
        assert_eq!(t.total_lines(), 2);
        assert_eq!(Text::decode(b"a\0b"), Err(NotText::Nul(1)));
        assert_eq!(Text::decode(b"ab\xFF"), Err(NotText::Utf8(2)));
        let empty = Text::decode(b"").unwrap();
        assert_eq!((empty.total_lines(), empty.lines().count(), empty.ending), (0, 0, LineEnding::Lf));
        assert_eq!(Text::decode(b"no newline").unwrap().total_lines(), 1);
    }

    #[test]
    fn slices_lines_with_their_endings() {
        let t = Text::decode(b"a\r\nb\r\nc").unwrap();
        assert_eq!(t.slice_lines(0, 0), "a\r\nb\r\nc");
        assert_eq!(t.slice_lines(2, 1), "b\r\n");
        assert_eq!(t.slice_lines(3, 5), "c");
        assert_eq!(t.slice_lines(9, 1), "");
    }

    #[test]
    fn new_text_takes_the_file_s_endings() {
        let crlf = Text::decode(b"x\r\n").unwrap();
        assert_eq!(crlf.with_file_endings("a\nb\r\nc"), "a\r\nb\r\nc");
        let lf = Text::decode(b"x\n").unwrap();
        assert_eq!(lf.with_file_endings("a\nb"), "a\nb");
    }

    #[test]
    fn sha256_is_lowercase_hex_of_the_bytes() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
