//! Random variations of real Editor-written metas (tests/fixtures/metas, copied byte
//! for byte from the corpus) parse to the same GUID, folder flag and importer, and
//! never panic: a BOM, CRLF or CR line endings, no final newline, trailing spaces,
//! unknown top-level keys, and top-level sections in another order.

use proptest::prelude::*;
use unity_mcp_engine::meta::{self, Guid, MetaFile};

const FIXTURES: &[(&str, &[u8])] = &[
    ("model.fbx.meta", include_bytes!("fixtures/metas/model.fbx.meta")),
    ("graph.shadergraph.meta", include_bytes!("fixtures/metas/graph.shadergraph.meta")),
    ("style.uss.meta", include_bytes!("fixtures/metas/style.uss.meta")),
    ("bom_script.cs.meta", include_bytes!("fixtures/metas/bom_script.cs.meta")),
    ("minimal.cs.meta", include_bytes!("fixtures/metas/minimal.cs.meta")),
    ("old_texture.jpg.meta", include_bytes!("fixtures/metas/old_texture.jpg.meta")),
    ("folder.meta", include_bytes!("fixtures/metas/folder.meta")),
    ("sprite.png.meta", include_bytes!("fixtures/metas/sprite.png.meta")),
];

/// The top-level blocks of a meta: each top-level line with the indented lines under it.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        match out.last_mut() {
            Some(block) if line.starts_with([' ', '-']) => block.push(line.to_string()),
            _ => out.push(vec![line.to_string()]),
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Variation {
    bom: bool,
    /// 0: LF, 1: CRLF, 2: CR.
    ending: u8,
    final_newline: bool,
    trailing_spaces: bool,
    extra_keys: Vec<(String, String)>,
    /// A permutation seed for the top-level blocks.
    shuffle: u64,
}

fn variation() -> impl Strategy<Value = Variation> {
    (
        any::<bool>(),
        0..3u8,
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(("[a-z][a-zA-Z]{0,10}", "[ -~]{0,20}"), 0..4),
        any::<u64>(),
    )
        .prop_map(|(bom, ending, final_newline, trailing_spaces, extra_keys, shuffle)| Variation {
            bom,
            ending,
            final_newline,
            trailing_spaces,
            extra_keys,
            shuffle,
        })
}

fn apply(original: &[u8], v: &Variation) -> Vec<u8> {
    let text = String::from_utf8_lossy(original);
    let text = text.trim_start_matches('\u{feff}');
    let mut blocks = blocks(text);
    for (k, value) in &v.extra_keys {
        // Unknown keys; never one the reader looks at.
        if !matches!(k.as_str(), "guid" | "fileFormatVersion" | "folderAsset") && !k.ends_with("Importer") {
            blocks.push(vec![format!("{k}: {value}")]);
        }
    }
    // Fisher-Yates with a tiny LCG: any order of the top-level blocks.
    let mut state = v.shuffle | 1;
    for i in (1..blocks.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        blocks.swap(i, j);
    }
    let eol = ["\n", "\r\n", "\r"][v.ending as usize];
    let lines: Vec<String> =
        blocks.concat().into_iter().map(|l| if v.trailing_spaces { format!("{l}  \t") } else { l }).collect();
    let mut out = if v.bom { "\u{feff}".to_string() } else { String::new() };
    out.push_str(&lines.join(eol));
    if v.final_newline {
        out.push_str(eol);
    }
    out.into_bytes()
}

fn essentials(m: &MetaFile) -> (Guid, bool, Option<String>) {
    (m.guid, m.folder_asset, m.importer.clone())
}

#[test]
fn every_fixture_parses_as_is() {
    for (name, bytes) in FIXTURES {
        let m = meta::parse(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&bytes[m.guid_span.clone()], m.guid.to_string().as_bytes(), "{name}");
        assert_eq!(m.folder_asset, *name == "folder.meta");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn variations_of_real_metas_keep_their_guid(which in 0..FIXTURES.len(), v in variation()) {
        let (name, original) = FIXTURES[which];
        let expected = essentials(&meta::parse(original).unwrap());
        let varied = apply(original, &v);
        let got = meta::parse(&varied);
        prop_assert!(got.is_ok(), "{}: {:?}\n{:?}", name, got, String::from_utf8_lossy(&varied));
        let got = got.unwrap();
        prop_assert_eq!(essentials(&got), expected);
        // The span points at the GUID, so a re-identification changes only it.
        let hex = got.guid.to_string();
        prop_assert_eq!(&varied[got.guid_span.clone()], hex.as_bytes());
        let fresh = meta::with_guid(&varied, &got, Guid(0x1234));
        prop_assert_eq!(meta::parse(&fresh).unwrap().guid, Guid(0x1234));
        prop_assert_eq!(fresh.len(), varied.len());
    }

    #[test]
    fn damaged_real_metas_never_panic(which in 0..FIXTURES.len(), cut in any::<usize>(), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8)) {
        let mut bytes = FIXTURES[which].1.to_vec();
        bytes.truncate(cut % (bytes.len() + 1));
        for (at, b) in flips {
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] = b;
            }
        }
        let _ = meta::parse(&bytes);
    }
}
