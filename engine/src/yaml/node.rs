//! The YAML that Unity's emitter (libyaml's) writes, parsed into nodes that keep
//! their byte ranges: block mappings (`key: value`), block sequences (`- item`,
//! written at their key's indentation), flow mappings and sequences (`{fileID: 0}`,
//! `[]`, wrapped over lines when long), and plain, single- and double-quoted
//! scalars, folded over lines when long. No anchors, aliases, tags inside a body,
//! block scalars or comments: Unity never writes them; they read as plain text.
//!
//! Bounded: nesting deeper than [`MAX_DEPTH`] is refused (no stack overflow on
//! hostile input), and the work is linear in the document's length.

use super::YamlError;
use std::ops::Range;

/// Deepest nesting of collections read. Unity's deepest (animation curves inside
/// state machines) is ~20 levels.
pub const MAX_DEPTH: usize = 128;

/// How a scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unquoted (also an empty value).
    Plain,
    /// `'...'` (`''` is a quote).
    Single,
    /// `"..."` with backslash escapes.
    Double,
}

/// A value and the bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node<'a> {
    /// What it is.
    pub kind: NodeKind<'a>,
    /// Its bytes in the file: a scalar's text (quotes included; empty for an empty
    /// value, placed where the value goes), a collection's first through last byte.
    pub span: Range<usize>,
}

/// The kinds of value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind<'a> {
    /// A scalar: its text exactly as written, and its style.
    Scalar {
        /// The bytes of the span.
        raw: &'a str,
        /// Its quoting.
        style: Style,
    },
    /// A mapping: keys (as written) and values in file order.
    Map {
        /// The entries.
        entries: Vec<(&'a str, Node<'a>)>,
        /// Written `{...}`.
        flow: bool,
    },
    /// A sequence.
    Seq {
        /// The items.
        items: Vec<Node<'a>>,
        /// Written `[...]`.
        flow: bool,
    },
}

impl<'a> Node<'a> {
    /// The value at `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.kind {
            NodeKind::Map { entries, .. } => entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A scalar's decoded text.
    pub fn text(&self) -> Option<std::borrow::Cow<'a, str>> {
        match &self.kind {
            NodeKind::Scalar { raw, style } => Some(super::scalar::decode(raw, *style)),
            _ => None,
        }
    }

    /// A scalar read as an integer.
    pub fn int(&self) -> Option<i64> {
        self.text()?.trim().parse().ok()
    }

    /// The `fileID` of a reference `{fileID: N, ...}`.
    pub fn file_id(&self) -> Option<i64> {
        self.get("fileID")?.int()
    }

    /// The items of a sequence (empty for anything else).
    pub fn items(&self) -> &[Node<'a>] {
        match &self.kind {
            NodeKind::Seq { items, .. } => items,
            _ => &[],
        }
    }
}

/// True for a mapping of two or more entries that all have one key (the way
/// Editors before 5.6 wrote a material's property vectors: `data:` repeated).
pub fn repeats_one_key(entries: &[(&str, Node<'_>)]) -> bool {
    entries.len() >= 2 && entries.iter().all(|(k, _)| *k == entries[0].0)
}

/// Parses the block mapping between `start` and `end` of `text` (a document body).
pub fn parse_document(text: &str, start: usize, end: usize) -> Result<Node<'_>, YamlError> {
    let p = Parser { text, b: text.as_bytes(), end: end.min(text.len()) };
    let Some(first) = p.next_content_line(start) else {
        return Ok(Node { kind: NodeKind::Scalar { raw: "", style: Style::Plain }, span: start..start });
    };
    let indent = p.indent(first);
    let (node, next) = p.block(first, indent, 0)?;
    if let Some(rest) = p.next_content_line(next) {
        return Err(YamlError::at(rest, "unexpected content after the document's mapping (indentation?)"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    end: usize,
}

fn is_eol(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

impl<'a> Parser<'a> {
    fn at(&self, i: usize) -> u8 {
        if i < self.end {
            self.b[i]
        } else {
            b'\n'
        }
    }

    /// The offset of the end of the line holding `i` (its `\n`, or `end`).
    fn line_end(&self, i: usize) -> usize {
        self.b[i.min(self.end)..self.end].iter().position(|&c| c == b'\n').map_or(self.end, |n| i + n)
    }

    /// The start of the line after the one holding `i` (or `end`).
    fn next_line(&self, i: usize) -> usize {
        (self.line_end(i) + 1).min(self.end)
    }

    /// Spaces at the start of the line starting at `line`.
    fn indent(&self, line: usize) -> usize {
        self.b[line..self.end].iter().take_while(|&&c| c == b' ').count()
    }

    /// The first line at or after the line start `line` with something on it.
    fn next_content_line(&self, mut line: usize) -> Option<usize> {
        while line < self.end {
            let ind = self.indent(line);
            if !is_eol(self.at(line + ind)) && line + ind < self.end {
                return Some(line);
            }
            line = self.next_line(line);
        }
        None
    }

    /// True if the item text at `i` starts a sequence item (`-` then space or end).
    fn is_dash(&self, i: usize) -> bool {
        self.at(i) == b'-' && (self.at(i + 1) == b' ' || is_eol(self.at(i + 1)))
    }

    /// A block collection whose first line starts at `line` with `indent` spaces.
    fn block(&self, line: usize, indent: usize, depth: usize) -> Result<(Node<'a>, usize), YamlError> {
        if self.is_dash(line + indent) {
            self.seq(line + indent, indent, depth)
        } else {
            self.map(line + indent, indent, depth)
        }
    }

    fn deeper(&self, depth: usize, at: usize) -> Result<usize, YamlError> {
        if depth >= MAX_DEPTH {
            return Err(YamlError::at(at, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(depth + 1)
    }

    /// A block mapping whose keys sit at column `indent`; the first starts at `first`
    /// (mid-line after `- ` in a sequence item). Returns the node and the start of
    /// the first line after it.
    fn map(&self, first: usize, indent: usize, depth: usize) -> Result<(Node<'a>, usize), YamlError> {
        let depth = self.deeper(depth, first)?;
        let mut entries = Vec::new();
        let mut pos = first;
        let mut last_end = first;
        loop {
            let (key, colon) = self.key(pos)?;
            let mut v = colon + 1;
            while self.at(v) == b' ' {
                v += 1;
            }
            let (value, next) = if is_eol(self.at(v)) || v >= self.end {
                // Nothing after the colon: a nested block, an indentless sequence,
                // or an empty value.
                match self.next_content_line(self.next_line(colon)) {
                    Some(l) if self.indent(l) > indent => self.block(l, self.indent(l), depth)?,
                    Some(l) if self.indent(l) == indent && self.is_dash(l + indent) => self.seq(l + indent, indent, depth)?,
                    _ => (Node { kind: NodeKind::Scalar { raw: "", style: Style::Plain }, span: v..v }, self.next_line(colon)),
                }
            } else {
                let (node, after) = self.inline(v, indent, depth)?;
                (node, self.after_inline(after)?)
            };
            last_end = last_end.max(value.span.end).max(colon + 1);
            entries.push((key, value));
            match self.next_content_line(next) {
                Some(l) if self.indent(l) == indent && !self.is_dash(l + indent) => pos = l + indent,
                Some(l) if self.indent(l) > indent => return Err(YamlError::at(l, "unexpected indentation inside a mapping")),
                _ => return Ok((Node { kind: NodeKind::Map { entries, flow: false }, span: first..last_end }, next)),
            }
        }
    }

    /// A block sequence whose dashes sit at column `indent`; the first dash at `first`.
    fn seq(&self, first: usize, indent: usize, depth: usize) -> Result<(Node<'a>, usize), YamlError> {
        let depth = self.deeper(depth, first)?;
        let mut items = Vec::new();
        let mut dash = first;
        let mut last_end = first + 1;
        loop {
            let mut p = dash + 1;
            while self.at(p) == b' ' {
                p += 1;
            }
            let col = p - (dash - self.column(dash));
            let (item, next) = if is_eol(self.at(p)) || p >= self.end {
                match self.next_content_line(self.next_line(dash)) {
                    Some(l) if self.indent(l) > indent => self.block(l, self.indent(l), depth)?,
                    _ => (Node { kind: NodeKind::Scalar { raw: "", style: Style::Plain }, span: p..p }, self.next_line(dash)),
                }
            } else if self.is_dash(p) {
                self.seq(p, col, depth)?
            } else if self.starts_mapping(p) {
                self.map(p, col, depth)?
            } else {
                let (node, after) = self.inline(p, indent, depth)?;
                (node, self.after_inline(after)?)
            };
            last_end = last_end.max(item.span.end);
            items.push(item);
            match self.next_content_line(next) {
                Some(l) if self.indent(l) == indent && self.is_dash(l + indent) => dash = l + indent,
                _ => return Ok((Node { kind: NodeKind::Seq { items, flow: false }, span: first..last_end }, next)),
            }
        }
    }

    /// The column of offset `i` (bytes since its line's start).
    fn column(&self, i: usize) -> usize {
        i - self.b[..i].iter().rposition(|&c| c == b'\n').map_or(0, |n| n + 1)
    }

    /// True if a sequence item's text at `p` is `key: ...` rather than a value.
    fn starts_mapping(&self, p: usize) -> bool {
        if matches!(self.at(p), b'{' | b'[' | b'\'' | b'"') {
            return false;
        }
        let end = self.line_end(p);
        let line = &self.b[p..end];
        line.windows(2).any(|w| w == b": ") || line.strip_suffix(b"\r").unwrap_or(line).ends_with(b":")
    }

    /// A mapping key at `pos`: its text and the offset of its colon.
    fn key(&self, pos: usize) -> Result<(&'a str, usize), YamlError> {
        let end = self.line_end(pos);
        let mut i = pos;
        if matches!(self.at(pos), b'\'' | b'"') {
            let (_, after) = self.quoted(pos)?;
            i = after;
        }
        while i < end {
            if self.b[i] == b':' && (i + 1 >= end || matches!(self.at(i + 1), b' ' | b'\r' | b'\n')) {
                let key = self.text[pos..i].trim_end();
                return Ok((key, i));
            }
            i += 1;
        }
        Err(YamlError::at(pos, format!("expected `key: value`, found {:?}", self.text[pos..end].chars().take(60).collect::<String>())))
    }

    /// After an inline value: only spaces to the end of its line. Returns the next
    /// line's start.
    fn after_inline(&self, mut i: usize) -> Result<usize, YamlError> {
        while self.at(i) == b' ' || self.at(i) == b'\r' {
            if i >= self.end {
                break;
            }
            i += 1;
        }
        if i < self.end && self.at(i) != b'\n' {
            return Err(YamlError::at(i, "unexpected text after a value"));
        }
        Ok((i + 1).min(self.end))
    }

    /// A value written on its key's (or dash's) line, possibly continued on more
    /// indented lines. `owner` is the indentation of the mapping or sequence holding
    /// it. Returns the node and the offset just past it.
    fn inline(&self, p: usize, owner: usize, depth: usize) -> Result<(Node<'a>, usize), YamlError> {
        match self.at(p) {
            b'{' | b'[' => self.flow(p, depth),
            b'\'' | b'"' => {
                let (node, after) = self.quoted(p)?;
                Ok((node, after))
            }
            _ => Ok(self.plain_block(p, owner)),
        }
    }

    /// A plain scalar in block context: to the end of its line, then every more
    /// indented line after it (blank lines inside it included).
    fn plain_block(&self, p: usize, owner: usize) -> (Node<'a>, usize) {
        let mut end = self.trimmed_end(p, self.line_end(p));
        let mut line = self.next_line(p);
        while let Some(l) = self.next_content_line(line) {
            let ind = self.indent(l);
            if ind <= owner || l >= self.end {
                break;
            }
            end = self.trimmed_end(l, self.line_end(l));
            line = self.next_line(l);
        }
        (self.scalar(p, end, Style::Plain), end)
    }

    /// `line_end` moved back over trailing spaces and `\r`.
    fn trimmed_end(&self, start: usize, mut end: usize) -> usize {
        while end > start && matches!(self.b[end - 1], b' ' | b'\r' | b'\t') {
            end -= 1;
        }
        end
    }

    fn scalar(&self, from: usize, to: usize, style: Style) -> Node<'a> {
        Node { kind: NodeKind::Scalar { raw: &self.text[from..to], style }, span: from..to }
    }

    /// A quoted scalar starting at its quote `p`; may span lines.
    fn quoted(&self, p: usize) -> Result<(Node<'a>, usize), YamlError> {
        let q = self.b[p];
        let mut i = p + 1;
        while i < self.end {
            match self.b[i] {
                b'\'' if q == b'\'' => {
                    if self.at(i + 1) == b'\'' && i + 1 < self.end {
                        i += 2;
                        continue;
                    }
                    let style = Style::Single;
                    return Ok((self.scalar(p, i + 1, style), i + 1));
                }
                b'"' if q == b'"' => return Ok((self.scalar(p, i + 1, Style::Double), i + 1)),
                b'\\' if q == b'"' => i += 2,
                _ => i += 1,
            }
        }
        Err(YamlError::at(p, "a quoted string that does not end"))
    }

    /// A flow collection at `p` (`{` or `[`), over lines if it wraps.
    fn flow(&self, p: usize, depth: usize) -> Result<(Node<'a>, usize), YamlError> {
        let depth = self.deeper(depth, p)?;
        let map = self.b[p] == b'{';
        let close = if map { b'}' } else { b']' };
        let mut entries = Vec::new();
        let mut items = Vec::new();
        let mut i = self.skip_ws(p + 1);
        if self.at(i) == close && i < self.end {
            let kind = if map { NodeKind::Map { entries, flow: true } } else { NodeKind::Seq { items, flow: true } };
            return Ok((Node { kind, span: p..i + 1 }, i + 1));
        }
        loop {
            if map {
                let kstart = i;
                while i < self.end && !matches!(self.b[i], b':' | b',' | b'}' | b']' | b'\n') {
                    i += 1;
                }
                if self.at(i) != b':' || i >= self.end {
                    return Err(YamlError::at(kstart, "expected `key: value` in a flow mapping"));
                }
                let key = self.text[kstart..i].trim();
                i = self.skip_ws(i + 1);
                let (value, after) = self.flow_value(i, depth)?;
                entries.push((key, value));
                i = self.skip_ws(after);
            } else {
                let (value, after) = self.flow_value(i, depth)?;
                items.push(value);
                i = self.skip_ws(after);
            }
            match self.at(i) {
                b',' if i < self.end => i = self.skip_ws(i + 1),
                c if c == close && i < self.end => {
                    let kind = if map { NodeKind::Map { entries, flow: true } } else { NodeKind::Seq { items, flow: true } };
                    return Ok((Node { kind, span: p..i + 1 }, i + 1));
                }
                _ => return Err(YamlError::at(i, format!("expected `,` or `{}` in a flow collection", close as char))),
            }
        }
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.end && matches!(self.b[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        i
    }

    /// A value inside a flow collection.
    fn flow_value(&self, i: usize, depth: usize) -> Result<(Node<'a>, usize), YamlError> {
        match self.at(i) {
            b'{' | b'[' if i < self.end => self.flow(i, depth),
            b'\'' | b'"' if i < self.end => self.quoted(i),
            _ => {
                let mut j = i;
                while j < self.end && !matches!(self.b[j], b',' | b'}' | b']') {
                    j += 1;
                }
                let end = self.trimmed_ws_end(i, j);
                Ok((self.scalar(i, end, Style::Plain), end))
            }
        }
    }

    fn trimmed_ws_end(&self, start: usize, mut end: usize) -> usize {
        while end > start && matches!(self.b[end - 1], b' ' | b'\r' | b'\t' | b'\n') {
            end -= 1;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Node<'_> {
        parse_document(t, 0, t.len()).unwrap()
    }

    #[test]
    fn reads_unity_shapes_with_spans() {
        let t = "GameObject:\n  m_Component:\n  - component: {fileID: 4}\n  - 114: {fileID: -5}\n  m_Name: \n  m_Text: 'It''s\n\n    two'\n  m_Pos: {x: 1, y: -0.5,\n    z: 2}\n  list: []\n  nested:\n    a: 1\n  - x\n";
        let r = std::panic::catch_unwind(|| parse_document(t, 0, t.len()));
        assert!(r.is_ok());
        let t = "GameObject:\n  m_Component:\n  - component: {fileID: 4}\n  - 114: {fileID: -5}\n  m_Name: \n  m_Text: 'It''s\n\n    two'\n  m_Pos: {x: 1, y: -0.5,\n    z: 2}\n  list: []\n  nested:\n    a: 1\n  long: plain words\n    continued here\n";
        let root = parse(t);
        let go = root.get("GameObject").unwrap();
        let comps = go.get("m_Component").unwrap().items();
        assert_eq!(comps.len(), 2);
        assert_eq!(comps[0].get("component").unwrap().file_id(), Some(4));
        assert_eq!(comps[1].get("114").unwrap().file_id(), Some(-5));
        let name = go.get("m_Name").unwrap();
        assert_eq!((name.text().unwrap().as_ref(), name.span.start == name.span.end), ("", true));
        assert_eq!(go.get("m_Text").unwrap().text().unwrap(), "It's\ntwo");
        let z = go.get("m_Pos").unwrap().get("z").unwrap();
        assert_eq!(&t[z.span.clone()], "2");
        assert_eq!(go.get("list").unwrap().items().len(), 0);
        assert_eq!(go.get("nested").unwrap().get("a").unwrap().int(), Some(1));
        assert_eq!(go.get("long").unwrap().text().unwrap(), "plain words continued here");
    }

    #[test]
    fn refuses_what_it_cannot_read_without_panicking() {
        for bad in ["a: {x: 1", "a: 'open", "a:\n  b: 1\n   c: 2", "- a\nb: 1", "a: 1 2\n  b"] {
            let _ = parse_document(bad, 0, bad.len());
        }
        let deep = format!("a: {}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(parse_document(&deep, 0, deep.len()).unwrap_err().message.contains("deeper"));
    }
}
