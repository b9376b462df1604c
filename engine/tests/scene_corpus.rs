//! GetHierarchy, GetObject and SetProperty on real projects (issue 21): every scene
//! and prefab of the corpus and of `testdata/projects/` (Unity 2017.1 to Unity 6)
//! against an independent line-based reading of the same file, and SetProperty on
//! 500 random values: only the value's bytes change, GetObject reads the new value,
//! setting the old one back restores the file byte for byte.

use rand::{rngs::StdRng, Rng, SeedableRng};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use unity_mcp_engine::db::{SceneNode, Stop};
use unity_mcp_engine::fs::{FileSystem, MemFs};
use unity_mcp_engine::yaml::{json, Node, NodeKind, UnityFile};
use unity_mcp_engine::{AssetDb, AssetPath, Op, Outcome, RandomGuids};

/// Loads a project folder from disk into memory (files under `Assets/`,
/// `Packages/` and `ProjectSettings/`).
fn load(dir: &Path) -> MemFs {
    let fs = MemFs::new("Project");
    fn walk(fs: &MemFs, root: &Path, dir: &Path) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if p.is_dir() {
                fs.put_dir(&rel);
                walk(fs, root, &p);
            } else {
                fs.put_file(&rel, &std::fs::read(&p).unwrap());
            }
        }
    }
    for top in ["Assets", "Packages", "ProjectSettings"] {
        if dir.join(top).is_dir() {
            fs.put_dir(top);
            walk(&fs, dir, &dir.join(top));
        }
    }
    fs
}

/// (name, project) for the corpus and every project under `testdata/projects/`
/// with Unity YAML in it.
fn projects(tmp: &Path) -> Vec<(String, MemFs)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tgz = root.join("testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(std::process::Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(tmp).status().unwrap().success());
    let mut out = vec![("corpus".to_string(), load(tmp))];
    for name in ["skinner", "jacquard", "voxelman"] {
        out.push((name.to_string(), load(&root.join("testdata/projects").join(name))));
    }
    out
}

fn files_with(fs: &MemFs, exts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = fs
        .snapshot()
        .into_iter()
        .filter(|(p, data)| data.is_some() && exts.iter().any(|e| p.ends_with(e)) && p.starts_with("Assets/"))
        .map(|(p, _)| p)
        .collect();
    out.sort();
    out
}

fn text(fs: &MemFs, p: &str) -> String {
    let b = fs.read(p, 1 << 30).unwrap();
    let s = String::from_utf8(b).unwrap();
    s.strip_prefix('\u{feff}').unwrap_or(&s).to_string()
}

/// What an independent reading of a scene finds: by line patterns only.
#[derive(Default)]
struct Plain {
    /// GameObject fileID -> (name, component fileIDs).
    gos: HashMap<i64, (String, Vec<i64>)>,
    /// Document fileID -> type line.
    types: HashMap<i64, String>,
    /// Transform fileID -> (GameObject, father, children).
    transforms: HashMap<i64, (i64, i64, Vec<i64>)>,
    /// Stripped object fileID -> its prefab instance.
    stripped: HashMap<i64, i64>,
    /// MonoBehaviour fileID -> its m_Script line has a non-zero GUID.
    scripted: HashMap<i64, bool>,
}

fn fid_in(line: &str) -> i64 {
    let i = line.find("fileID: ").map(|i| i + 8).unwrap_or(line.len());
    line[i..].split([',', '}']).next().unwrap_or("0").trim().parse().unwrap_or(0)
}

fn plain_reading(t: &str) -> Plain {
    let mut r = Plain::default();
    let mut docs: Vec<(i64, bool, Vec<&str>)> = Vec::new();
    for line in t.lines() {
        if let Some(h) = line.strip_prefix("--- !u!") {
            let (_, rest) = h.split_once(" &").unwrap();
            let stripped = rest.ends_with(" stripped");
            docs.push((rest.trim_end_matches(" stripped").parse().unwrap(), stripped, Vec::new()));
        } else if let Some(d) = docs.last_mut() {
            d.2.push(line);
        }
    }
    for (id, stripped, lines) in docs {
        let ty = lines.first().map(|l| l.trim_end_matches(':').to_string()).unwrap_or_default();
        r.types.insert(id, ty.clone());
        if stripped {
            let inst = lines.iter().find(|l| l.starts_with("  m_PrefabInstance:") || l.starts_with("  m_PrefabInternal:")).map(|l| fid_in(l)).unwrap_or(0);
            r.stripped.insert(id, inst);
            continue;
        }
        let field = |k: &str| lines.iter().find(|l| l.starts_with(&format!("  {k}:"))).copied();
        if ty == "MonoBehaviour" {
            let guid = field("m_Script").and_then(|l| l.split("guid: ").nth(1)).map(|g| g[..32.min(g.len())].to_string()).unwrap_or_default();
            r.scripted.insert(id, !guid.is_empty() && !guid.bytes().all(|b| b == b'0'));
        }
        if ty == "GameObject" {
            let comps = lines.iter().filter(|l| l.starts_with("  - component: {") || (l.starts_with("  - ") && l.contains(": {fileID:") && l[4..].split(':').next().unwrap().parse::<i64>().is_ok())).map(|l| fid_in(l)).collect();
            let name = field("m_Name").map(|l| l["  m_Name:".len()..].trim().to_string()).unwrap_or_default();
            r.gos.insert(id, (name, comps));
        } else if let (Some(go), Some(father)) = (field("m_GameObject"), field("m_Father")) {
            let mut children = Vec::new();
            if let Some(i) = lines.iter().position(|l| l.starts_with("  m_Children:")) {
                children = lines[i + 1..].iter().take_while(|l| l.starts_with("  - {")).map(|l| fid_in(l)).collect();
            }
            r.transforms.insert(id, (fid_in(go), fid_in(father), children));
        }
    }
    r
}

fn flatten<'n>(nodes: &'n [SceneNode], out: &mut Vec<&'n SceneNode>) {
    for n in nodes {
        out.push(n);
        flatten(&n.children, out);
    }
}

#[test]
fn every_scene_and_prefab_reads_as_an_independent_reading_does() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut total_files, mut all_named, mut all_behaviours) = (0, 0, 0);
    for (name, fs) in projects(tmp.path()) {
        let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(1)));
        db.build_index().unwrap();
        let (mut files, mut gos, mut behaviours, mut named) = (0, 0, 0, 0);
        for path in files_with(&fs, &[".unity", ".prefab"]) {
            let t = text(&fs, &path);
            if !t.starts_with("%YAML") {
                continue;
            }
            let h = db.get_hierarchy(&AssetPath::parse("p", &path).unwrap(), 0, 1_000_000, &Stop::never()).unwrap_or_else(|e| panic!("{path}: {e:?}"));
            assert!(!h.truncated, "{path}");
            let plain = plain_reading(&t);
            let mut all = Vec::new();
            flatten(&h.roots, &mut all);
            assert_eq!(all.len() as u32, h.node_count, "{path}");
            let objects: Vec<&&SceneNode> = all.iter().filter(|n| plain.gos.contains_key(&n.file_id)).collect();
            let instances = all.len() - objects.len();
            // Every GameObject once; every other node a prefab instance.
            assert_eq!(objects.len(), plain.gos.len(), "{path}: GameObject count");
            assert!(all.iter().filter(|n| !plain.gos.contains_key(&n.file_id)).all(|n| plain.types.get(&n.file_id).is_some_and(|t| t == "PrefabInstance" || t == "Prefab")), "{path}");
            let go_transform: HashMap<i64, i64> = plain.transforms.iter().map(|(t, (go, _, _))| (*go, *t)).collect();
            for n in &objects {
                let (pname, comps) = &plain.gos[&n.file_id];
                if !pname.starts_with('\'') && !pname.starts_with('"') {
                    assert_eq!(&n.name, pname, "{path} &{}", n.file_id);
                }
                assert_eq!(n.components.iter().map(|c| c.file_id).collect::<Vec<_>>(), *comps, "{path} &{}: components", n.file_id);
                for c in &n.components {
                    let ty = plain.types.get(&c.file_id).cloned().unwrap_or_default();
                    if ty != "MonoBehaviour" {
                        assert_eq!(c.type_name, ty, "{path} &{}", c.file_id);
                    } else {
                        // "missing script" exactly when the reference is empty.
                        assert_eq!(c.type_name == "MonoBehaviour (missing script)", !plain.scripted[&c.file_id], "{path} &{}: {}", c.file_id, c.type_name);
                        behaviours += 1;
                        if c.type_name != "MonoBehaviour" {
                            named += 1;
                        }
                    }
                }
                // Children in m_Children order: a real Transform is its GameObject, a
                // stripped one its prefab instance.
                if let Some((_, _, kids)) = go_transform.get(&n.file_id).and_then(|t| plain.transforms.get(t)) {
                    let expected: Vec<i64> = kids.iter().map(|k| plain.transforms.get(k).map(|(go, _, _)| *go).or_else(|| plain.stripped.get(k).copied()).unwrap_or(0)).collect();
                    let got: Vec<i64> = n.children.iter().map(|c| c.file_id).collect();
                    assert_eq!(&got[..expected.len().min(got.len())], &expected[..], "{path} &{}: children", n.file_id);
                }
            }
            files += 1;
            gos += objects.len() + instances;
        }
        eprintln!("{name}: {files} scenes and prefabs, {gos} nodes, {named} of {behaviours} MonoBehaviours named by their script");
        all_named += named;
        all_behaviours += behaviours;
        total_files += files;
    }
    assert!(total_files > 200, "{total_files}");
    // Project scripts, uGUI, TextMesh Pro and the render pipelines' are known (the
    // rest are scripts of packages the test projects leave out).
    assert!(all_named * 100 >= all_behaviours * 95, "{all_named} of {all_behaviours} MonoBehaviours named");
}

/// Every scalar and reference of a body, with its property path.
fn leaves<'n, 'a>(n: &'n Node<'a>, at: String, out: &mut Vec<(String, &'n Node<'a>)>) {
    match &n.kind {
        NodeKind::Scalar { .. } => out.push((at, n)),
        NodeKind::Map { entries, flow: true } if entries.iter().any(|(k, _)| *k == "fileID") => out.push((at, n)),
        NodeKind::Map { entries, .. } if unity_mcp_engine::yaml::node::repeats_one_key(entries) => {
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

fn set(db: &AssetDb, path: &str, file_id: i64, prop: &str, value: &str) -> Result<String, unity_mcp_engine::OpError> {
    match db.apply(&Op::set_property(path, file_id, prop, value, "").unwrap())? {
        Outcome::PropertySet(s) => Ok(s.old_value_json),
        other => panic!("{other:?}"),
    }
}

#[test]
fn set_property_changes_only_the_value_and_sets_back_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = StdRng::seed_from_u64(21);
    let (mut done, mut restored, mut refs) = (0, 0, 0);
    for (name, fs) in projects(tmp.path()) {
        let db = AssetDb::new(Arc::new(fs.clone()), Arc::new(RandomGuids::seeded(2)));
        db.build_index().unwrap();
        let files = files_with(&fs, &[".unity", ".prefab", ".mat", ".asset"]);
        let guids: Vec<String> = db.find_assets(&unity_mcp_engine::db::FindQuery { path_glob: Some("Assets/**".into()), limit: 100_000, ..Default::default() }).0.iter().filter(|a| !a.folder).map(|a| a.guid.to_string()).collect();
        let budget = if name == "corpus" { 400 } else { 35 };
        let mut tries = 0;
        let mut here = 0;
        while here < budget && tries < budget * 20 {
            tries += 1;
            let path = &files[rng.gen_range(0..files.len())];
            let before = fs.read(path, 1 << 30).unwrap();
            let t = text(&fs, path);
            let Ok(f) = UnityFile::parse(&t) else { continue };
            let docs: Vec<_> = f.docs.iter().filter(|d| !d.stripped).collect();
            if docs.is_empty() {
                continue;
            }
            let doc = docs[rng.gen_range(0..docs.len())];
            let body = f.body(doc).unwrap();
            let mut all = Vec::new();
            leaves(&body, String::new(), &mut all);
            let all: Vec<_> = all.into_iter().filter(|(p, _)| !p.is_empty()).collect();
            if all.is_empty() {
                continue;
            }
            let (prop, node) = &all[rng.gen_range(0..all.len())];
            let old_json = json::to_json(node);
            let new_json = match &node.kind {
                NodeKind::Map { .. } => {
                    // A reference: point it at another asset of the project, or at nothing.
                    refs += 1;
                    if guids.is_empty() || rng.gen_bool(0.3) {
                        "{\"fileID\": 0}".to_string()
                    } else {
                        format!("{{\"fileID\": 11400000, \"guid\": \"{}\"}}", guids[rng.gen_range(0..guids.len())])
                    }
                }
                _ => match serde_json::from_str::<serde_json::Value>(&old_json).unwrap() {
                    serde_json::Value::Number(n) if n.is_i64() => (n.as_i64().unwrap().wrapping_add(rng.gen_range(1..1000))).to_string(),
                    serde_json::Value::Number(n) => format!("{}", n.as_f64().unwrap() * 0.5 + 0.25),
                    serde_json::Value::String(s) => serde_json::to_string(&format!("{s} edited #{}", rng.gen_range(0..99))).unwrap(),
                    _ => continue,
                },
            };
            let returned_old = set(&db, path, doc.file_id, prop, &new_json).unwrap_or_else(|e| panic!("{path} &{} {prop} = {new_json}: {e:?}", doc.file_id));
            assert_eq!(returned_old, old_json, "{path} {prop}");
            let after = fs.read(path, 1 << 30).unwrap();
            // Only the value's bytes changed: same prefix before it, same suffix after.
            let bom = if before.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
            let (start, end) = (node.span.start + bom, node.span.end + bom);
            assert_eq!(&after[..start], &before[..start], "{path} {prop}: bytes before the value changed");
            assert_eq!(&after[after.len() - (before.len() - end)..], &before[end..], "{path} {prop}: bytes after the value changed");
            // GetObject reads the new value.
            let obj = match db.apply(&Op::get_object(path, doc.file_id).unwrap()).unwrap() {
                Outcome::Object(o) => o,
                other => panic!("{other:?}"),
            };
            let props: serde_json::Value = serde_json::from_str(&obj.properties_json).unwrap();
            let mut at = &props;
            for step in prop.split('.').filter(|s| *s != "Array") {
                at = match step.strip_prefix("data[").and_then(|s| s.strip_suffix(']')) {
                    Some(i) => &at[i.parse::<usize>().unwrap()],
                    None => &at[step],
                };
            }
            let want: serde_json::Value = serde_json::from_str(&new_json).unwrap();
            match (&want, at) {
                (serde_json::Value::Object(w), serde_json::Value::Object(g)) => assert_eq!(w.get("fileID"), g.get("fileID"), "{path} {prop}"),
                (serde_json::Value::Number(w), serde_json::Value::Number(g)) => assert!((w.as_f64().unwrap() - g.as_f64().unwrap()).abs() <= 1e-6 * w.as_f64().unwrap().abs().max(1.0), "{path} {prop}: {w} vs {g}"),
                (w, g) => assert_eq!(w.as_str().map(str::to_string), g.as_str().map(str::to_string).or_else(|| Some(g.to_string())), "{path} {prop}"),
            }
            // The old value back: the file as it was.
            set(&db, path, doc.file_id, prop, &old_json).unwrap();
            let back = fs.read(path, 1 << 30).unwrap();
            if back == before {
                restored += 1;
            } else {
                // Only a long text the Editor folded its own way may differ.
                assert!(old_json.starts_with('"') && old_json.len() > 60, "{path} &{} {prop}: not restored (old {old_json})", doc.file_id);
                fs.put_file(path, &before);
            }
            here += 1;
            done += 1;
        }
        eprintln!("{name}: {here} values set and set back");
    }
    eprintln!("{done} set, {restored} restored byte for byte, {refs} references");
    assert!(done >= 500, "{done}");
    assert!(restored * 100 >= done * 99, "{restored} of {done}");
}
