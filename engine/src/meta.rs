//! Unity `.meta` files: GUIDs, rendering a new `.meta` as the Editor writes it, and
//! reading existing ones exactly as leniently as the Editor does. An existing `.meta`
//! is never rewritten, except its `guid:` value when a duplicate is re-identified.
//!
//! What the reader accepts (all seen in real projects): a UTF-8 byte-order mark, CRLF
//! or CR line endings, no final newline (Unity 6's minimal metas), trailing spaces,
//! quoted values, unknown keys and importer sections, bytes that are not UTF-8 inside
//! values it does not need. What it refuses (the Editor cannot use them either): no
//! `guid:` line, a GUID that is not 32 hex digits or is all zeros, binary data (NUL
//! bytes), and files over [`MAX_META_BYTES`].

use crate::kind::AssetKind;
use std::fmt;
use std::ops::Range;

/// Largest `.meta` file the parser reads, in bytes. Real ones are a few KiB; the bound
/// keeps one hostile file from costing unbounded memory.
pub const MAX_META_BYTES: usize = 1 << 20;

/// The UTF-8 byte-order mark some Windows tools put in front of a `.meta`.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A Unity GUID: 128 random bits, written as 32 lowercase hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub u128);

impl Guid {
    /// Parses 32 hex digits (either case).
    pub fn parse(s: &str) -> Option<Guid> {
        if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(s, 16).ok().map(Guid)
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// What the engine reads from a `.meta` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaFile {
    /// `fileFormatVersion:` (2 for every Unity since 5.x); `None` when absent, which
    /// the Editor tolerates.
    pub file_format_version: Option<u32>,
    /// `guid:`.
    pub guid: Guid,
    /// Byte range of the GUID's 32 hex digits in the file, so a re-identification can
    /// replace exactly them and keep every other byte.
    pub guid_span: Range<usize>,
    /// `folderAsset: yes`.
    pub folder_asset: bool,
    /// The importer section's name, if any (`TextureImporter`, ...).
    pub importer: Option<String>,
}

/// Why a `.meta` file could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetaError {
    /// Larger than [`MAX_META_BYTES`].
    TooLarge(usize),
    /// Contains NUL bytes: binary data, not the YAML text the Editor writes.
    Binary,
    /// No `guid:` line.
    NoGuid,
    /// The `guid:` value is not 32 hex digits (or is all zeros, Unity's "no GUID").
    BadGuid(String),
}

impl fmt::Display for MetaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetaError::TooLarge(n) => write!(f, "is {n} bytes; the limit is {MAX_META_BYTES}"),
            MetaError::Binary => write!(f, "contains NUL bytes, so it is binary data, not the YAML text Unity writes"),
            MetaError::NoGuid => write!(f, "has no 'guid:' line"),
            MetaError::BadGuid(g) => write!(f, "has guid '{g}', which is not 32 hex digits (or is all zeros)"),
        }
    }
}

/// The lines of a `.meta`: each line's start offset and bytes without its ending
/// (LF, CRLF or a lone CR).
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let rest = &bytes[start..];
        let len = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        let line = (start, &rest[..len]);
        let ending = match &rest[len..] {
            [b'\r', b'\n', ..] => 2,
            [] => 0,
            _ => 1,
        };
        start += len + ending;
        Some(line)
    })
}

/// A top-level `key: value` line: the key, the value (trimmed, unquoted) and the
/// value's byte offset within the line.
fn key_value(line: &[u8]) -> Option<(&[u8], &[u8], usize)> {
    let first = *line.first()?;
    // Only top-level keys matter; importer settings are indented, and `-`, `#`, `%`
    // start list items, comments and YAML directives.
    if matches!(first, b' ' | b'\t' | b'-' | b'#' | b'%') {
        return None;
    }
    let colon = line.iter().position(|&b| b == b':')?;
    let key = trim(&line[..colon]);
    let mut start = colon + 1;
    let mut end = line.len();
    while start < end && line[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && line[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    // A trailing YAML comment (` # ...`) is not part of the value.
    if let Some(hash) = line[start..end].windows(2).position(|w| w == b" #") {
        end = start + hash;
        while end > start && line[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
    }
    if end - start >= 2 && matches!(line[start], b'"' | b'\'') && line[end - 1] == line[start] {
        start += 1;
        end -= 1;
    }
    Some((key, &line[start..end], start))
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b, rest @ ..] = s {
        if !b.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    while let [rest @ .., b] = s {
        if !b.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    s
}

/// Parses the bytes of a `.meta` file. Never panics, never allocates for a valid one
/// beyond the importer's name.
pub fn parse(bytes: &[u8]) -> Result<MetaFile, MetaError> {
    if bytes.len() > MAX_META_BYTES {
        return Err(MetaError::TooLarge(bytes.len()));
    }
    if bytes.contains(&0) {
        return Err(MetaError::Binary);
    }
    let offset = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &bytes[offset..];
    let mut version = None;
    let mut guid = None;
    let mut folder_asset = false;
    let mut importer = None;
    for (line_start, line) in lines(body) {
        let Some((key, value, value_at)) = key_value(line) else { continue };
        match key {
            b"fileFormatVersion" if version.is_none() => {
                version = std::str::from_utf8(value).ok().and_then(|v| v.parse::<u32>().ok());
            }
            b"guid" if guid.is_none() => {
                let text = String::from_utf8_lossy(value);
                match Guid::parse(&text) {
                    Some(g) if g.0 != 0 => {
                        let at = offset + line_start + value_at;
                        guid = Some((g, at..at + 32));
                    }
                    _ => return Err(MetaError::BadGuid(text.chars().take(64).collect())),
                }
            }
            b"folderAsset" => folder_asset = value == b"yes",
            _ if value.is_empty() && importer.is_none() && key.ends_with(b"Importer") => {
                importer = std::str::from_utf8(key).ok().map(str::to_string);
            }
            _ => {}
        }
    }
    let (guid, guid_span) = guid.ok_or(MetaError::NoGuid)?;
    Ok(MetaFile { file_format_version: version, guid, guid_span, folder_asset, importer })
}

/// The bytes of `original` with the GUID at `meta.guid_span` replaced by `guid`:
/// every other byte (BOM, line endings, settings, missing final newline) is kept.
pub fn with_guid(original: &[u8], meta: &MetaFile, guid: Guid) -> Vec<u8> {
    let mut out = original.to_vec();
    let hex = guid.to_string();
    if let Some(slot) = out.get_mut(meta.guid_span.clone()) {
        slot.copy_from_slice(hex.as_bytes());
    }
    out
}

/// Renders a new `.meta` the way the Unity Editor writes one for `kind` (its importer
/// section comes from the table in [`crate::importers`]).
pub fn render(guid: Guid, kind: &AssetKind) -> String {
    let mut out = String::with_capacity(64 + kind.body.len());
    out.push_str("fileFormatVersion: 2\nguid: ");
    out.push_str(&guid.to_string());
    if kind.importer.is_empty() {
        // Unity 6's minimal meta: no importer section and no final newline.
        return out;
    }
    out.push('\n');
    if kind.folder {
        out.push_str("folderAsset: yes\n");
    }
    out.push_str(kind.importer);
    out.push_str(":\n");
    out.push_str(kind.body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::{kind_of_file, FOLDER};
    use proptest::prelude::*;

    #[test]
    fn folder_meta_looks_like_unity() {
        let text = render(Guid(0xabc), &FOLDER);
        assert_eq!(
            text,
            "fileFormatVersion: 2\nguid: 00000000000000000000000000000abc\nfolderAsset: yes\nDefaultImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"
        );
    }

    #[test]
    fn unity6_script_meta_is_minimal() {
        assert_eq!(render(Guid(0xabc), &kind_of_file("a.cs")), "fileFormatVersion: 2\nguid: 00000000000000000000000000000abc");
    }

    #[test]
    fn parses_a_real_editor_meta() {
        let real = "fileFormatVersion: 2\nguid: 5f8a1b2c3d4e5f60718293a4b5c6d7e8\ntimeCreated: 1500000000\nlicenseType: Free\nMonoImporter:\n  serializedVersion: 2\n  defaultReferences: []\n  executionOrder: 0\n  icon: {instanceID: 0}\n  userData: \n";
        let m = parse(real.as_bytes()).unwrap();
        assert_eq!(m.guid.to_string(), "5f8a1b2c3d4e5f60718293a4b5c6d7e8");
        assert_eq!(m.importer.as_deref(), Some("MonoImporter"));
        assert_eq!(&real[m.guid_span.clone()], "5f8a1b2c3d4e5f60718293a4b5c6d7e8");
        assert!(!m.folder_asset);
    }

    #[test]
    fn reads_what_windows_tools_write() {
        let g = "5f8a1b2c3d4e5f60718293a4b5c6d7e8";
        for text in [
            format!("\u{feff}fileFormatVersion: 2\r\nguid: {g}\r\nfolderAsset: yes\r\nDefaultImporter:\r\n  userData: \r\n"),
            format!("fileFormatVersion: 2\nguid: {g}"),
            format!("fileFormatVersion: 2   \rguid: {g}   \rfolderAsset: yes"),
            format!("guid: '{g}' # quoted, commented\nfileFormatVersion: 2\nfolderAsset: yes\n"),
        ] {
            let m = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(m.guid.to_string(), g, "{text:?}");
            assert!(m.folder_asset || text.starts_with("fileFormatVersion: 2\nguid"), "{text:?}");
            assert_eq!(&text.as_bytes()[m.guid_span.clone()], g.as_bytes());
        }
    }

    #[test]
    fn rejects_what_the_editor_cannot_read() {
        assert_eq!(parse(b"fileFormatVersion: 2\n"), Err(MetaError::NoGuid));
        assert!(matches!(parse(b"fileFormatVersion: 2\nguid: xyz\n"), Err(MetaError::BadGuid(_))));
        assert!(matches!(parse(b"guid: 00000000000000000000000000000000\n"), Err(MetaError::BadGuid(_))));
        assert_eq!(parse(b"\x00\x01guid: 00000000000000000000000000000001"), Err(MetaError::Binary));
        assert_eq!(parse(&[0xff, 0xfe]), Err(MetaError::NoGuid));
        // No fileFormatVersion: the Editor still reads the GUID.
        assert_eq!(parse(b"guid: 00000000000000000000000000000001\n").map(|m| m.file_format_version), Ok(None));
    }

    #[test]
    fn with_guid_changes_only_the_guid() {
        let text = b"\xEF\xBB\xBFfileFormatVersion: 2\r\nguid: 5f8a1b2c3d4e5f60718293a4b5c6d7e8\r\nuserData: x";
        let m = parse(text).unwrap();
        let out = with_guid(text, &m, Guid(1));
        assert_eq!(out.len(), text.len());
        assert_eq!(parse(&out).unwrap().guid, Guid(1));
        let diff: Vec<usize> = (0..out.len()).filter(|&i| out[i] != text[i]).collect();
        assert!(diff.iter().all(|i| m.guid_span.contains(i)));
    }

    proptest! {
        #[test]
        fn render_then_parse_round_trips(guid in 1..=u128::MAX, name in "[a-zA-Z0-9_]{1,12}\\.(png|cs|prefab|fbx|mat|unity|wav|shader|txt|asset|ttf|asmdef|uxml|shadergraph|mp4|dll|zzz)", folder in any::<bool>()) {
            let kind = if folder { FOLDER } else { kind_of_file(&name) };
            let text = render(Guid(guid), &kind);
            let meta = parse(text.as_bytes()).unwrap();
            prop_assert_eq!(meta.guid, Guid(guid));
            prop_assert_eq!(meta.file_format_version, Some(2));
            prop_assert_eq!(meta.folder_asset, folder);
            prop_assert_eq!(meta.importer.as_deref(), Some(kind.importer).filter(|i| !i.is_empty()));
            prop_assert_eq!(meta.guid.to_string().len(), 32);
        }

        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse(&bytes);
        }
    }
}
