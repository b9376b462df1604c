//! ReadText, WriteText and EditText on the in-memory file system (issue 20's core).

use std::sync::Arc;
use unity_mcp_engine::db::Target;
use unity_mcp_engine::fs::{FileSystem, MemFs};
use unity_mcp_engine::text::{sha256_hex, TextEdit};
use unity_mcp_engine::{AssetDb, AssetPath, ErrorKind, Op, Outcome, RandomGuids};

fn db() -> (MemFs, AssetDb) {
    let fs = MemFs::new("Demo");
    fs.put_dir("Assets");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(3)));
    let _ = db.build_index();
    (fs, db)
}

fn p(s: &str) -> AssetPath {
    AssetPath::parse("asset_path", s).unwrap()
}

fn edit(sl: u32, sc: u32, el: u32, ec: u32, t: &str) -> TextEdit {
    TextEdit { start_line: sl, start_column: sc, end_line: el, end_column: ec, new_text: t.into() }
}

const HERO: &[u8] = b"\xEF\xBB\xBFusing UnityEngine;\r\n\r\npublic class Hero : MonoBehaviour\r\n{\r\n}\r\n";
const HERO_META: &[u8] = b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\nMonoImporter:\n";

#[test]
fn read_gives_lines_hash_bom_and_endings() {
    let (fs, db) = db();
    fs.put_file("Assets/Hero.cs", HERO);
    fs.put_file("Assets/Hero.cs.meta", HERO_META);
    let r = db.read_text(&p("Assets/Hero.cs"), 3, 2).unwrap();
    assert_eq!(r.text, "public class Hero : MonoBehaviour\r\n{\r\n");
    assert_eq!((r.total_lines, r.line_ending, r.bom), (5, "crlf", true));
    assert_eq!(r.sha256, sha256_hex(HERO), "the hash is of the whole file");
    assert_eq!(r.asset.map(|a| a.guid.to_string()), Some("0123456789abcdef0123456789abcdef".to_string()));
    fs.put_file("Assets/tex.png", b"\x89PNG\r\n\x1a\n\0\0");
    assert_eq!(db.read_text(&p("Assets/tex.png"), 0, 0).unwrap_err().kind, ErrorKind::Precondition);
    assert_eq!(db.read_text(&p("Assets/none.cs"), 0, 0).unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(Op::read_text("Assets/Hero.cs.meta", 0, 0).unwrap_err().kind, ErrorKind::Invalid, "the server owns .meta files");
}

#[test]
fn a_replacing_write_keeps_meta_bom_and_crlf() {
    let (fs, db) = db();
    fs.put_file("Assets/Hero.cs", HERO);
    fs.put_file("Assets/Hero.cs.meta", HERO_META);
    let w = db.write_text(&p("Assets/Hero.cs"), "class Hero {}\n// end\n", Some(&sha256_hex(HERO))).unwrap();
    assert!(!w.created);
    assert_eq!(fs.read("Assets/Hero.cs", 1 << 20).unwrap(), b"\xEF\xBB\xBFclass Hero {}\r\n// end\r\n");
    assert_eq!(fs.read("Assets/Hero.cs.meta", 1 << 20).unwrap(), HERO_META, "the .meta is untouched");
    assert_eq!(w.sha256, sha256_hex(&fs.read("Assets/Hero.cs", 1 << 20).unwrap()));
}

#[test]
fn a_new_file_gets_its_folders_and_metas() {
    let (fs, db) = db();
    let w = db.write_text(&p("Assets/Scripts/AI/Brain.cs"), "public class Brain {}\r\n", None).unwrap();
    assert!(w.created);
    assert_eq!(w.folders_created.iter().map(|a| a.path.as_str()).collect::<Vec<_>>(), vec!["Assets/Scripts", "Assets/Scripts/AI"]);
    assert!(w.folders_created.iter().all(|a| a.folder));
    assert_eq!(fs.read("Assets/Scripts/AI/Brain.cs", 1 << 20).unwrap(), b"public class Brain {}\n", "new files: no BOM, LF");
    let meta = String::from_utf8(fs.read("Assets/Scripts/AI/Brain.cs.meta", 1 << 20).unwrap()).unwrap();
    // A Unity 6 project (no ProjectVersion.txt: the newest layout): the two-line meta.
    assert_eq!(meta, format!("fileFormatVersion: 2\nguid: {}", w.asset.guid));
    assert!(fs.read("Assets/Scripts.meta", 1 << 20).is_ok() && fs.read("Assets/Scripts/AI.meta", 1 << 20).is_ok());
    assert_eq!(w.asset.type_name, "MonoScript");
}

#[test]
fn a_stale_precondition_changes_nothing() {
    let (fs, db) = db();
    fs.put_file("Assets/a.txt", b"one\n");
    let stale = sha256_hex(b"something else");
    for e in [
        db.write_text(&p("Assets/a.txt"), "two\n", Some(&stale)).unwrap_err(),
        db.edit_text(&p("Assets/a.txt"), &[edit(1, 1, 1, 1, "x")], Some(&stale)).unwrap_err(),
    ] {
        assert_eq!(e.kind, ErrorKind::Aborted);
        assert!(e.message.contains(&sha256_hex(b"one\n")), "the current hash is in the message: {}", e.message);
    }
    assert_eq!(fs.read("Assets/a.txt", 1 << 20).unwrap(), b"one\n");
    assert_eq!(db.write_text(&p("Assets/gone.txt"), "x", Some(&stale)).unwrap_err().kind, ErrorKind::Aborted);
    assert!(fs.read("Assets/gone.txt", 1 << 20).is_err(), "a precondition on a missing file creates nothing");
}

#[test]
fn edits_change_only_their_spans_or_nothing() {
    let (fs, db) = db();
    fs.put_file("Assets/Hero.cs", HERO);
    fs.put_file("Assets/Hero.cs.meta", HERO_META);
    let w = db.edit_text(&p("Assets/Hero.cs"), &[edit(3, 14, 3, 18, "Villain"), edit(4, 2, 4, 2, "\n    int hp;")], None).unwrap();
    let after = fs.read("Assets/Hero.cs", 1 << 20).unwrap();
    assert_eq!(after, b"\xEF\xBB\xBFusing UnityEngine;\r\n\r\npublic class Villain : MonoBehaviour\r\n{\r\n    int hp;\r\n}\r\n");
    assert_eq!(w.sha256, sha256_hex(&after));
    let e = db.edit_text(&p("Assets/Hero.cs"), &[edit(1, 1, 1, 5, "a"), edit(1, 3, 1, 4, "b")], None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(fs.read("Assets/Hero.cs", 1 << 20).unwrap(), after, "an overlapping edit changes nothing");
}

#[test]
fn the_index_sees_a_written_reference_at_once() {
    let (fs, db) = db();
    fs.put_file("Assets/t.png", b"png");
    let tex = db.import(&p("Assets/t.png")).unwrap();
    let mat = format!("%YAML 1.1\n--- !u!21 &2100000\nMaterial:\n  m_Texture: {{fileID: 2800000, guid: {}, type: 3}}\n", tex.guid);
    let w = db.write_text(&p("Assets/m.mat"), &mat, None).unwrap();
    let refs = db.find_references(&Target::Path(p("Assets/t.png"))).unwrap();
    assert_eq!(refs.iter().map(|a| a.guid).collect::<Vec<_>>(), vec![w.asset.guid]);
    // And through the operation the scheduler runs.
    match db.apply(&Op::read_text("Assets/m.mat", 0, 0).unwrap()) {
        Ok(Outcome::Text(t)) => assert_eq!(t.text, mat),
        other => panic!("{other:?}"),
    }
    db.verify_index().unwrap();
}

#[test]
fn search_finds_lines_in_text_assets_only() {
    let (fs, db) = db();
    fs.put_file("Assets/Scripts/Hero.cs", b"using UnityEngine;\npublic class Hero : MonoBehaviour {}\n");
    fs.put_file("Assets/Scripts/Hero.cs.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n");
    fs.put_file("Assets/Scripts/Enemy.cs", "// é\npublic class Enemy : MonoBehaviour {}\n".as_bytes());
    fs.put_file("Assets/tex.png", b"MonoBehaviour\0binary");
    fs.put_file("Assets/.hidden/x.cs", b"MonoBehaviour");
    let search = |pattern: &str, glob: &str, limit: u32, ci: bool| match db.apply(&Op::search_text(pattern, glob, limit, ci).unwrap()) {
        Ok(Outcome::Matches { matches, truncated }) => (matches.iter().map(|m| (m.path.as_str().to_string(), m.line, m.column)).collect::<Vec<_>>(), truncated),
        other => panic!("{other:?}"),
    };
    let (found, truncated) = search(r"class\s+\w+\s*:\s*MonoBehaviour", "", 0, false);
    assert_eq!(found, vec![("Assets/Scripts/Enemy.cs".to_string(), 2, 8), ("Assets/Scripts/Hero.cs".to_string(), 2, 8)]);
    assert!(!truncated, "binary files, .meta files and ignored names are not searched");
    assert_eq!(search("monobehaviour", "Assets/**/Hero.cs", 0, true).0.len(), 1);
    assert_eq!(search("MonoBehaviour", "", 1, false), (vec![("Assets/Scripts/Enemy.cs".to_string(), 2, 22)], true));
    assert_eq!(search("guid", "", 0, false).0, vec![], ".meta files are not searched");
    assert_eq!(Op::search_text("(", "", 0, false).unwrap_err().kind, ErrorKind::Invalid);
    assert_eq!(Op::search_text("a{1000}{1000}", "", 0, false).unwrap_err().kind, ErrorKind::Invalid, "a pattern too large to compile");
}

#[test]
fn max_text_bytes_bounds_reads_and_writes() {
    let fs = MemFs::new("Demo");
    fs.put_dir("Assets");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(3))).with_max_text_bytes(16);
    fs.put_file("Assets/big.txt", b"0123456789abcdefXYZ");
    let e = db.read_text(&p("Assets/big.txt"), 0, 0).unwrap_err();
    assert!(e.kind == ErrorKind::Precondition && e.message.contains("max_text_bytes"), "{e:?}");
    let e = db.write_text(&p("Assets/new.txt"), "0123456789abcdefXYZ", None).unwrap_err();
    assert!(e.kind == ErrorKind::Invalid && e.message.contains("max_text_bytes"), "{e:?}");
    assert!(fs.read("Assets/new.txt", 1 << 20).is_err(), "nothing written");
    db.write_text(&p("Assets/new.txt"), "small", None).unwrap();
}

mod parallel_search {
    use super::*;
    use proptest::prelude::*;
    use unity_mcp_engine::db::{SearchQuery, Stop};

    /// A project of `folders` folders of a few files each, some lines matching.
    fn project(folders: usize, seed: u64) -> (MemFs, Vec<AssetDb>) {
        let fs = MemFs::new("Demo");
        fs.put_dir("Assets");
        let mut x = seed | 1;
        for f in 0..folders {
            let dir = format!("Assets/F{f:02}{}", if f % 3 == 0 { " b" } else { "" });
            fs.put_dir(&dir);
            for n in 0..(x % 5) as usize {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let body: String = (0..(x % 6)).map(|l| if (x >> l) & 1 == 1 { format!("hit {l}\r\n") } else { format!("miss {l}\n") }).collect();
                fs.put_file(&format!("{dir}/f{n}.txt"), body.as_bytes());
            }
            if f % 4 == 0 {
                fs.put_dir(&format!("{dir}/Sub"));
                fs.put_file(&format!("{dir}/Sub/deep.txt"), b"hit deep\n");
            }
        }
        let dbs = [1, 2, 4, 7]
            .iter()
            .map(|&t| AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(1))).with_search_threads(t))
            .collect();
        (fs, dbs)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any number of threads gives the sequential answer: the first `limit`
        /// matches in path order, and whether more matched.
        #[test]
        fn threads_do_not_change_the_answer(folders in 1usize..40, seed in any::<u64>(), limit in 1u32..30, anchored in any::<bool>()) {
            let (_fs, dbs) = project(folders, seed);
            let pattern = if anchored { "^hit \\d$" } else { "hit" };
            let q = SearchQuery { pattern: pattern.into(), path_glob: None, limit, case_insensitive: false };
            let answers: Vec<_> = dbs.iter().map(|db| db.search_text_within(&q, &Stop::never()).unwrap()).collect();
            for a in &answers[1..] {
                prop_assert_eq!(a, &answers[0]);
            }
            // Against the whole answer: the first `limit` of all matches.
            let all = dbs[0].search_text_within(&SearchQuery { limit: 10_000, ..q.clone() }, &Stop::never()).unwrap().0;
            prop_assert_eq!(&answers[0].0[..], &all[..all.len().min(limit as usize)]);
            prop_assert_eq!(answers[0].1, all.len() > limit as usize);
            let (matches, _) = &answers[0];
            prop_assert!(matches.len() <= limit as usize);
            prop_assert!(matches.windows(2).all(|w| (w[0].path.as_str(), w[0].line) < (w[1].path.as_str(), w[1].line)));
        }
    }
}
