//! The asset graph on the real corpus project: FindReferences and GetDependencies
//! against an independent scan, CheckProject before and after planted faults, Copy
//! with remapped references, a refused delete of a referenced texture.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use unity_mcp_engine::db::Target;
use unity_mcp_engine::index::is_builtin;
use unity_mcp_engine::meta::{self, Guid};
use unity_mcp_engine::{AssetDb, AssetPath, ErrorKind, RandomGuids};
use unity_mcp_server::fs_std::StdFs;

fn unpack() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let tgz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(std::process::Command::new("tar").arg("-xzf").arg(tgz).arg("-C").arg(&project).status().unwrap().success());
    (dir, project)
}

fn open(project: &Path) -> AssetDb {
    let db = AssetDb::new(Arc::new(StdFs::open(project).unwrap()), Arc::new(RandomGuids::seeded(3)));
    db.build_index().unwrap();
    db
}

fn p(s: &str) -> AssetPath {
    AssetPath::from_trusted(s)
}

/// Every 32-hex token of `bytes` (maximal runs of exactly 32 hex digits): an
/// independent reading, which knows nothing of `guid:` keys.
fn hex_tokens(bytes: &[u8]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut run = 0;
    for i in 0..=bytes.len() {
        if i < bytes.len() && bytes[i].is_ascii_hexdigit() {
            run += 1;
            continue;
        }
        if run == 32 {
            out.insert(String::from_utf8_lossy(&bytes[i - 32..i]).to_lowercase());
        }
        run = 0;
    }
    out
}

/// Asset path -> (its GUID, the tokens of its file and its meta but its own GUID).
fn independent_scan(root: &Path) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.join("Assets")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if !name.starts_with('.') {
                    stack.push(path.clone());
                }
                continue;
            }
            let Some(asset) = name.strip_suffix(".meta") else { continue };
            let asset_path = path.with_file_name(asset);
            if !asset_path.is_file() {
                continue;
            }
            let meta_bytes = std::fs::read(&path).unwrap();
            let own = meta::parse(&meta_bytes).unwrap().guid.to_string();
            let mut tokens = hex_tokens(&meta_bytes);
            let content = std::fs::read(&asset_path).unwrap();
            if !content[..content.len().min(8192)].contains(&0) {
                tokens.extend(hex_tokens(&content));
            }
            tokens.remove(&own);
            let rel = asset_path.strip_prefix(root).unwrap().to_string_lossy().to_string();
            out.insert(rel, (own, tokens));
        }
    }
    out
}

#[test]
fn find_references_and_dependencies_equal_an_independent_scan() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let scan = independent_scan(&project);
    assert!(scan.len() > 800, "{} file assets", scan.len());
    let by_guid: HashMap<&String, &String> = scan.iter().map(|(path, (g, _))| (g, path)).collect();
    let mut checked_refs = 0;
    for (path, (guid, _)) in &scan {
        let expected: BTreeSet<&String> = scan.iter().filter(|(q, (_, tokens))| *q != path && tokens.contains(guid)).map(|(q, _)| q).collect();
        let got: BTreeSet<String> = db.find_references(&Target::Path(p(path))).unwrap().into_iter().map(|a| a.path.into_string()).collect();
        let got: BTreeSet<&String> = got.iter().collect();
        assert_eq!(got, expected, "referrers of {path}");
        checked_refs += expected.len();
        // By GUID, the same.
        let by_g = db.find_references(&Target::Guid(Guid::parse(guid).unwrap())).unwrap().len();
        assert_eq!(by_g, expected.len(), "{path} by guid");
    }
    assert!(checked_refs > 500, "{checked_refs} references checked");
    for (path, (_, tokens)) in &scan {
        let expected: BTreeSet<&String> = tokens.iter().filter_map(|t| by_guid.get(t).copied()).collect();
        let (deps, unresolved) = db.dependencies(&p(path), false).unwrap();
        let got: BTreeSet<String> = deps.into_iter().map(|a| a.path.into_string()).collect();
        assert_eq!(got.iter().collect::<BTreeSet<_>>(), expected, "dependencies of {path}");
        for u in unresolved {
            assert!(!is_builtin(u) && tokens.contains(&u.to_string()), "{path}: unresolved {u}");
        }
    }
}

#[test]
fn check_project_reports_exactly_the_planted_faults() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let base = db.check_project().unwrap();
    // As committed: dangling references to package GUIDs, and the one folder .meta git
    // kept of an empty folder, which the Editor (and so Refresh) deletes.
    let orphans: Vec<&str> = base.iter().filter(|p| p.kind == "orphan_meta").map(|p| p.asset_path.as_str()).collect();
    assert_eq!(orphans, ["Assets/Settings/Build Profiles.meta"]);
    let kinds: BTreeSet<&str> = base.iter().filter(|p| p.kind != "orphan_meta").map(|p| p.kind).collect();
    assert!(kinds.iter().all(|k| *k == "dangling_reference"), "the project as committed: {kinds:?}");
    assert!(base.iter().filter(|p| p.kind != "orphan_meta").all(|p| p.detail.contains("manifest.json")), "the detail names the manifest");
    // One planted fault of each kind.
    let a = "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool";
    std::fs::write(project.join(format!("{a}/NoMeta.txt")), "x").unwrap();
    std::fs::write(project.join(format!("{a}/Gone.txt.meta")), "fileFormatVersion: 2\nguid: 11111111111111111111111111111111\n").unwrap();
    std::fs::write(project.join(format!("{a}/Corrupt.txt")), "x").unwrap();
    std::fs::write(project.join(format!("{a}/Corrupt.txt.meta")), "this is not a meta\n").unwrap();
    let dup = std::fs::read(project.join(format!("{a}/ObjectPool.unity.meta"))).unwrap();
    std::fs::write(project.join(format!("{a}/Twin.txt")), "x").unwrap();
    std::fs::write(project.join(format!("{a}/Twin.txt.meta")), &dup).unwrap();
    let dangling = "22222222222222222222222222222222";
    std::fs::write(project.join(format!("{a}/Broken.mat")), format!("Material:\n  m_Texture: {{fileID: 2800000, guid: {dangling}, type: 3}}\n")).unwrap();
    std::fs::write(project.join(format!("{a}/Broken.mat.meta")), "fileFormatVersion: 2\nguid: 33333333333333333333333333333333\n").unwrap();
    db.import(&p(&format!("{a}/Broken.mat"))).unwrap();
    let after = db.check_project().unwrap();
    let added: Vec<(&str, String)> = after.iter().filter(|p| !base.contains(p)).map(|p| (p.kind, p.asset_path.clone())).collect();
    let expected = vec![
        ("corrupt_meta", format!("{a}/Corrupt.txt.meta")),
        ("dangling_reference", format!("{a}/Broken.mat")),
        ("duplicate_guid", format!("{a}/ObjectPool.unity")),
        ("duplicate_guid", format!("{a}/Twin.txt")),
        ("missing_meta", format!("{a}/NoMeta.txt")),
        ("orphan_meta", format!("{a}/Gone.txt.meta")),
    ];
    assert_eq!(added, expected);
    assert!(after.iter().any(|p| p.kind == "dangling_reference" && p.guid.map(|g| g.to_string()) == Some(dangling.to_string())));
}

#[test]
fn a_copied_folder_of_a_prefab_and_its_material_is_self_contained() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let prefab = "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool/Prefabs/Projectile.prefab";
    let material = "Assets/UnityTechnologies/Art/Environments/Materials/Laser_Red_Mat.mat";
    let script_guid = "94cf5e317951f4c239357643e24e8188";
    db.create_folder(&p("Assets/Kit")).unwrap();
    assert_eq!(db.create_folder(&p("Assets/Kit")).unwrap_err().kind, ErrorKind::AlreadyExists);
    assert_eq!(db.create_folder(&p("Assets/None/Kit")).unwrap_err().kind, ErrorKind::Precondition);
    db.move_asset(&p(prefab), &p("Assets/Kit/Projectile.prefab")).unwrap();
    db.move_asset(&p(material), &p("Assets/Kit/Laser_Red_Mat.mat")).unwrap();
    let mat_guid = db.info(&p("Assets/Kit/Laser_Red_Mat.mat")).unwrap().guid;
    let copy = db.copy_asset(&p("Assets/Kit"), &p("Assets/Kit Copy")).unwrap();
    assert_ne!(copy.guid, db.info(&p("Assets/Kit")).unwrap().guid);
    let copied_mat = db.info(&p("Assets/Kit Copy/Laser_Red_Mat.mat")).unwrap().guid;
    assert_ne!(copied_mat, mat_guid);
    let text = std::fs::read_to_string(project.join("Assets/Kit Copy/Projectile.prefab")).unwrap();
    assert!(text.contains(&copied_mat.to_string()), "the copy references the copied material");
    assert!(!text.contains(&mat_guid.to_string()), "and not the original");
    assert!(text.contains(script_guid), "references to the outside stay");
    // The graph knows: the copied material is used by the copied prefab only.
    let refs = db.find_references(&Target::Path(p("Assets/Kit Copy/Laser_Red_Mat.mat"))).unwrap();
    assert_eq!(refs.iter().map(|a| a.path.as_str()).collect::<Vec<_>>(), vec!["Assets/Kit Copy/Projectile.prefab"]);
    let original = db.find_references(&Target::Path(p("Assets/Kit/Laser_Red_Mat.mat"))).unwrap();
    assert!(original.iter().any(|a| a.path.as_str() == "Assets/Kit/Projectile.prefab"));
    // Nothing new is wrong: the committed dangling references and orphan folder meta only.
    let problems = db.check_project().unwrap();
    assert!(!problems.is_empty() && problems.iter().all(|p| p.kind == "dangling_reference" || p.asset_path == "Assets/Settings/Build Profiles.meta"), "{problems:?}");
}

#[test]
fn a_referenced_texture_is_not_deleted_when_asked_only_if_unreferenced() {
    let (_dir, project) = unpack();
    let db = open(&project);
    // A texture something references.
    let (texture, referrers) = ["png", "tif", "jpg", "psd"]
        .iter()
        .flat_map(|ext| db.find_assets(&unity_mcp_engine::db::FindQuery { path_glob: Some(format!("Assets/**/*.{ext}")), ..Default::default() }).0)
        .map(|a| (a.path.clone(), db.find_references(&Target::Path(a.path)).unwrap()))
        .find(|(_, r)| !r.is_empty())
        .expect("a referenced texture");
    let before = std::fs::read(project.join(texture.as_str())).unwrap();
    let e = db.delete_checked(&texture, true).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Precondition);
    assert!(e.message.contains(referrers[0].path.as_str()), "{}", e.message);
    assert_eq!(e.referrers, referrers, "the whole list, for machines");
    assert_eq!(std::fs::read(project.join(texture.as_str())).unwrap(), before);
    assert!(project.join(texture.meta_path()).exists());
    // A plain delete goes ahead and says what it left dangling.
    let left = db.delete_checked(&texture, false).unwrap();
    assert_eq!(left, referrers);
    assert!(!project.join(texture.as_str()).exists());
    assert!(db.check_project().unwrap().iter().any(|p| p.kind == "dangling_reference" && p.asset_path == referrers[0].path.as_str()));
}

#[test]
fn find_assets_by_guid_glob_and_type() {
    let (_dir, project) = unpack();
    let db = open(&project);
    use unity_mcp_engine::db::FindQuery;
    let (mats, truncated) = db.find_assets(&FindQuery { type_name: Some("Material".into()), limit: 5000, ..Default::default() });
    assert_eq!((mats.len(), truncated), (94, false));
    let (some, truncated) = db.find_assets(&FindQuery { path_glob: Some("Assets/**/*.mat".into()), limit: 10, ..Default::default() });
    assert_eq!((some.len(), truncated), (10, true));
    let g = mats[0].guid;
    let (one, _) = db.find_assets(&FindQuery { guid: Some(g), ..Default::default() });
    assert_eq!(one, vec![mats[0].clone()]);
    let (uxml, _) = db.find_assets(&FindQuery { path_glob: Some("Assets/**/*.uxml".into()), type_name: Some("VisualTreeAsset".into()), ..Default::default() });
    assert_eq!(uxml.len(), 13);
}

#[test]
fn a_move_rewrites_ui_toolkit_urls_and_moving_back_restores_every_byte() {
    let (_dir, project) = unpack();
    let db = open(&project);
    let read_all = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![root.join("Assets")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.insert(p.strip_prefix(root).unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap());
                }
            }
        }
        out
    };
    let before = read_all(&project);
    let old_url = "project://database/Assets/UnityTechnologies/UI%20Toolkit/Uss/MainMenu.uss?";
    let users: Vec<String> = before.iter().filter(|(_, v)| String::from_utf8_lossy(v).contains(old_url)).map(|(k, _)| k.clone()).collect();
    assert!(!users.is_empty(), "the corpus names MainMenu.uss by URL");
    db.move_asset(&p("Assets/UnityTechnologies/UI Toolkit/Uss"), &p("Assets/Styles Moved")).unwrap();
    for u in &users {
        let text = std::fs::read_to_string(project.join(u)).unwrap();
        assert!(!text.contains(old_url), "{u} still names the old path");
        assert!(text.contains("project://database/Assets/Styles%20Moved/MainMenu.uss?"), "{u}");
    }
    db.move_asset(&p("Assets/Styles Moved"), &p("Assets/UnityTechnologies/UI Toolkit/Uss")).unwrap();
    // Moved back, every byte is as before, except URLs that named a stale path (the
    // corpus has one from an earlier reorganisation): they now name the real one.
    let after = read_all(&project);
    let stale = "project://database/Assets/UI%20Toolkit/Uss/MainMenu.uss?";
    for k in before.keys().chain(after.keys()) {
        if before.get(k) == after.get(k) {
            continue;
        }
        let (b, a) = (String::from_utf8_lossy(&before[k]).to_string(), String::from_utf8_lossy(&after[k]).to_string());
        assert!(b.contains(stale), "{k} changed but named no stale path");
        assert_eq!(b.replace(stale, old_url), a, "{k}: only the stale path changed");
    }
}
