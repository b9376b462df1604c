//! Property tests of the Unity YAML reader and writer: generated documents (nested
//! mappings, block and flow sequences, flow mappings, references with negative
//! fileIDs, plain, quoted and folded strings) round-trip byte for byte through
//! parse + any single SetProperty + setting the old value back.

use super::emit::{self, Place};
use super::json::to_json;
use super::node::{Node, NodeKind};
use super::set::{plan, GuidCheck};
use super::UnityFile;
use crate::text::{splice, Text};
use proptest::prelude::*;

/// A generated value.
#[derive(Clone, Debug)]
enum V {
    Int(i64),
    Float(f32),
    Str(String),
    Ref(i64, Option<(String, i32)>),
    Vec3(f32, f32, f32),
    Map(Vec<(String, V)>),
    Seq(Vec<V>),
    Empty,
}

fn key() -> impl Strategy<Value = String> {
    "m_[A-Z][a-zA-Z]{0,8}"
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9 ]{0,20}",
        // Needs quotes: `: `, ` #`, leading indicators, quotes inside.
        "[a-z]{1,5}: [a-z#' ]{0,10}",
        "['\\-\\[{&*!|>%@][a-z ]{0,8}",
        // Long enough to fold, with line breaks and non-ASCII.
        "([a-z]{1,9} ){10,30}[a-z]{1,5}",
        "[a-z ]{0,30}\n[a-z ]{0,30}(\n\n[a-zé✓ ]{0,20})?",
        Just(String::new()),
    ]
}

fn leaf() -> impl Strategy<Value = V> {
    prop_oneof![
        any::<i64>().prop_map(V::Int),
        (-1.0e6f32..1.0e6).prop_map(V::Float),
        any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(V::Float),
        text().prop_map(V::Str),
        (any::<i64>(), proptest::option::of(("[0-9a-f]{32}", 0i32..4))).prop_map(|(f, g)| V::Ref(f, g)),
        (-100f32..100.0, -100f32..100.0, -100f32..100.0).prop_map(|(x, y, z)| V::Vec3(x, y, z)),
        Just(V::Empty),
    ]
}

fn value() -> impl Strategy<Value = V> {
    leaf().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec((key(), inner.clone()), 1..5).prop_map(|entries| {
                // Keys are unique within a mapping, as Unity writes them.
                let mut seen = std::collections::HashSet::new();
                V::Map(entries.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect())
            }),
            proptest::collection::vec(inner, 1..4).prop_map(V::Seq),
        ]
    })
}

/// Writes `v` as the value of a key whose line is `prefix` (e.g. `  m_Name:`),
/// the key at column `key_col`, in the Editor's layout.
fn write_value(out: &mut String, v: &V, key_col: usize) {
    let col = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
    let place = Place { column: col + 1, indent: key_col + 2, flow: false, wrap_flow: false };
    match v {
        V::Int(i) => out.push_str(&format!(" {i}\n")),
        V::Float(f) => out.push_str(&format!(" {}\n", emit::float(*f))),
        V::Str(s) => out.push_str(&format!(" {}\n", emit::string(s, place, "\n"))),
        V::Ref(f, g) => out.push_str(&format!(" {}\n", emit::reference(*f, g.as_ref().map(|(g, t)| (g.as_str(), *t)), place))),
        V::Vec3(x, y, z) => out.push_str(&format!(" {{x: {}, y: {}, z: {}}}\n", emit::float(*x), emit::float(*y), emit::float(*z))),
        V::Empty => out.push_str(" []\n"),
        V::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&" ".repeat(key_col + 2));
                out.push_str(k);
                out.push(':');
                write_value(out, v, key_col + 2);
            }
        }
        V::Seq(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(key_col));
                out.push('-');
                match item {
                    V::Map(entries) => {
                        for (i, (k, v)) in entries.iter().enumerate() {
                            if i == 0 {
                                out.push(' ');
                            } else {
                                out.push_str(&" ".repeat(key_col + 2));
                            }
                            out.push_str(k);
                            out.push(':');
                            write_value(out, v, key_col + 2);
                        }
                    }
                    V::Seq(_) => {
                        // A sequence directly in a sequence: Unity nests it under a key.
                        out.push_str(" inner:");
                        write_value(out, item, key_col + 2);
                    }
                    other => write_value(out, other, key_col),
                }
            }
        }
    }
}

fn document(file_id: i64, fields: &[(String, V)]) -> String {
    let mut out = format!("%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!114 &{file_id}\nMonoBehaviour:\n");
    for (k, v) in fields {
        out.push_str("  ");
        out.push_str(k);
        out.push(':');
        write_value(&mut out, v, 2);
    }
    out
}

/// Every scalar and reference with its property path.
fn leaves<'n, 'a>(n: &'n Node<'a>, at: String, out: &mut Vec<(String, &'n Node<'a>)>) {
    match &n.kind {
        NodeKind::Scalar { .. } => out.push((at, n)),
        NodeKind::Map { entries, flow: true } if entries.iter().any(|(k, _)| *k == "fileID") => out.push((at, n)),
        NodeKind::Map { entries, .. } if super::node::repeats_one_key(entries) => {
            for (i, (_, v)) in entries.iter().enumerate() {
                leaves(v, format!("{at}.Array.data[{i}]"), out);
            }
        }
        NodeKind::Map { entries, .. } => {
            for (k, v) in entries {
                leaves(v, if at.is_empty() { k.to_string() } else { format!("{at}.{k}") }, out);
            }
        }
        NodeKind::Seq { items, .. } => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{at}.Array.data[{i}]"), out);
            }
        }
    }
}

/// Sets `path` to `value_json` in `file`; the new file and the old value's JSON.
fn set(file: &str, file_id: i64, path: &str, value_json: &str) -> Result<(String, String), String> {
    let f = UnityFile::parse(file).map_err(|e| e.to_string())?;
    let doc = f.doc(file_id).ok_or("no doc")?;
    let body = f.body(doc).map_err(|e| e.to_string())?;
    let p = plan(file, &body, path, value_json, &|_| GuidCheck::Asset(2)).map_err(|e| format!("{e:?}"))?;
    let spans: Vec<(usize, usize, &str)> = p.spans.iter().map(|(s, e, t)| (*s, *e, t.as_str())).collect();
    let text = Text::decode(file.as_bytes()).map_err(|e| e.to_string())?;
    let out = String::from_utf8(splice(&text, &spans)?).map_err(|e| e.to_string())?;
    Ok((out, p.old_value_json))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn set_and_set_back_round_trip_byte_for_byte(
        file_id in any::<i64>(),
        fields in proptest::collection::vec((key(), value()), 1..6),
        pick in any::<prop::sample::Index>(),
        new_text in text(),
        new_number in -1.0e6f64..1.0e6,
        crlf in any::<bool>(),
    ) {
        // Keys are unique within a mapping, as Unity writes them.
        let mut seen = std::collections::HashSet::new();
        let fields: Vec<(String, V)> = fields.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect();
        // A file checked out with CRLF line ends (git on Windows) keeps them.
        let file = if crlf { document(file_id, &fields).replace('\n', "\r\n") } else { document(file_id, &fields) };
        let f = UnityFile::parse(&file).unwrap();
        prop_assert_eq!(f.docs[0].file_id, file_id);
        let body = f.body(&f.docs[0]).unwrap();
        let mut all = Vec::new();
        leaves(&body, String::new(), &mut all);
        let all: Vec<_> = all.into_iter().filter(|(p, _)| !p.is_empty()).collect();
        prop_assume!(!all.is_empty());
        let (path, node) = &all[pick.index(all.len())];
        let old_json = to_json(node);
        let new_json = match &node.kind {
            NodeKind::Map { .. } => "{\"fileID\": -42}".to_string(),
            _ if old_json.starts_with('"') => serde_json::to_string(&new_text).unwrap(),
            _ => format!("{new_number}"),
        };
        let (changed, returned_old) = set(&file, file_id, path, &new_json).unwrap();
        prop_assert_eq!(&returned_old, &old_json);
        // Only the value's bytes changed.
        let (start, end) = (node.span.start, node.span.end);
        prop_assert_eq!(&changed[..start], &file[..start]);
        prop_assert_eq!(&changed[changed.len() - (file.len() - end)..], &file[end..]);
        // The old value back: the file as it was.
        let (back, _) = set(&changed, file_id, path, &old_json).unwrap();
        prop_assert_eq!(back, file);
    }

    #[test]
    fn hostile_text_never_panics(text in "(%YAML 1.1\n)?(--- !u!-?[0-9]{1,3} &-?[0-9]{1,4}( stripped)?\n)?[a-zA-Z_:{}\\[\\], '\"\\-\n#&!|>]{0,200}") {
        if let Ok(f) = UnityFile::parse(&text) {
            for d in &f.docs {
                if let Ok(b) = f.body(d) {
                    let _ = to_json(&b);
                    let _ = super::hierarchy::hierarchy(&f);
                }
            }
        }
    }
}
