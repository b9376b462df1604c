//! Fidelity on a real project the Unity Editor wrote (testdata/corpus, a copy of
//! shared/corpus: 1,088 Editor-written metas), unpacked per test into a temp folder,
//! through the production file system and the asset database.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use unity_mcp_engine::importers::UnityVersion;
use unity_mcp_engine::kind::{kind_for, FOLDER};
use unity_mcp_engine::meta::{self, Guid};
use unity_mcp_engine::{AssetDb, AssetPath, RandomGuids};
use unity_mcp_server::fs_std::StdFs;

/// Built-in resources Unity references; never on disk.
const BUILTIN_GUIDS: [&str; 2] = ["0000000000000000e000000000000000", "0000000000000000f000000000000000"];

fn corpus_tgz() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let shared = root.join("../shared/corpus/game-programming-patterns-demo.tgz");
    if shared.is_file() {
        return shared;
    }
    root.join("testdata/corpus/game-programming-patterns-demo.tgz")
}

/// The corpus, freshly unpacked.
fn unpack() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let status = std::process::Command::new("tar").arg("-xzf").arg(corpus_tgz()).arg("-C").arg(&project).status().unwrap();
    assert!(status.success(), "tar failed");
    (dir, project)
}

fn open(project: &Path) -> AssetDb {
    let db = AssetDb::new(Arc::new(StdFs::open(project).unwrap()), Arc::new(RandomGuids::seeded(9)));
    db.scan_guids().unwrap();
    db
}

fn p(s: &str) -> AssetPath {
    AssetPath::from_trusted(s)
}

/// Every file under `root`, relative path -> bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let path = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn changed(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

/// GUIDs of every `.meta` in the snapshot (path of the asset per GUID).
fn meta_guids(snap: &BTreeMap<String, Vec<u8>>) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (path, bytes) in snap {
        if let Some(asset) = path.strip_suffix(".meta") {
            let m = meta::parse(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
            out.entry(m.guid.to_string()).or_default().push(asset.to_string());
        }
    }
    out
}

/// Every `guid: <32 hex>` reference in text assets and metas (the metas' own `guid:`
/// lines excluded): (file, guid).
fn references(snap: &BTreeMap<String, Vec<u8>>) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, bytes) in snap {
        let text = String::from_utf8_lossy(bytes);
        for (i, _) in text.match_indices("guid") {
            let rest = text[i + 4..].trim_start_matches([':', '=', ' ']);
            let hex: String = rest.chars().take(32).collect();
            let own = path.ends_with(".meta") && text[..i].trim_end().rsplit('\n').next().map_or(true, |l| l.trim().is_empty());
            if hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()) && !own {
                out.insert((path.clone(), hex.to_lowercase()));
            }
        }
    }
    out
}

fn unresolved(snap: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    let guids = meta_guids(snap);
    references(snap)
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| !guids.contains_key(g) && !BUILTIN_GUIDS.contains(&g.as_str()))
        .collect()
}

/// The corpus's one orphan folder meta: git keeps no empty folder, only its `.meta`.
const ORPHAN_FOLDER_META: &str = "Assets/Settings/Build Profiles.meta";

#[test]
fn refresh_of_the_project_as_committed_removes_only_the_orphan_folder_meta_as_the_editor_does() {
    let (_dir, project) = unpack();
    let before = snapshot(&project);
    assert!(before.contains_key(ORPHAN_FOLDER_META) && !project.join("Assets/Settings/Build Profiles").exists());
    // Plant the other case met on a real Unity 6 project: a package manager's leftover.
    std::fs::write(project.join("Assets/Packages.meta"), b"fileFormatVersion: 2\nguid: 5d1a0f6a9c8b4e2f8a7b6c5d4e3f2a1b\nfolderAsset: yes\nDefaultImporter:\n  externalObjects: {}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n").unwrap();
    let db = open(&project);
    let problems = db.check_project().unwrap();
    let orphans: BTreeSet<&str> = problems.iter().filter(|p| p.kind == "orphan_meta").map(|p| p.asset_path.as_str()).collect();
    assert_eq!(orphans, BTreeSet::from([ORPHAN_FOLDER_META, "Assets/Packages.meta"]), "{problems:?}");
    let report = db.refresh().unwrap();
    assert_eq!((report.metas_created, report.metas_removed, report.temps_removed, report.reidentified_count), (0, 2, 0, 0));
    let expected: BTreeSet<String> = [ORPHAN_FOLDER_META.to_string()].into();
    assert_eq!(changed(&before, &snapshot(&project)), expected);
    assert!(!project.join("Assets/Packages.meta").exists());
    // Nothing more on a second Refresh.
    let again = db.refresh().unwrap();
    assert_eq!((again.metas_created, again.metas_removed, again.temps_removed, again.reidentified_count), (0, 0, 0, 0));
    // The corpus has no GUID twice, and its 4 BOM metas read like any other.
    assert!(meta_guids(&before).values().all(|paths| paths.len() == 1));
    assert_eq!(before.iter().filter(|(k, v)| k.ends_with(".meta") && v.starts_with(b"\xEF\xBB\xBF")).count(), 4);
}

#[test]
fn keep_orphan_folder_metas_keeps_them_and_refresh_changes_no_byte() {
    let (_dir, project) = unpack();
    std::fs::write(project.join("Assets/Packages.meta"), b"fileFormatVersion: 2\nguid: 5d1a0f6a9c8b4e2f8a7b6c5d4e3f2a1b\nfolderAsset: yes\n").unwrap();
    let before = snapshot(&project);
    let db = AssetDb::new(Arc::new(StdFs::open(&project).unwrap()), Arc::new(RandomGuids::seeded(9))).with_keep_orphan_folder_metas(true);
    db.scan_guids().unwrap();
    assert!(db.check_project().unwrap().iter().all(|p| p.kind != "orphan_meta"));
    for round in 0..2 {
        let report = db.refresh().unwrap();
        assert_eq!((report.metas_created, report.metas_removed, report.temps_removed, report.reidentified_count), (0, 0, 0, 0), "round {round}");
        assert!(changed(&before, &snapshot(&project)).is_empty(), "round {round}");
    }
    // A file's orphan meta goes all the same.
    std::fs::write(project.join("Assets/gone.png.meta"), b"fileFormatVersion: 2\nguid: 6d1a0f6a9c8b4e2f8a7b6c5d4e3f2a1b\n").unwrap();
    assert_eq!(db.refresh().unwrap().metas_removed, 1);
}

#[test]
fn refresh_repairs_exactly_what_is_missing_or_orphaned() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let before = snapshot(&project);
    let metas: Vec<&String> = before.keys().filter(|k| k.starts_with("Assets/") && k.ends_with(".meta")).collect();
    // Delete every 97th meta (a mix of folders, scripts, textures...).
    let deleted: Vec<String> = metas.iter().step_by(97).map(|s| s.to_string()).collect();
    for m in &deleted {
        std::fs::remove_file(project.join(m)).unwrap();
    }
    // Orphans: assets whose file went away behind the server's back (files only).
    let orphaned: Vec<String> = metas
        .iter()
        .skip(5)
        .step_by(131)
        .map(|s| s.to_string())
        .filter(|m| project.join(m.trim_end_matches(".meta")).is_file() && !deleted.contains(m))
        .collect();
    for m in &orphaned {
        std::fs::remove_file(project.join(m.trim_end_matches(".meta"))).unwrap();
    }
    // New files, and scratch files Unity ignores.
    std::fs::create_dir_all(project.join("Assets/New/Deep")).unwrap();
    for f in ["Assets/New/a.png", "Assets/New/Deep/b.shadergraph", "Assets/New/c.uxml"] {
        std::fs::write(project.join(f), b"x").unwrap();
    }
    for f in ["Assets/.DS_Store", "Assets/New/backup~", "Assets/New/edit.tmp", "Assets/New/.hidden.png"] {
        std::fs::write(project.join(f), b"scratch").unwrap();
    }
    let mid = snapshot(&project);
    let report = db.refresh().unwrap();
    let added = ["Assets/New.meta", "Assets/New/Deep.meta", "Assets/New/a.png.meta", "Assets/New/Deep/b.shadergraph.meta", "Assets/New/c.uxml.meta"];
    assert_eq!(report.metas_created as usize, deleted.len() + added.len());
    // The orphans, plus the folder meta git kept of an empty folder.
    assert_eq!(report.metas_removed as usize, orphaned.len() + 1);
    assert_eq!(report.reidentified_count, 0);
    let expected: BTreeSet<String> = deleted
        .iter()
        .cloned()
        .chain(orphaned.iter().cloned())
        .chain(added.iter().map(|s| s.to_string()))
        .chain([ORPHAN_FOLDER_META.to_string()])
        .collect();
    assert_eq!(changed(&mid, &snapshot(&project)), expected);
    // New metas carry the importer the Editor would write.
    let graph = std::fs::read_to_string(project.join("Assets/New/Deep/b.shadergraph.meta")).unwrap();
    assert!(graph.contains("ScriptedImporter:") && graph.contains("guid: 625f186215c104763be7675aa2d941aa"), "{graph}");
    assert_eq!(db.refresh().unwrap().metas_created, 0);
}

#[test]
fn a_tree_moved_and_moved_back_is_byte_identical_and_references_resolve() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let before = snapshot(&project);
    let lost_before = unresolved(&before);
    let tree = p("Assets/UnityTechnologies/_DesignPatterns");
    let moved = p("Assets/Moved");
    let asset = db.move_asset(&tree, &moved).unwrap();
    let mid = snapshot(&project);
    // While moved: the same GUIDs, the same references resolving.
    assert_eq!(unresolved(&mid), lost_before);
    assert_eq!(meta_guids(&mid).len(), meta_guids(&before).len());
    assert_eq!(asset.guid, meta::parse(&before["Assets/UnityTechnologies/_DesignPatterns.meta"]).unwrap().guid);
    // Move a single scene too, then everything back.
    let scene = mid.keys().find(|k| k.starts_with("Assets/Moved/") && k.ends_with(".unity")).unwrap().clone();
    db.move_asset(&p(&scene), &p("Assets/Scene Moved.unity")).unwrap();
    db.move_asset(&p("Assets/Scene Moved.unity"), &p(&scene)).unwrap();
    db.move_asset(&moved, &tree).unwrap();
    assert!(changed(&before, &snapshot(&project)).is_empty());
    // References from scenes, prefabs, materials and metas into the project resolve.
    let refs = references(&before);
    assert!(refs.len() > 1000, "{} references", refs.len());
    let guids = meta_guids(&before);
    let resolving = refs.iter().filter(|(_, g)| guids.contains_key(g)).count();
    assert!(resolving > 500, "{resolving} resolving references");
}

#[test]
fn windows_written_metas_import_and_move_with_guid_and_bytes_kept() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let snap = snapshot(&project);
    let targets: Vec<String> = snap
        .keys()
        .filter(|k| k.starts_with("Assets/UnityTechnologies/Scripts/") && k.ends_with(".cs.meta"))
        .take(8)
        .cloned()
        .collect();
    assert!(targets.len() >= 4);
    for (i, m) in targets.iter().enumerate() {
        let text = String::from_utf8(snap[m].clone()).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        let mut bytes = if i % 2 == 0 { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.replace('\n', "\r\n").trim_end().as_bytes());
        std::fs::write(project.join(m), &bytes).unwrap();
        let guid = meta::parse(&snap[m]).unwrap().guid;
        let asset = p(m.trim_end_matches(".meta"));
        assert_eq!(db.import(&asset).unwrap().guid, guid, "{m}");
        let dst = p(&format!("Assets/{i}-{}", asset.file_name()));
        assert_eq!(db.move_asset(&asset, &dst).unwrap().guid, guid);
        assert_eq!(std::fs::read(project.join(dst.meta_path())).unwrap(), bytes, "{m}: bytes kept");
        assert_eq!(db.info(&dst).unwrap().guid, guid);
    }
    assert_eq!(db.refresh().unwrap().metas_created, 0);
}

#[test]
fn a_copied_folder_gets_fresh_guids_and_the_originals_keep_theirs() {
    for via_import in [false, true] {
        let (_dir, project) = unpack();
        // Without the corpus's orphan folder meta, which a Refresh would also remove.
        std::fs::remove_file(project.join(ORPHAN_FOLDER_META)).unwrap();
        let db = open(&project);
        let original = "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool";
        // The copy sorts before the original and is newer: the registry decides.
        let copy = "Assets/UnityTechnologies/_DesignPatterns/0_Copy";
        common::copy_tree(&project.join(original), &project.join(copy));
        std::fs::copy(project.join(format!("{original}.meta")), project.join(format!("{copy}.meta"))).unwrap();
        let before = snapshot(&project);
        let copies: Vec<&String> = before.keys().filter(|k| k.starts_with(copy) && k.ends_with(".meta")).collect();
        let reidentified = if via_import {
            db.import(&p(copy)).unwrap();
            copies.len()
        } else {
            let report = db.refresh().unwrap();
            assert_eq!(report.reidentified.len(), report.reidentified_count as usize);
            assert!(report.reidentified.iter().all(|e| e.kept_by.as_str().starts_with(original)));
            report.reidentified_count as usize
        };
        // Every copy, the copied folder's own meta included.
        assert_eq!(reidentified, copies.len(), "({via_import})");
        let after = snapshot(&project);
        let diff = changed(&before, &after);
        assert_eq!(diff.len(), copies.len());
        assert!(diff.iter().all(|k| k.starts_with(copy)), "{diff:?}");
        // Only the guid value changed in each copy.
        for k in &diff {
            let (a, b) = (&before[k], &after[k]);
            assert_eq!(a.len(), b.len());
            let span = meta::parse(a).unwrap().guid_span;
            assert!((0..a.len()).all(|i| a[i] == b[i] || span.contains(&i)), "{k}");
        }
        assert!(meta_guids(&after).values().all(|paths| paths.len() == 1), "no GUID twice ({via_import})");
        assert_eq!(db.refresh().unwrap().reidentified_count, 0);
    }
}

/// The importer and the section's top-level keys of a meta's text.
fn section(text: &str) -> (String, Vec<String>) {
    let mut importer = String::new();
    let mut keys = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        if !line.starts_with(' ') && line.ends_with("Importer:") {
            importer = line.trim_end_matches(':').to_string();
        } else if !importer.is_empty() && line.starts_with("  ") && !line.starts_with("   ") && !line.starts_with("  -") {
            if let Some((k, _)) = line.trim().split_once(':') {
                keys.push(k.to_string());
            }
        }
    }
    (importer, keys)
}

/// Extensions whose corpus metas were all written by old Editors (timeCreated,
/// fileIDToRecycleName, no externalObjects; the `.shader` and `.cginc` ones ship with
/// an old TextMesh Pro, without the `preprocessorOverride` that ShaderImporter writes
/// since 2020 and that the newer TextMesh Pro `.hlsl` meta here has): only the
/// importer name is compared.
const OLD_EDITOR_ONLY: &[&str] = &["cginc", "controller", "json", "jpg", "psd", "shader"];

#[test]
fn new_metas_match_the_editors_importer_and_keys_for_every_corpus_extension() {
    let (_dir, project) = unpack();
    let version = UnityVersion::from_project_version_txt(&std::fs::read_to_string(project.join("ProjectSettings/ProjectVersion.txt")).unwrap()).unwrap();
    let snap = snapshot(&project);
    let mut editor: BTreeMap<String, BTreeSet<(String, Vec<String>)>> = BTreeMap::new();
    for (path, bytes) in &snap {
        let Some(asset) = path.strip_suffix(".meta") else { continue };
        let name = asset.rsplit('/').next().unwrap();
        let ext = if project.join(asset).is_dir() {
            "(folder)".to_string()
        } else {
            name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default()
        };
        editor.entry(ext).or_default().insert(section(&String::from_utf8_lossy(bytes)));
    }
    let mut report = Vec::new();
    for (ext, seen) in &editor {
        let kind = if ext == "(folder)" { FOLDER } else { kind_for(&format!("x.{ext}"), version) };
        let ours = section(&meta::render(Guid(1), &kind));
        let importer_matches = seen.iter().any(|(i, _)| *i == ours.0);
        let exact = seen.contains(&ours);
        report.push(format!("{ext}: {} {}", if ours.0.is_empty() { "(minimal)" } else { &ours.0 }, if exact { "exact" } else { "importer" }));
        assert!(importer_matches, "{ext}: we write {:?}; the Editor wrote {:?}", ours.0, seen.iter().map(|s| &s.0).collect::<Vec<_>>());
        if !OLD_EDITOR_ONLY.contains(&ext.as_str()) {
            assert!(exact, "{ext}: our keys {:?} match none of the Editor's {seen:?}", ours.1);
        }
    }
    println!("{}", report.join("\n"));
    assert!(editor.len() >= 25, "{} extensions", editor.len());
}
