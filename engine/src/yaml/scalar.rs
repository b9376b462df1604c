//! Scalars as written to their values: line folding (a line break between two
//! lines is a space, each blank line a newline), `''` in single quotes, backslash
//! escapes in double quotes.

use super::node::Style;
use std::borrow::Cow;

/// The value of a scalar written as `raw` in `style`.
pub fn decode(raw: &str, style: Style) -> Cow<'_, str> {
    match style {
        Style::Plain => {
            if !raw.contains('\n') {
                return Cow::Borrowed(raw.trim_end_matches('\r'));
            }
            Cow::Owned(fold(raw))
        }
        Style::Single => {
            let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
            if !inner.contains('\n') && !inner.contains('\'') {
                return Cow::Borrowed(inner);
            }
            Cow::Owned(fold(inner).replace("''", "'"))
        }
        Style::Double => Cow::Owned(double(raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""))),
    }
}

/// Line folding of a multi-line scalar's text (no escapes): a break between two
/// lines is a space, each blank line a newline; whitespace around breaks goes, and
/// the last line keeps its trailing whitespace (it sits before the closing quote).
fn fold(s: &str) -> String {
    let segs: Vec<&str> = s.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut out = String::with_capacity(s.len());
    out.push_str(if segs.len() > 1 { segs[0].trim_end_matches([' ', '\t']) } else { segs[0] });
    let mut blanks = 0;
    for (i, seg) in segs.iter().enumerate().skip(1) {
        let last = i + 1 == segs.len();
        let t = if last { seg.trim_start_matches([' ', '\t']) } else { seg.trim_matches([' ', '\t']) };
        if t.is_empty() && !last {
            blanks += 1;
            continue;
        }
        if blanks == 0 {
            out.push(' ');
        } else {
            out.extend(std::iter::repeat_n('\n', blanks));
        }
        blanks = 0;
        out.push_str(t);
    }
    out
}

/// A double-quoted scalar's inside: folding first (an escaped line break joins
/// without a space), then escapes.
fn double(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // Trailing whitespace before a line break is dropped by folding.
    let mut pending_ws = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push_str(&pending_ws);
                pending_ws.clear();
                match chars.next() {
                    Some('\n') | Some('\r') => {
                        // Escaped line break: join, dropping the next line's indentation.
                        if let Some('\n') = chars.peek() {
                            chars.next();
                        }
                        while matches!(chars.peek(), Some(' ') | Some('\t')) {
                            chars.next();
                        }
                    }
                    Some(e) => escape(e, &mut chars, &mut out),
                    None => out.push('\\'),
                }
            }
            ' ' | '\t' => pending_ws.push(c),
            '\r' => {}
            '\n' => {
                pending_ws.clear();
                // Fold: blank lines are newlines, else one space.
                let mut blanks = 0;
                loop {
                    while matches!(chars.peek(), Some(' ') | Some('\t') | Some('\r')) {
                        chars.next();
                    }
                    if let Some('\n') = chars.peek() {
                        chars.next();
                        blanks += 1;
                    } else {
                        break;
                    }
                }
                if blanks == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', blanks));
                }
            }
            _ => {
                out.push_str(&pending_ws);
                pending_ws.clear();
                out.push(c);
            }
        }
    }
    out.push_str(&pending_ws);
    out
}

fn escape(e: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    let hex = |n: usize, chars: &mut std::iter::Peekable<std::str::Chars<'_>>| -> Option<char> {
        let s: String = (0..n).filter_map(|_| chars.next()).collect();
        u32::from_str_radix(&s, 16).ok().and_then(char::from_u32)
    };
    let c = match e {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\x0B'),
        'f' => Some('\x0C'),
        'r' => Some('\r'),
        'e' => Some('\x1B'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{A0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        'x' => hex(2, chars),
        'u' => hex(4, chars),
        'U' => hex(8, chars),
        _ => None,
    };
    match c {
        Some(c) => out.push(c),
        None => {
            out.push('\\');
            out.push(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_editor_s_folded_and_quoted_forms() {
        assert_eq!(decode("'HealthBoost\n\n    (no duration)'", Style::Single), "HealthBoost\n(no duration)");
        assert_eq!(decode("'It''s'", Style::Single), "It's");
        assert_eq!(decode("'move\n\n    '", Style::Single), "move\n");
        assert_eq!(decode("'a\n    b. '", Style::Single), "a b. ");
        assert_eq!(
            decode("\"The provided ShipFactory data\n    (ShipData) such as\n    properties. \\n\\nThis uses\"", Style::Double),
            "The provided ShipFactory data (ShipData) such as properties. \n\nThis uses"
        );
        assert_eq!(decode("\"\\u200B\\\"x\\\\\"", Style::Double), "\u{200B}\"x\\");
        assert_eq!(decode("\"a\n    \\ b\"", Style::Double), "a  b");
        assert_eq!(decode("\"ab\\\n    cd\"", Style::Double), "abcd");
        assert_eq!(decode("TMP SubMeshUI [Anton SDF Material]", Style::Plain), "TMP SubMeshUI [Anton SDF Material]");
        assert_eq!(decode("long words\n    continue", Style::Plain), "long words continue");
    }
}
