//! Unity semantics on the in-memory file system.

use std::sync::Arc;
use unity_mcp_engine::fs::{FileSystem, MemFs};
use unity_mcp_engine::meta;
use unity_mcp_engine::{AssetDb, AssetPath, ErrorKind, Op, Outcome, RandomGuids};

fn db() -> (MemFs, AssetDb) {
    let fs = MemFs::new("Demo");
    fs.put_dir("Assets");
    let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(7)));
    (fs, db)
}

fn p(s: &str) -> AssetPath {
    AssetPath::parse("asset_path", s).unwrap()
}

fn guid_in(fs: &MemFs, meta_path: &str) -> String {
    meta::parse(&fs.read(meta_path, 1 << 20).unwrap()).unwrap().guid.to_string()
}

#[test]
fn import_creates_meta_once_and_keeps_guid() {
    let (fs, db) = db();
    fs.put_file("Assets/Textures/hero.png", b"png");
    let a = db.import(&p("Assets/Textures/hero.png")).unwrap();
    assert_eq!(a.type_name, "Texture2D");
    assert_eq!(a.guid.to_string().len(), 32);
    let text = fs.read("Assets/Textures/hero.png.meta", 1 << 20).unwrap();
    assert!(String::from_utf8_lossy(&text).contains("TextureImporter:"));
    let again = db.import(&p("Assets/Textures/hero.png")).unwrap();
    assert_eq!(again.guid, a.guid);
    assert_eq!(fs.read("Assets/Textures/hero.png.meta", 1 << 20).unwrap(), text, "existing meta rewritten");
}

#[test]
fn folder_import_gives_metas_to_contents_but_not_ignored_names() {
    let (fs, db) = db();
    fs.put_file("Assets/Lib/a.cs", b"class A {}");
    fs.put_file("Assets/Lib/Sub/b.txt", b"b");
    fs.put_file("Assets/Lib/.hidden", b"h");
    fs.put_file("Assets/Lib/Backup~/c.cs", b"c");
    let a = db.import(&p("Assets/Lib")).unwrap();
    assert_eq!(a.type_name, "DefaultAsset");
    assert!(String::from_utf8_lossy(&fs.read("Assets/Lib.meta", 1 << 20).unwrap()).contains("folderAsset: yes"));
    for m in ["Assets/Lib/a.cs.meta", "Assets/Lib/Sub.meta", "Assets/Lib/Sub/b.txt.meta"] {
        assert!(fs.kind(m).unwrap().is_some(), "{m}");
    }
    for m in ["Assets/Lib/.hidden.meta", "Assets/Lib/Backup~.meta", "Assets/Lib/Backup~/c.cs.meta"] {
        assert!(fs.kind(m).unwrap().is_none(), "{m}");
    }
}

#[test]
fn import_missing_is_not_found() {
    let (_fs, db) = db();
    assert_eq!(db.import(&p("Assets/nope.png")).unwrap_err().kind, ErrorKind::NotFound);
}

#[test]
fn folder_move_keeps_every_guid() {
    let (fs, db) = db();
    fs.put_file("Assets/Old/a.png", b"a");
    fs.put_file("Assets/Old/Deep/b.cs", b"b");
    fs.put_dir("Assets/New");
    db.import(&p("Assets/Old")).unwrap();
    let before: Vec<String> = ["Assets/Old.meta", "Assets/Old/a.png.meta", "Assets/Old/Deep.meta", "Assets/Old/Deep/b.cs.meta"]
        .iter()
        .map(|m| guid_in(&fs, m))
        .collect();
    let moved = db.move_asset(&p("Assets/Old"), &p("Assets/New/Renamed")).unwrap();
    assert_eq!(moved.guid.to_string(), before[0]);
    assert_eq!(moved.path.as_str(), "Assets/New/Renamed");
    let after: Vec<String> = [
        "Assets/New/Renamed.meta",
        "Assets/New/Renamed/a.png.meta",
        "Assets/New/Renamed/Deep.meta",
        "Assets/New/Renamed/Deep/b.cs.meta",
    ]
    .iter()
    .map(|m| guid_in(&fs, m))
    .collect();
    assert_eq!(before, after);
    assert!(fs.kind("Assets/Old").unwrap().is_none());
    assert!(fs.kind("Assets/Old.meta").unwrap().is_none());
}

#[test]
fn move_errors_change_nothing() {
    let (fs, db) = db();
    fs.put_file("Assets/a.png", b"a");
    fs.put_file("Assets/b.png", b"b");
    fs.put_dir("Assets/F");
    db.refresh().unwrap();
    let snap = fs.snapshot();
    let err = |s: &str, d: &str| db.move_asset(&p(s), &p(d)).unwrap_err().kind;
    assert_eq!(err("Assets/none.png", "Assets/x.png"), ErrorKind::NotFound);
    assert_eq!(err("Assets/a.png", "Assets/b.png"), ErrorKind::AlreadyExists);
    assert_eq!(err("Assets/a.png", "Assets/NoDir/a.png"), ErrorKind::Precondition);
    assert_eq!(err("Assets/a.png", "Assets/b.png/a.png"), ErrorKind::Precondition);
    assert_eq!(err("Assets/F", "Assets/F/G"), ErrorKind::Invalid);
    assert_eq!(err("Assets/F", "Assets/F"), ErrorKind::Invalid);
    assert_eq!(fs.snapshot(), snap);
}

#[test]
fn failed_rename_rolls_back_the_meta_copy() {
    let (fs, db) = db();
    fs.put_file("Assets/a.png", b"a");
    db.refresh().unwrap();
    let snap = fs.snapshot();
    fs.set_fault(Some(Arc::new(|call, _| (call == unity_mcp_engine::fs::FsCall::Rename).then_some(std::io::ErrorKind::Other))));
    assert_eq!(db.move_asset(&p("Assets/a.png"), &p("Assets/b.png")).unwrap_err().kind, ErrorKind::Internal);
    assert_eq!(fs.snapshot(), snap);
}

#[test]
fn disk_full_is_resource_exhausted_and_leaves_no_meta() {
    let (fs, db) = db();
    fs.put_file("Assets/a.png", b"a");
    fs.set_fault(Some(Arc::new(|call, _| (call == unity_mcp_engine::fs::FsCall::Write).then_some(std::io::ErrorKind::StorageFull))));
    let e = db.import(&p("Assets/a.png")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Exhausted);
    assert!(fs.kind("Assets/a.png.meta").unwrap().is_none());
    fs.set_fault(None);
    assert_eq!(db.refresh().unwrap().metas_created, 1);
}

#[test]
fn delete_file_and_folder_with_metas() {
    let (fs, db) = db();
    fs.put_file("Assets/F/a.png", b"a");
    fs.put_file("Assets/b.png", b"b");
    db.refresh().unwrap();
    db.delete(&p("Assets/F")).unwrap();
    db.delete(&p("Assets/b.png")).unwrap();
    let left: Vec<String> = fs.snapshot().into_iter().map(|(p, _)| p).collect();
    assert_eq!(left, vec!["Assets".to_string()]);
    assert_eq!(db.delete(&p("Assets/b.png")).unwrap_err().kind, ErrorKind::NotFound);
}

#[test]
fn refresh_repairs_missing_and_orphan_metas_and_honours_ignore_rules() {
    let (fs, db) = db();
    fs.put_file("Assets/a.png", b"a");
    fs.put_file("Assets/Dir/b.cs", b"b");
    fs.put_file("Assets/gone.png.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n");
    fs.put_file("Assets/.git/config", b"x");
    fs.put_file("Assets/Tmp~/x.png", b"x");
    fs.put_file("Assets/cvs/x.png", b"x");
    fs.put_file("Assets/work.tmp", b"x");
    fs.put_file("Assets/.umcp-a.png.meta.1.tmp", b"partial");
    fs.put_file("Packages/com.acme.tool/Runtime/T.cs", b"t");
    fs.put_file("Packages/manifest.json", b"{}");
    let r = db.refresh().unwrap();
    assert_eq!(r.metas_created, 5, "a.png, Dir, Dir/b.cs, Runtime, Runtime/T.cs: {r:?}");
    assert_eq!(r.metas_removed, 1);
    assert_eq!(r.temps_removed, 1);
    for m in ["Assets/.git.meta", "Assets/Tmp~.meta", "Assets/cvs.meta", "Assets/work.tmp.meta", "Packages/manifest.json.meta", "Packages/com.acme.tool.meta"] {
        assert!(fs.kind(m).unwrap().is_none(), "{m} must not exist");
    }
    assert!(fs.kind("Packages/com.acme.tool/Runtime/T.cs.meta").unwrap().is_some());
    let again = db.refresh().unwrap();
    assert_eq!((again.metas_created, again.metas_removed), (0, 0));
}

#[test]
fn symlinks_are_refused_not_followed() {
    let (fs, db) = db();
    fs.put_symlink("Assets/Outside", "/etc");
    fs.put_symlink("Assets/link.png", "/etc/passwd");
    assert_eq!(db.import(&p("Assets/Outside")).unwrap_err().kind, ErrorKind::Precondition);
    assert_eq!(db.import(&p("Assets/Outside/passwd")).unwrap_err().kind, ErrorKind::Precondition);
    assert_eq!(db.delete(&p("Assets/link.png")).unwrap_err().kind, ErrorKind::Precondition);
    assert_eq!(db.move_asset(&p("Assets/link.png"), &p("Assets/x.png")).unwrap_err().kind, ErrorKind::Precondition);
    db.refresh().unwrap();
    assert!(fs.kind("Assets/Outside.meta").unwrap().is_none());
}

#[test]
fn corrupt_meta_is_a_failed_precondition() {
    let (fs, db) = db();
    fs.put_file("Assets/a.png", b"a");
    fs.put_file("Assets/a.png.meta", b"garbage");
    let e = db.import(&p("Assets/a.png")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Precondition);
    assert!(e.message.contains("no 'guid:' line") && e.message.contains("restore it"), "{}", e.message);
}

#[test]
fn project_info_reads_settings_or_falls_back() {
    let (fs, db) = db();
    assert_eq!(db.project_info().project_name, "Demo");
    fs.put_file("ProjectSettings/ProjectSettings.asset", b"PlayerSettings:\n  companyName: Acme\n  productName: Space Game\n");
    fs.put_file("ProjectSettings/ProjectVersion.txt", b"m_EditorVersion: 2022.3.21f1\nm_EditorVersionWithRevision: 2022.3.21f1 (abc)\n");
    let info = db.project_info();
    assert_eq!(info.project_name, "Space Game");
    assert_eq!(info.unity_version, "2022.3.21f1");
}

#[test]
fn apply_matches_the_direct_calls() {
    let (fs, db) = db();
    fs.put_file("Assets/a.txt", b"a");
    match db.apply(&Op::import("Assets/a.txt").unwrap()).unwrap() {
        Outcome::Asset(a) => assert_eq!(a.type_name, "TextAsset"),
        o => panic!("{o:?}"),
    }
    assert_eq!(db.apply(&Op::delete("Assets/a.txt").unwrap()).unwrap(), Outcome::Deleted { referenced_by: vec![] });
}
