//! Values written the way the Unity Editor writes them, learned from the files it
//! wrote (the corpora in `testdata/`):
//!
//! - floats: the shortest digits that read back as the same 32-bit float; plain
//!   between 1e-9 and 1e10 (`0.16666667`, `-0.000000013038516`), else exponent form
//!   with a signed exponent (`2.3283063e-10`, `1.5e+11`); whole values without a
//!   point (`1`, `-0`);
//! - strings: libyaml's emitter (Unity's), ASCII only: plain when nothing in the text
//!   needs quotes, else single-quoted, else double-quoted with escapes (`\u00E9`);
//!   long values fold at the first space past column 80, continuing at the key's
//!   indentation + 2.

/// The Editor's text for a 32-bit float.
pub fn float(v: f32) -> String {
    if v.is_nan() || v.is_infinite() || v == 0.0 {
        return special(f64::from(v));
    }
    // `{:e}` gives the shortest digits that read back as the same f32.
    from_scientific(&format!("{v:e}"))
}

/// The Editor's text for a 64-bit float (fields that are doubles, and values
/// older Editors wrote with more digits than an f32 needs): the same layout.
pub fn double(v: f64) -> String {
    if v.is_nan() || v.is_infinite() || v == 0.0 {
        return special(v);
    }
    from_scientific(&format!("{v:e}"))
}

/// The text for a number a client sent: integers as they are; otherwise the f32
/// text when it reads back as the very same number (every float a recent Editor
/// wrote), else the f64 text.
pub fn number(v: &serde_json::Number) -> String {
    if v.is_i64() || v.is_u64() {
        return v.to_string();
    }
    let f = v.as_f64().unwrap_or(0.0);
    let short = float(f as f32);
    if short.parse::<f64>().ok() == Some(f) {
        short
    } else {
        double(f)
    }
}

fn special(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity".into() } else { "-Infinity".into() }
    } else if v.is_sign_negative() {
        "-0".into()
    } else {
        "0".into()
    }
}

/// "2.3283063e-10" / "1.5e11" (Rust's shortest form) laid out as the Editor does.
fn from_scientific(sci: &str) -> String {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if !(-9..=10).contains(&exp) {
        let exp_sign = if exp < 0 { '-' } else { '+' };
        let m = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits };
        return format!("{sign}{m}e{exp_sign}{}", exp.abs());
    }
    // Plain: the point goes `exp` digits after the first.
    let point = exp + 1;
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..point as usize], &digits[point as usize..])
    }
}

/// A reference `{fileID: N[, guid: G, type: T]}` at `place`. Editors before 2020
/// wrapped a flow mapping before a key once past column 80; later ones write it on
/// one line: `place.wrap_flow` says which the file does.
pub fn reference(file_id: i64, guid_and_type: Option<(&str, i32)>, place: Place) -> String {
    let mut items = vec![format!("fileID: {file_id}")];
    if let Some((g, t)) = guid_and_type {
        items.push(format!("guid: {g}"));
        items.push(format!("type: {t}"));
    }
    let mut out = String::from("{");
    let mut column = place.column + 1;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
            column += 1;
            if place.wrap_flow && column > BEST_WIDTH {
                out.push('\n');
                out.push_str(&" ".repeat(place.indent));
                column = place.indent;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(item);
        column += item.len();
    }
    out.push('}');
    out
}

/// The fold width of Unity's emitter (libyaml's `best_width`).
const BEST_WIDTH: usize = 80;

/// What in a string rules out a style (libyaml's `yaml_emitter_analyze_scalar`).
struct Analysis {
    flow_plain: bool,
    block_plain: bool,
    single: bool,
}

fn printable(c: char) -> bool {
    // Unity's emitter writes ASCII only: anything else is escaped.
    c == '\n' || (' '..='~').contains(&c)
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis { flow_plain: false, block_plain: true, single: true };
    }
    let (mut flow_ind, mut block_ind) = (false, false);
    if s.starts_with("---") || s.starts_with("...") {
        flow_ind = true;
        block_ind = true;
    }
    let chars: Vec<char> = s.chars().collect();
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break, mut prev_space, mut prev_break) = (false, false, false, false);
    let mut preceded_by_ws = true;
    let blankz = |i: usize| -> bool { chars.get(i).is_none_or(|&c| c == ' ' || c == '\t' || c == '\n' || c == '\r') };
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_ws = blankz(i + 1);
        let (first, last) = (i == 0, i + 1 == chars.len());
        if first {
            if "#,[]{}&*!|>'\"%@`".contains(c) {
                flow_ind = true;
                block_ind = true;
            }
            if c == '?' || c == ':' {
                flow_ind = true;
                if followed_by_ws {
                    block_ind = true;
                }
            }
            if c == '-' && followed_by_ws {
                flow_ind = true;
                block_ind = true;
            }
        } else {
            if ",?[]{}".contains(c) {
                flow_ind = true;
            }
            if c == ':' {
                flow_ind = true;
                if followed_by_ws {
                    block_ind = true;
                }
            }
            if c == '#' && preceded_by_ws {
                flow_ind = true;
                block_ind = true;
            }
        }
        if !printable(c) {
            special = true;
        }
        if c == '\n' {
            line_breaks = true;
        }
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= prev_break;
            prev_space = true;
            prev_break = false;
        } else if c == '\n' {
            leading_break |= first;
            trailing_break |= last;
            space_break |= prev_space;
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
    let mut a = Analysis { flow_plain: true, block_plain: true, single: true };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain = false;
        a.block_plain = false;
    }
    if break_space {
        a = Analysis { flow_plain: false, block_plain: false, single: false };
    }
    if space_break || special {
        a = Analysis { flow_plain: false, block_plain: false, single: false };
    }
    if line_breaks {
        a.flow_plain = false;
        a.block_plain = false;
    }
    if flow_ind {
        a.flow_plain = false;
    }
    if block_ind {
        a.block_plain = false;
    }
    a
}

/// Where a string value is written: the column its first character takes and the
/// indentation its continuation lines take; inside a flow collection or not.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Column (0-based, in characters) where the value starts.
    pub column: usize,
    /// Indentation of continuation lines (the owning key's column + 2).
    pub indent: usize,
    /// Inside `{...}` or `[...]`.
    pub flow: bool,
    /// The file wraps long flow mappings (see [`wraps_flow`]).
    pub wrap_flow: bool,
}

/// True if `text` shows a flow mapping wrapped after a GUID (the style of Editors
/// before 2020, kept by files they last saved).
pub fn wraps_flow(text: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices("guid: ").any(|(i, _)| {
        let after = i + 6 + 32;
        b.get(i + 6..after).is_some_and(|g| g.iter().all(u8::is_ascii_hexdigit)) && matches!(b.get(after..after + 2), Some(b",\n") | Some(b",\r"))
    })
}

/// Where the value at byte `at` of `text` sits: its column, and the indentation
/// libyaml gives its continuation lines (its key's column + 2; a `- ` item's
/// content column counts as the key's).
pub fn place(text: &str, at: usize, flow: bool) -> Place {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    let before = line.trim_end_matches(' ');
    let indent = if before.ends_with('-') {
        // A sequence item itself: libyaml indents its continuation under the dash + 2.
        before.len() - 1 + 2
    } else {
        let mut key = line.len() - line.trim_start_matches(' ').len();
        while line[key..].starts_with("- ") {
            key += 2;
        }
        key + 2
    };
    Place { column: line.chars().count(), indent, flow, wrap_flow: false }
}

/// Writes `s` as the Editor would at `place`, with `nl` as the line break.
pub fn string(s: &str, place: Place, nl: &str) -> String {
    let a = analyze(s);
    let plain_ok = if place.flow { a.flow_plain } else { a.block_plain } && !(s.is_empty() && place.flow);
    let mut w = Writer { out: String::with_capacity(s.len() + 8), column: place.column, indent: place.indent, nl, indention: false, whitespace: false };
    if plain_ok {
        w.plain(s, !place.flow);
    } else if a.single {
        w.single(s, !place.flow);
    } else {
        w.double(s, !place.flow);
    }
    w.out
}

/// libyaml's scalar writers, for one scalar.
struct Writer<'n> {
    out: String,
    column: usize,
    indent: usize,
    nl: &'n str,
    /// Just wrote an indentation (libyaml's `indention`).
    indention: bool,
    /// The last thing written was whitespace.
    whitespace: bool,
}

impl Writer<'_> {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push_str(self.nl);
        self.column = 0;
    }

    fn write_indent(&mut self) {
        if !self.indention || self.column > self.indent || (self.column == self.indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < self.indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn plain(&mut self, s: &str, allow_breaks: bool) {
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks && !spaces && self.column >= BEST_WIDTH && chars.get(i + 1) != Some(&' ') {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
    }

    fn single(&mut self, s: &str, allow_breaks: bool) {
        self.put('\'');
        let chars: Vec<char> = s.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks && !spaces && self.column >= BEST_WIDTH && i != 0 && i + 1 != chars.len() && chars.get(i + 1) != Some(&' ') {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if c == '\n' {
                if !breaks {
                    self.put_break();
                }
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                if c == '\'' {
                    self.put('\'');
                }
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        // Unlike libyaml, the Editor closes a text that ends in line breaks at
        // column 0 ('...\n\n').
        self.put('\'');
    }

    fn double(&mut self, s: &str, allow_breaks: bool) {
        self.put('"');
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !printable(c) || c == '\n' || c == '"' || c == '\\' || c == '\u{FEFF}' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\x07' => self.put('a'),
                    '\x08' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\x0B' => self.put('v'),
                    '\x0C' => self.put('f'),
                    '\r' => self.put('r'),
                    '\x1B' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{A0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    c => {
                        let v = c as u32;
                        let hex = if v <= 0xFF {
                            format!("x{v:02X}")
                        } else if v <= 0xFFFF {
                            format!("u{v:04X}")
                        } else {
                            format!("U{v:08X}")
                        };
                        for h in hex.chars() {
                            self.put(h);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column >= BEST_WIDTH && i != 0 && i + 1 != chars.len() {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.put('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_the_editor_prints_them() {
        for (v, s) in [
            (0.16666667f32, "0.16666667"),
            (1.0, "1"),
            (-0.0, "-0"),
            (0.5, "0.5"),
            (2.3283063e-10, "2.3283063e-10"),
            (-1.16415294e-10, "-1.16415294e-10"),
            (1.5e11, "1.5e+11"),
            (-0.000000013038516, "-0.000000013038516"),
            (0.0000000037252903, "0.0000000037252903"),
            (384.3385, "384.3385"),
            (100.0, "100"),
        ] {
            assert_eq!(float(v), s, "{v}");
        }
    }

    fn block(s: &str, column: usize) -> String {
        string(s, Place { column, indent: 4, flow: false, wrap_flow: false }, "\n")
    }

    #[test]
    fn strings_quoted_and_folded_as_the_editor_writes_them() {
        assert_eq!(block("Main Camera", 10), "Main Camera");
        assert_eq!(block("", 10), "");
        assert_eq!(block("Text Object #1", 10), "'Text Object #1'");
        assert_eq!(block("Current State:", 10), "'Current State:'");
        assert_eq!(block("HealthBoost\n(no duration)", 10), "'HealthBoost\n\n    (no duration)'");
        assert_eq!(block("\u{200B}", 10), "\"\\u200B\"");
        assert_eq!(block("TMP SubMeshUI [Anton SDF Material]", 10), "TMP SubMeshUI [Anton SDF Material]");
        let long = "The provided ShipFactory generates ship instances that share common data (ShipData) such as speed, attack power, and defense, which are intrinsic (immutable) properties. \n\nThis uses the flyweight pattern to manage memory efficiently.";
        assert_eq!(
            block(long, 10),
            "\"The provided ShipFactory generates ship instances that share common data\n    (ShipData) such as speed, attack power, and defense, which are intrinsic (immutable)\n    properties. \\n\\nThis uses the flyweight pattern to manage memory efficiently.\""
        );
        assert_eq!(string("a, b", Place { column: 5, indent: 4, flow: true, wrap_flow: false }, "\n"), "'a, b'");
    }
}
