//! The in-memory and the std::fs backends give identical answers and end states on
//! random operation sequences (same GUID seed on both sides).

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use unity_mcp_engine::fs::MemFs;
use unity_mcp_engine::{AssetDb, AssetPath, Op, OpResult, RandomGuids};
use unity_mcp_server::fs_std::StdFs;

const DIRS: &[&str] = &["Assets/A", "Assets/B", "Assets/A/Sub", "Assets/.hidden", "Packages/com.p/Run"];
const FILES: &[&str] = &["Assets/A/x.png", "Assets/A/Sub/y.cs", "Assets/B/z.txt", "Assets/w.mat", "Assets/A/Sub/k~", "Packages/com.p/Run/r.cs"];

#[derive(Clone, Debug)]
enum Step {
    /// Out-of-band: a file appears on disk (parents created).
    Create(usize),
    /// Out-of-band: a folder appears.
    Mkdir(usize),
    /// Out-of-band: a .meta vanishes.
    DropMeta(usize),
    /// Out-of-band: a .meta is rewritten as Windows tools write it (0: BOM, 1: CRLF,
    /// 2: no final newline, 3: all three), same GUID.
    Windows(usize, u8),
    /// Out-of-band: a copy of one asset's .meta lands on another asset (a file-manager
    /// copy or a merge): the same GUID twice.
    CopyMeta(usize, usize),
    Import(usize),
    Move(usize, usize),
    Delete(usize),
    Refresh,
}

fn all_paths() -> Vec<&'static str> {
    DIRS.iter().chain(FILES.iter()).copied().collect()
}

fn step() -> impl Strategy<Value = Step> {
    let n = DIRS.len() + FILES.len();
    prop_oneof![
        2 => (0..FILES.len()).prop_map(Step::Create),
        1 => (0..DIRS.len()).prop_map(Step::Mkdir),
        1 => (0..n).prop_map(Step::DropMeta),
        1 => (0..n, 0..4u8).prop_map(|(p, s)| Step::Windows(p, s)),
        1 => (0..n, 0..n).prop_map(|(a, b)| Step::CopyMeta(a, b)),
        3 => (0..n).prop_map(Step::Import),
        3 => (0..n, 0..n).prop_map(|(a, b)| Step::Move(a, b)),
        2 => (0..n).prop_map(Step::Delete),
        1 => Just(Step::Refresh),
    ]
}

/// Compares answers: successes exactly; errors by code (OS error texts differ).
fn same(a: &OpResult, b: &OpResult) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        (Err(x), Err(y)) => x.kind == y.kind,
        _ => false,
    }
}

fn disk_tree(root: &std::path::Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if e.file_type().unwrap().is_dir() {
                out.insert(rel, None);
                stack.push(e.path());
            } else {
                out.insert(rel, Some(std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn mem_and_std_backends_agree(steps in proptest::collection::vec(step(), 1..40), seed in any::<u64>()) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("proj");
        std::fs::create_dir_all(root.join("Assets")).unwrap();
        // The model follows the disk's case rule (Windows and macOS ignore case).
        let insensitive = unity_mcp_server::platform::probe_case_insensitive(&root);
        let rule = if insensitive { unity_mcp_engine::path::CaseRule::Insensitive } else { unity_mcp_engine::path::CaseRule::Sensitive };
        let mem = if insensitive { MemFs::new_case_insensitive("proj") } else { MemFs::new("proj") };
        mem.put_dir("Assets");
        let std_db = AssetDb::new(Arc::new(StdFs::open(&root).unwrap()), Arc::new(RandomGuids::seeded(seed))).with_case_rule(rule);
        let mem_db = AssetDb::new(Arc::new(mem.clone()), Arc::new(RandomGuids::seeded(seed))).with_case_rule(rule);
        let paths = all_paths();
        for (i, s) in steps.iter().enumerate() {
            let op = match s {
                Step::Create(f) => {
                    let p = FILES[*f];
                    let full = root.join(p);
                    // Only where no file sits in the way of a parent folder.
                    if std::fs::create_dir_all(full.parent().unwrap()).is_ok() && !full.is_dir() {
                        std::fs::write(&full, format!("content {i}")).unwrap();
                        mem.put_file(p, format!("content {i}").as_bytes());
                    }
                    None
                }
                Step::Mkdir(d) => {
                    let full = root.join(DIRS[*d]);
                    if std::fs::create_dir_all(&full).is_ok() {
                        mem.put_dir(DIRS[*d]);
                    }
                    None
                }
                Step::DropMeta(p) => {
                    let m = format!("{}.meta", paths[*p]);
                    if std::fs::remove_file(root.join(&m)).is_ok() {
                        unity_mcp_engine::fs::FileSystem::remove_file(&mem, &m).unwrap();
                    }
                    None
                }
                Step::Windows(p, style) => {
                    let m = format!("{}.meta", paths[*p]);
                    if let Ok(text) = std::fs::read_to_string(root.join(&m)) {
                        let mut bytes = if style & 1 == 1 || *style == 3 { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
                        let body = if *style == 1 || *style == 3 { text.replace('\n', "\r\n") } else { text };
                        bytes.extend_from_slice(if *style >= 2 { body.trim_end() } else { &body }.as_bytes());
                        std::fs::write(root.join(&m), &bytes).unwrap();
                        mem.put_file(&m, &bytes);
                    }
                    None
                }
                Step::CopyMeta(a, b) => {
                    let (from, to) = (format!("{}.meta", paths[*a]), paths[*b]);
                    let target_exists = root.join(to).exists();
                    if let (Ok(bytes), true) = (std::fs::read(root.join(&from)), target_exists && a != b) {
                        std::fs::write(root.join(format!("{to}.meta")), &bytes).unwrap();
                        mem.put_file(&format!("{to}.meta"), &bytes);
                    }
                    None
                }
                Step::Import(p) => Some(Op::Import(AssetPath::from_trusted(paths[*p]))),
                Step::Move(a, b) => Some(Op::Move { src: AssetPath::from_trusted(paths[*a]), dst: AssetPath::from_trusted(paths[*b]) }),
                Step::Delete(p) => Some(Op::Delete(AssetPath::from_trusted(paths[*p]))),
                Step::Refresh => Some(Op::Refresh),
            };
            if let Some(op) = op {
                let a = mem_db.apply(&op);
                let b = std_db.apply(&op);
                prop_assert!(same(&a, &b), "step {}: {:?}\n mem: {:?}\n std: {:?}", i, op, a, b);
            }
        }
        let mem_tree: BTreeMap<String, Option<Vec<u8>>> = mem.snapshot().into_iter().collect();
        prop_assert_eq!(&mem_tree, &disk_tree(&root));
        // After a final Refresh no GUID is held twice, on either backend.
        let (a, b) = (mem_db.apply(&Op::Refresh), std_db.apply(&Op::Refresh));
        prop_assert!(same(&a, &b), "final refresh\n mem: {:?}\n std: {:?}", a, b);
        let mut guids = std::collections::HashMap::new();
        let snap = mem.snapshot();
        let present: std::collections::HashSet<&String> = snap.iter().map(|(p, _)| p).collect();
        for (path, data) in &snap {
            if let (true, Some(bytes)) = (path.ends_with(".meta"), data) {
                if let Ok(m) = unity_mcp_engine::meta::parse(bytes) {
                    // A kept folder meta without its folder holds nothing, and Unity never
                    // looks inside an ignored folder (`.hidden/`, `Tmp~/`): what a move put
                    // there holds nothing either.
                    let asset = path.trim_end_matches(".meta");
                    let ignored = asset.split('/').any(unity_mcp_engine::path::is_ignored_name);
                    if present.contains(&asset.to_string()) && !ignored {
                        prop_assert!(guids.insert(m.guid, path.clone()).is_none(), "{} twice: {}", m.guid, path);
                    }
                }
            }
        }
    }
}
