//! Unity YAML ("Force Text" serialization) read as spans over the file's bytes:
//! scenes, prefabs, materials, ScriptableObject assets, animator controllers. A file
//! is a `%YAML`/`%TAG` header and documents `--- !u!<classID> &<fileID>[ stripped]`,
//! each one mapping under its type name. The reader keeps, for every value, the byte
//! range it came from, so that a change replaces exactly those bytes (through the
//! one span-edit module, [`crate::text`]) and every other byte stays as the Editor
//! wrote it.

pub mod emit;
pub mod hierarchy;
pub mod json;
pub mod node;
pub mod path;
pub mod scalar;
pub mod scripts;
pub mod set;
#[cfg(test)]
mod props;

pub use node::{parse_document, Node, NodeKind};

use std::ops::Range;

/// Most documents one file may hold: a 50 MB scene has ~500k; beyond this a file is
/// refused rather than indexed without bound.
pub const MAX_DOCUMENTS: usize = 4_000_000;

/// One `--- !u!` document of a Unity YAML file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The Unity class ID (`1` GameObject, `4` Transform, `114` MonoBehaviour, ...).
    pub class_id: i32,
    /// The object's local identifier in the file (signed 64-bit).
    pub file_id: i64,
    /// A prefab instance's placeholder: only the links to its source are written.
    pub stripped: bool,
    /// The whole document: its `---` line through the byte before the next one.
    pub span: Range<usize>,
    /// Where the body (the type-name line) starts.
    pub body_start: usize,
}

/// Why a file is not Unity YAML this reader accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (byte {})", self.message, self.offset)
    }
}

impl YamlError {
    pub(crate) fn at(offset: usize, message: impl Into<String>) -> YamlError {
        YamlError { offset, message: message.into() }
    }
}

/// True if `bytes` start like a text-serialized Unity file (after a BOM).
pub fn looks_like_unity_yaml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(crate::text::BOM).unwrap_or(bytes);
    bytes.starts_with(b"%YAML")
}

/// The documents of a Unity YAML file, in file order. `text` is the file without
/// its BOM; offsets are into it. Linear, and fast: it jumps from one `\n---` to the
/// next (the bodies are parsed on demand).
pub fn documents(text: &str) -> Result<Vec<Document>, YamlError> {
    if !text.starts_with("%YAML") {
        return Err(YamlError::at(0, "not Unity YAML: it does not start with a %YAML header"));
    }
    let bytes = text.as_bytes();
    // The header: `%` lines (and blank ones) up to the first `---`.
    let first = if text.starts_with("---") { Some(0) } else { text.find("\n---").map(|i| i + 1) };
    let head_end = first.unwrap_or(text.len());
    if let Some(bad) = text[..head_end].split('\n').scan(0usize, |at, l| {
        let start = *at;
        *at += l.len() + 1;
        Some((start, l))
    }).find(|(_, l)| !(l.starts_with('%') || l.trim().is_empty()))
    {
        return Err(YamlError::at(bad.0, "content before the first document"));
    }
    let mut docs: Vec<Document> = Vec::new();
    let mut at = first;
    while let Some(start) = at {
        let line_end = memchr_nl(bytes, start);
        let doc = header(&text[start..line_end], start, line_end)?;
        if let Some(prev) = docs.last_mut() {
            prev.span.end = start;
        }
        if docs.len() >= MAX_DOCUMENTS {
            return Err(YamlError::at(start, format!("more than {MAX_DOCUMENTS} documents")));
        }
        docs.push(doc);
        at = text[line_end..].find("\n---").map(|i| line_end + i + 1);
    }
    if let Some(last) = docs.last_mut() {
        last.span.end = text.len();
    }
    Ok(docs)
}

/// The end of the line starting at `at` (the `\n`'s offset, or the text's end).
fn memchr_nl(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| at + i)
}

/// Reads a `--- !u!<class> &<fileID>[ stripped]` line.
fn header(line: &str, at: usize, line_end: usize) -> Result<Document, YamlError> {
    let bad = || YamlError::at(at, format!("a document header that is not `--- !u!<classID> &<fileID>`: {:?}", line.chars().take(80).collect::<String>()));
    let rest = line.trim_end_matches('\r').strip_prefix("--- !u!").ok_or_else(bad)?;
    let (class, rest) = rest.split_once(" &").ok_or_else(bad)?;
    let class_id: i32 = class.parse().map_err(|_| bad())?;
    let (id, stripped) = match rest.split_once(' ') {
        Some((id, "stripped")) => (id, true),
        Some(_) => return Err(bad()),
        None => (rest, false),
    };
    let file_id: i64 = id.parse().map_err(|_| bad())?;
    Ok(Document { class_id, file_id, stripped, span: at..line_end, body_start: line_end + 1 })
}

/// A parsed file: its text and documents, with their bodies parsed on demand.
pub struct UnityFile<'a> {
    /// The file's text (no BOM).
    pub text: &'a str,
    /// Its documents in file order.
    pub docs: Vec<Document>,
    /// fileID -> index in `docs` (the first, if a broken file repeats one).
    index: std::collections::HashMap<i64, usize>,
}

impl<'a> UnityFile<'a> {
    /// Splits `text` into documents.
    pub fn parse(text: &'a str) -> Result<UnityFile<'a>, YamlError> {
        let docs = documents(text)?;
        let mut index = std::collections::HashMap::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            index.entry(d.file_id).or_insert(i);
        }
        Ok(UnityFile { text, docs, index })
    }

    /// The document with `file_id`.
    pub fn doc(&self, file_id: i64) -> Option<&Document> {
        self.index.get(&file_id).map(|&i| &self.docs[i])
    }

    /// The document's type name (its first body line, `GameObject:`), or "".
    pub fn type_name(&self, doc: &Document) -> &'a str {
        let body = &self.text[doc.body_start.min(doc.span.end)..doc.span.end];
        let line = body.split('\n').next().unwrap_or("").trim_end_matches('\r');
        line.split(':').next().unwrap_or("").trim()
    }

    /// The document's text exactly as in the file.
    pub fn doc_text(&self, doc: &Document) -> &'a str {
        &self.text[doc.span.clone()]
    }

    /// The document's body parsed: the mapping under its type name (a `Null`
    /// scalar for an empty body).
    pub fn body(&self, doc: &Document) -> Result<Node<'a>, YamlError> {
        let root = parse_document(self.text, doc.body_start.min(doc.span.end), doc.span.end)?;
        // `TypeName:` holds one mapping entry whose value is the object.
        match root.kind {
            NodeKind::Map { mut entries, .. } if entries.len() == 1 => Ok(entries.remove(0).1),
            kind => Ok(Node { kind, span: root.span }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_documents_with_negative_and_stripped_ids() {
        let text = "%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!1 &-12\nGameObject:\n  m_Name: A\n--- !u!4 &7 stripped\r\nTransform:\n  m_PrefabInstance: {fileID: 1}\n";
        let docs = documents(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].class_id, docs[0].file_id, docs[0].stripped), (1, -12, false));
        assert_eq!((docs[1].class_id, docs[1].file_id, docs[1].stripped), (4, 7, true));
        let f = UnityFile::parse(text).unwrap();
        assert_eq!(f.type_name(&f.docs[1]), "Transform");
        assert!(f.doc_text(&f.docs[0]).ends_with("m_Name: A\n"));
        assert!(documents("GameObject: 1").is_err());
        assert!(documents("%YAML 1.1\n--- !u!x &1\n").is_err());
    }
}
