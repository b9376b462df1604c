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
        (Err(x), Err(y)) => x.code == y.code,
        _ => false,
    }
}

fn disk_tree(root: &std::path::Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
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
        let mem = MemFs::new("proj");
        mem.put_dir("Assets");
        let std_db = AssetDb::new(Arc::new(StdFs::open(&root).unwrap()), Arc::new(RandomGuids::seeded(seed)));
        let mem_db = AssetDb::new(Arc::new(mem.clone()), Arc::new(RandomGuids::seeded(seed)));
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
        prop_assert_eq!(mem_tree, disk_tree(&root));
    }
}
