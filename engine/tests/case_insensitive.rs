//! A project on a case-insensitive file system (Windows, macOS by default), over the
//! in-memory file system in its case-insensitive mode: one file is one asset whatever
//! the spelling a client sends, answers use the on-disk spelling, case-only renames
//! keep the GUID, and nothing collides into two entries for one file.

use std::sync::Arc;
use unity_mcp_engine::fs::{EntryKind, FileSystem, MemFs};
use unity_mcp_engine::path::CaseRule;
use unity_mcp_engine::{AssetDb, AssetPath, ErrorKind, Op, RandomGuids};

fn p(s: &str) -> AssetPath {
    AssetPath::parse("asset_path", s).unwrap()
}

fn project() -> (MemFs, AssetDb) {
    let fs = MemFs::new_case_insensitive("P");
    fs.put_file("Assets/Art/hero.png", b"png");
    fs.put_file("Assets/Art/other.png", b"png2");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(3))).with_case_rule(CaseRule::Insensitive);
    db.refresh().unwrap();
    (fs, db)
}

#[test]
fn a_wrong_case_path_names_the_asset_and_answers_in_the_on_disk_spelling() {
    let (_fs, db) = project();
    let real = db.info(&p("Assets/Art/hero.png")).unwrap();
    for spelling in ["Assets/art/HERO.png", "Assets/ART/Hero.PNG"] {
        let info = db.info(&p(spelling)).unwrap();
        assert_eq!((info.guid, info.path.as_str()), (real.guid, "Assets/Art/hero.png"), "{spelling}");
        let imported = db.apply(&Op::Import(p(spelling))).unwrap();
        assert_eq!(imported, unity_mcp_engine::Outcome::Asset(real.clone()));
    }
    assert_eq!(db.known_guids(), 3, "Art, hero.png, other.png: never a second entry");
    db.verify_index().unwrap();
}

#[test]
fn a_case_only_rename_keeps_the_guid_and_renames_the_meta() {
    let (fs, db) = project();
    let guid = db.info(&p("Assets/Art/hero.png")).unwrap().guid;
    let moved = db.apply(&Op::Move { src: p("Assets/Art/hero.png"), dst: p("Assets/Art/Hero.png") }).unwrap();
    assert_eq!(moved, unity_mcp_engine::Outcome::Asset(db.info(&p("Assets/Art/Hero.png")).unwrap()));
    let names: Vec<String> = fs.list_dir("Assets/Art").unwrap().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Hero.png", "Hero.png.meta", "other.png", "other.png.meta"]);
    assert_eq!(db.info(&p("Assets/Art/hero.png")).unwrap().path.as_str(), "Assets/Art/Hero.png");
    assert_eq!(db.info(&p("Assets/Art/Hero.png")).unwrap().guid, guid);
    // A folder too, with what is inside it.
    let art = db.info(&p("Assets/Art")).unwrap().guid;
    db.apply(&Op::Move { src: p("Assets/Art"), dst: p("Assets/ART") }).unwrap();
    assert_eq!(fs.list_dir("Assets").unwrap().iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["ART", "ART.meta"]);
    assert_eq!(db.info(&p("Assets/art")).unwrap().guid, art);
    assert_eq!(db.info(&p("Assets/art/hero.png")).unwrap().path.as_str(), "Assets/ART/Hero.png");
    db.verify_index().unwrap();
    assert_eq!(db.refresh().unwrap().metas_created, 0);
}

#[test]
fn colliding_names_are_refused_never_two_entries_for_one_file() {
    let (fs, db) = project();
    let before = fs.snapshot();
    let refused = [
        Op::Copy { src: p("Assets/Art/other.png"), dst: p("Assets/Art/HERO.png") },
        Op::Move { src: p("Assets/Art/other.png"), dst: p("Assets/art/Hero.PNG") },
        Op::CreateFolder(p("Assets/art")),
        Op::Copy { src: p("Assets/Art/hero.png"), dst: p("Assets/Art/HERO.png") },
    ];
    for op in refused {
        let e = db.apply(&op).unwrap_err();
        assert_eq!(e.kind, ErrorKind::AlreadyExists, "{op:?}: {e}");
    }
    assert_eq!(fs.snapshot(), before, "a refused operation changed something");
    db.verify_index().unwrap();
}

#[test]
fn refresh_matches_a_meta_spelled_differently_from_its_asset() {
    let fs = MemFs::new_case_insensitive("P");
    // As a tool that renamed only the asset leaves it: Hero.png beside hero.png.meta.
    fs.put_file("Assets/Hero.png", b"png");
    fs.put_file("Assets/hero.png.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(3))).with_case_rule(CaseRule::Insensitive);
    db.build_index().unwrap();
    let r = db.refresh().unwrap();
    assert_eq!((r.metas_created, r.metas_removed), (0, 0), "no duplicate meta, no orphan");
    assert_eq!(db.info(&p("Assets/HERO.png")).unwrap().guid.to_string(), "0123456789abcdef0123456789abcdef");
    assert!(db.check_project().unwrap().iter().all(|p| p.kind != "orphan_meta" && p.kind != "missing_meta"));
    assert_eq!(fs.kind("Assets/hero.png.meta").unwrap(), Some(EntryKind::File));
}

#[test]
fn nfc_and_nfd_spellings_name_one_asset() {
    let fs = MemFs::new_case_insensitive("P");
    // macOS stores the decomposed form; clients send the composed one.
    fs.put_file("Assets/Cafe\u{301}.png", b"png");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(3))).with_case_rule(CaseRule::Insensitive);
    db.refresh().unwrap();
    let a = db.info(&p("Assets/Caf\u{e9}.png")).unwrap();
    assert_eq!(a.path.as_str(), "Assets/Cafe\u{301}.png");
    assert_eq!(db.known_guids(), 1);
}
