//! The GUIDs a file mentions: Unity's YAML (`{fileID: 2100000, guid: <hex>, type: 2}`),
//! UI Toolkit URLs (`project://database/Assets/a.png?fileID=..&guid=<hex>&type=3`),
//! JSON (`"guid": "<hex>"`, shader graphs' escaped `\"guid\": \"<hex>\"`) and keys
//! such as `m_AssetGUID: <hex>`. A *keyed* mention is the word `guid` (any case), then
//! at most a few of `:`, `=`, spaces and quotes, then exactly 32 hex digits. Other
//! runs of exactly 32 hex digits are *loose* mentions: shader graphs name their HLSL
//! includes as `"m_FunctionSource": "<hex>"`, so a loose mention that is an asset's
//! GUID is a reference too; but one that resolves to nothing is a hash (sprite ids,
//! content hashes), never reported as a dangling reference.

use crate::meta::Guid;

/// Most bytes of one file scanned for references: larger text files (huge scenes)
/// are scanned up to this much and the rest counts as not scanned.
pub const MAX_SCAN_BYTES: usize = 64 << 20;

/// What a scan of one file found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileRefs {
    /// The GUIDs mentioned after a `guid` key, sorted, without duplicates.
    pub guids: Vec<Guid>,
    /// Other 32-hex runs (sorted, deduplicated, none of `guids`): references when
    /// they resolve to an asset.
    pub loose: Vec<Guid>,
    /// False when the file could not be read as text (binary-serialized Unity assets):
    /// what it references is unknown, never "nothing".
    pub scanned: bool,
    /// The stamp of the asset and its `.meta` taken before they were read (`None`:
    /// unknown): while it still matches, Refresh need not read them again.
    pub stamp: Option<crate::fs::Stamp>,
}

/// Most separator bytes between the word `guid` and the hex digits.
const MAX_GAP: usize = 6;

fn is_gap(b: u8) -> bool {
    matches!(b, b':' | b'=' | b' ' | b'\t' | b'"' | b'\'' | b'\\')
}

/// The GUIDs `text` mentions (sorted, deduplicated).
pub fn guids_in(text: &[u8]) -> Vec<Guid> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= text.len() {
        // Find the next "guid", any case: a memchr for its first letter.
        let Some(at) = next_guid_word(&text[i..]) else { break };
        let mut j = i + at + 4;
        let gap_end = (j + MAX_GAP).min(text.len());
        while j < gap_end && is_gap(text[j]) {
            j += 1;
        }
        let hex_end = j + 32;
        if hex_end <= text.len()
            && text[j..hex_end].iter().all(u8::is_ascii_hexdigit)
            && text.get(hex_end).is_none_or(|b| !b.is_ascii_hexdigit())
        {
            if let Some(g) = std::str::from_utf8(&text[j..hex_end]).ok().and_then(Guid::parse) {
                out.push(g);
            }
            i = hex_end;
        } else {
            i = i + at + 4;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Where the word "guid" (any case) first starts in `text`.
fn next_guid_word(text: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'g', b'G', &text[from..]) {
        let at = from + at;
        if text.get(at + 1..at + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"uid")) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Every run of exactly 32 hex digits in `text` (sorted, deduplicated). A run of 32
/// starting in `[i, i + 31]` covers `i + 31`: where that byte is no hex digit, the
/// whole window is skipped (most bytes of a YAML file are never looked at).
pub fn hex_runs(text: &[u8]) -> Vec<Guid> {
    let n = text.len();
    let mut out = Vec::new();
    // Invariant: `i == 0` or `text[i - 1]` is no hex digit.
    let mut i = 0;
    while i + 32 <= n {
        if !text[i + 31].is_ascii_hexdigit() {
            i += 32;
            continue;
        }
        let mut start = i + 31;
        while start > i && text[start - 1].is_ascii_hexdigit() {
            start -= 1;
        }
        let mut end = i + 32;
        while end < n && text[end].is_ascii_hexdigit() {
            end += 1;
        }
        if end - start == 32 {
            if let Some(g) = std::str::from_utf8(&text[start..end]).ok().and_then(Guid::parse) {
                out.push(g);
            }
        }
        i = end + 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The keyed and loose mentions of `text`.
pub fn mentions(text: &[u8]) -> FileRefs {
    let guids = guids_in(text);
    let loose = hex_runs(text).into_iter().filter(|g| guids.binary_search(g).is_err()).collect();
    FileRefs { guids, loose, scanned: true, stamp: None }
}

/// True if `bytes` look like text (no NUL in the first 8 KiB), as Unity's YAML,
/// UXML, USS and JSON assets are; binary-serialized assets and images are not.
pub fn is_text(bytes: &[u8]) -> bool {
    !bytes[..bytes.len().min(8192)].contains(&0)
}

/// Extensions whose files never mention GUIDs (images, sound, models, scripts, fonts,
/// video, plugins): read as "references nothing" without reading them.
pub fn never_references(ext: &str) -> bool {
    matches!(
        ext,
        "png" | "jpg" | "jpeg" | "tga" | "psd" | "tif" | "tiff" | "bmp" | "gif" | "exr" | "hdr" | "iff" | "pict"
            | "wav" | "mp3" | "ogg" | "aif" | "aiff" | "flac" | "mod" | "it" | "s3m" | "xm"
            | "fbx" | "obj" | "dae" | "3ds" | "blend" | "max" | "ma" | "mb" | "dxf"
            | "cs" | "ttf" | "otf" | "mp4" | "mov" | "webm" | "dll" | "so" | "a" | "aar" | "jar" | "pdf" | "zip"
    )
}

/// Scans the contents of a file (`None` when it was not read).
pub fn scan(bytes: Option<&[u8]>) -> FileRefs {
    match bytes {
        Some(b) if is_text(b) => FileRefs { scanned: b.len() <= MAX_SCAN_BYTES, ..mentions(b) },
        Some(_) => FileRefs { scanned: false, ..FileRefs::default() },
        None => FileRefs { scanned: true, ..FileRefs::default() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const A: &str = "0123456789abcdef0123456789abcdef";
    const B: &str = "fedcba9876543210fedcba9876543210";

    fn g(s: &str) -> Guid {
        Guid::parse(s).unwrap()
    }

    #[test]
    fn finds_unity_yaml_uxml_and_json_mentions() {
        let yaml = format!("  m_Shader: {{fileID: 46, guid: {A}, type: 0}}\n  m_Texture: {{fileID: 2800000, guid: {B}, type: 3}}\n");
        assert_eq!(guids_in(yaml.as_bytes()), vec![g(A), g(B)]);
        let uxml = format!("<Style src=\"project://database/Assets/UI/a.uss?fileID=7433441132597879392&amp;guid={A}&amp;type=3#a\" />");
        assert_eq!(guids_in(uxml.as_bytes()), vec![g(A)]);
        let json = format!("{{\"m_SerializedSubGraph\": \"{{\\n    \\\"subgraph\\\": {{\\n        \\\"guid\\\": \\\"{B}\\\"\\n\"}}");
        assert_eq!(guids_in(json.as_bytes()), vec![g(B)]);
        assert_eq!(guids_in(format!("m_AssetGUID: {A}\n").as_bytes()), vec![g(A)]);
    }

    #[test]
    fn ignores_hashes_and_partial_hex() {
        let text = format!("spriteID: {A}\nm_Hash: {B}\nguid: {A}ff\nguid: 0123\nguid:\n");
        assert!(guids_in(text.as_bytes()).is_empty());
    }

    #[test]
    fn loose_runs_are_kept_apart() {
        let text = format!("\"m_FunctionSource\": \"{A}\",\nguid: {B}\nx{A}y\n");
        let r = mentions(text.as_bytes());
        assert_eq!((r.guids, r.loose), (vec![g(B)], vec![g(A)]));
    }

    #[test]
    fn binary_is_not_scanned() {
        assert!(!scan(Some(b"UnityFS\0\0\x01guid: 0123")).scanned);
        assert!(scan(None).scanned);
    }

    /// The byte-by-byte definitions the fast scans must agree with.
    fn hex_runs_model(text: &[u8]) -> Vec<Guid> {
        let mut out = Vec::new();
        let mut run = 0;
        for i in 0..=text.len() {
            if i < text.len() && text[i].is_ascii_hexdigit() {
                run += 1;
                continue;
            }
            if run == 32 {
                out.extend(std::str::from_utf8(&text[i - 32..i]).ok().and_then(Guid::parse));
            }
            run = 0;
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn guid_word_model(text: &[u8]) -> Option<usize> {
        text.windows(4).position(|w| w.eq_ignore_ascii_case(b"guid"))
    }

    proptest! {
        #[test]
        fn fast_scans_agree_with_the_byte_by_byte_ones(
            parts in proptest::collection::vec(prop_oneof![
                "[0-9a-fA-F]{1,40}", "[g-zG-Z :,\n{}]{1,6}", Just("guid: ".to_string()), Just("GUID".to_string()), "[0-9a-f]{32}"
            ], 0..30)
        ) {
            let text = parts.concat();
            prop_assert_eq!(hex_runs(text.as_bytes()), hex_runs_model(text.as_bytes()));
            prop_assert_eq!(next_guid_word(text.as_bytes()), guid_word_model(text.as_bytes()));
        }

        #[test]
        fn never_panics_and_finds_what_is_planted(noise in proptest::collection::vec(any::<u8>(), 0..300), planted in any::<u128>().prop_filter("nonzero", |g| *g != 0)) {
            let _ = guids_in(&noise);
            let mut text = noise.iter().map(|b| if b.is_ascii_hexdigit() { b'x' } else { *b }).collect::<Vec<u8>>();
            text.extend_from_slice(format!(" guid: {:032x}\n", planted).as_bytes());
            prop_assert!(guids_in(&text).contains(&Guid(planted)));
        }
    }
}
