//! GetHierarchy and SetProperty timed on one thread, in process, through the engine
//! on a real disk (issue 21's speed goals):
//! - GetHierarchy of the corpus's largest scene and of a generated 50 MB scene
//!   (GameObjects with Transform, MeshRenderer and a MonoBehaviour of a few fields,
//!   written the way the Editor writes them): MB/s, and the peak heap the call
//!   allocates beyond the file's own bytes, as a multiple of the file size (a
//!   counting allocator; the goal is <= 3x);
//! - SetProperty's round trip (read, edit, verify, atomic write) on a 1 MB prefab.
//!
//! `scene_bench [CORPUS_DIR] [RUNS]`; prints a Markdown table. Run it pinned to one
//! core (`taskset -c 0`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use unity_mcp_engine::db::Stop;
use unity_mcp_engine::{AssetDb, AssetPath, Op, RandomGuids};
use unity_mcp_server::fs_std::StdFs;

/// Heap bytes live now, and the most since the last reset.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + (new - l.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// One GameObject with its Transform, MeshRenderer and MonoBehaviour, child of
/// `parent` (a Transform fileID, 0 for a root), in the Editor's layout.
fn object(out: &mut String, i: u64, parent: u64, children: &[u64], script_guid: &str) {
    let (go, tr, mr, mb) = (i * 10 + 1, i * 10 + 2, i * 10 + 3, i * 10 + 4);
    out.push_str(&format!(
        "--- !u!1 &{go}\nGameObject:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  serializedVersion: 6\n  m_Component:\n  - component: {{fileID: {tr}}}\n  - component: {{fileID: {mr}}}\n  - component: {{fileID: {mb}}}\n  m_Layer: 0\n  m_Name: Enemy {i}\n  m_TagString: Untagged\n  m_Icon: {{fileID: 0}}\n  m_NavMeshLayer: 0\n  m_StaticEditorFlags: 0\n  m_IsActive: 1\n"
    ));
    out.push_str(&format!(
        "--- !u!4 &{tr}\nTransform:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: {go}}}\n  serializedVersion: 2\n  m_LocalRotation: {{x: 0, y: 0.38268343, z: 0, w: 0.9238795}}\n  m_LocalPosition: {{x: {}, y: 0.5, z: -3.25}}\n  m_LocalScale: {{x: 1, y: 1, z: 1}}\n  m_ConstrainProportionsScale: 0\n  m_Children:{}\n  m_Father: {{fileID: {parent}}}\n  m_LocalEulerAnglesHint: {{x: 0, y: 45, z: 0}}\n",
        i as f32 * 0.25,
        if children.is_empty() { " []".to_string() } else { children.iter().map(|c| format!("\n  - {{fileID: {}}}", c * 10 + 2)).collect() }
    ));
    out.push_str(&format!(
        "--- !u!23 &{mr}\nMeshRenderer:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: {go}}}\n  m_Enabled: 1\n  m_CastShadows: 1\n  m_ReceiveShadows: 1\n  m_DynamicOccludee: 1\n  m_MotionVectors: 1\n  m_LightProbeUsage: 1\n  m_ReflectionProbeUsage: 1\n  m_RenderingLayerMask: 1\n  m_RendererPriority: 0\n  m_Materials:\n  - {{fileID: 2100000, guid: 31321ba15b8f8eb4c954353edc038b1d, type: 2}}\n  m_StaticBatchInfo:\n    firstSubMesh: 0\n    subMeshCount: 0\n  m_StaticBatchRoot: {{fileID: 0}}\n  m_ProbeAnchor: {{fileID: 0}}\n  m_LightProbeVolumeOverride: {{fileID: 0}}\n  m_ScaleInLightmap: 1\n  m_SortingLayerID: 0\n  m_SortingLayer: 0\n  m_SortingOrder: 0\n"
    ));
    out.push_str(&format!(
        "--- !u!114 &{mb}\nMonoBehaviour:\n  m_ObjectHideFlags: 0\n  m_CorrespondingSourceObject: {{fileID: 0}}\n  m_PrefabInstance: {{fileID: 0}}\n  m_PrefabAsset: {{fileID: 0}}\n  m_GameObject: {{fileID: {go}}}\n  m_Enabled: 1\n  m_EditorHideFlags: 0\n  m_Script: {{fileID: 11500000, guid: {script_guid}, type: 3}}\n  m_Name: \n  m_EditorClassIdentifier: \n  speed: 3.5\n  health: 100\n  displayName: 'Enemy: {i}'\n  waypoints:\n  - {{x: 0, y: 0, z: 0}}\n  - {{x: 1.5, y: 0, z: -2}}\n  target: {{fileID: 0}}\n"
    ));
}

/// A scene of `target_bytes` or a little more: roots with ten children each.
fn scene(target_bytes: usize, script_guid: &str) -> String {
    let mut out = String::from("%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n");
    let mut i = 1u64;
    while out.len() < target_bytes {
        let root = i;
        let kids: Vec<u64> = (1..=10).map(|k| root + k).collect();
        object(&mut out, root, 0, &kids, script_guid);
        for &k in &kids {
            object(&mut out, k, root * 10 + 2, &[], script_guid);
        }
        i += 11;
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = args.get(1).cloned();
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("Assets/Scripts")).unwrap();
    std::fs::create_dir_all(root.join("ProjectSettings")).unwrap();
    std::fs::write(root.join("ProjectSettings/ProjectVersion.txt"), "m_EditorVersion: 6000.0.23f1\n").unwrap();
    let script_guid = "5e9e851c0e142814dac026a256ba2ac0";
    std::fs::write(root.join("Assets/Scripts/Enemy.cs"), "using UnityEngine;\npublic class Enemy : MonoBehaviour {}\n").unwrap();
    std::fs::write(root.join("Assets/Scripts/Enemy.cs.meta"), format!("fileFormatVersion: 2\nguid: {script_guid}\n")).unwrap();
    let big = scene(50 << 20, script_guid);
    std::fs::write(root.join("Assets/Big.unity"), &big).unwrap();
    std::fs::write(root.join("Assets/Big.unity.meta"), "fileFormatVersion: 2\nguid: 0b4f1c7d2a8e4f60b1c2d3e4f5a6b7c8\n").unwrap();
    let prefab = scene(1 << 20, script_guid);
    std::fs::write(root.join("Assets/Big.prefab"), &prefab).unwrap();
    std::fs::write(root.join("Assets/Big.prefab.meta"), "fileFormatVersion: 2\nguid: 1b4f1c7d2a8e4f60b1c2d3e4f5a6b7c8\n").unwrap();
    let mut cases: Vec<(String, std::path::PathBuf, String)> = vec![("generated scene".into(), root.to_path_buf(), "Assets/Big.unity".into())];
    if let Some(c) = &corpus {
        let largest = "Assets/TextMesh Pro/Examples & Extras/Scenes/18 - ScrollRect & Masking & Layout.unity";
        if Path::new(c).join(largest).exists() {
            cases.push(("corpus's largest scene".into(), Path::new(c).to_path_buf(), largest.into()));
        }
    }
    println!("| file | size | GetHierarchy median | MB/s | nodes | peak heap beyond the file |");
    println!("|---|---|---|---|---|---|");
    // SCENE_BENCH_SET_ONLY: SetProperty alone (for a profile of it).
    let set_only = std::env::var("SCENE_BENCH_SET_ONLY").is_ok();
    for (label, project, path) in cases.into_iter().filter(|_| !set_only) {
        let db = AssetDb::new(Arc::new(StdFs::open(&project).expect("open")), Arc::new(RandomGuids::seeded(1)));
        db.build_index().expect("index");
        let p = AssetPath::parse("p", &path).unwrap();
        let size = std::fs::metadata(project.join(&path)).unwrap().len() as f64;
        let mut times = Vec::new();
        let mut extra = 0usize;
        let mut nodes = 0;
        for _ in 0..runs {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let t = Instant::now();
            let h = db.get_hierarchy(&p, 0, 1_000_000, &Stop::never()).expect("hierarchy");
            times.push(t.elapsed().as_secs_f64());
            nodes = h.node_count;
            // The answer itself (the tree handed back) is counted too.
            extra = extra.max(PEAK.load(Ordering::Relaxed).saturating_sub(base).saturating_sub(size as usize));
            drop(h);
        }
        let m = median(times);
        println!("| {label} | {:.1} MB | {:.1} ms | {:.0} | {nodes} | {:.2}x the file |", size / 1e6, m * 1e3, size / 1e6 / m, extra as f64 / size);
    }
    // SetProperty round trips on the 1 MB prefab: alternate two values.
    let db = AssetDb::new(Arc::new(StdFs::open(root).expect("open")), Arc::new(RandomGuids::seeded(1)));
    db.build_index().expect("index");
    let mut times = Vec::new();
    for i in 0..(runs * 40).max(100) {
        let value = if i % 2 == 0 { "7.25" } else { "3.5" };
        let op = Op::set_property("Assets/Big.prefab", 24, "speed", value, "").expect("op");
        let t = Instant::now();
        db.apply(&op).expect("set_property");
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    // A reference swapped with a precondition: the hash checked, the index re-read.
    let mut sha = unity_mcp_engine::text::sha256_hex(&std::fs::read(root.join("Assets/Big.prefab")).unwrap());
    let mut ref_times = Vec::new();
    for i in 0..(runs * 40).max(100) {
        let value = if i % 2 == 0 { format!("{{\"fileID\": 11500000, \"guid\": \"{script_guid}\", \"type\": 3}}") } else { "{\"fileID\": 0}".to_string() };
        let op = Op::set_property("Assets/Big.prefab", 24, "target", &value, &sha).expect("op");
        let t = Instant::now();
        match db.apply(&op).expect("set_property") {
            unity_mcp_engine::Outcome::PropertySet(p) => sha = p.sha256,
            other => panic!("{other:?}"),
        }
        ref_times.push(t.elapsed().as_secs_f64());
    }
    ref_times.sort_by(|a, b| a.total_cmp(b));
    println!();
    println!("| SetProperty on a {:.1} MB prefab (read, edit, verify, atomic write) | median | p99 |", prefab.len() as f64 / 1e6);
    println!("|---|---|---|");
    println!("| a number, {} round trips | {:.2} ms | {:.2} ms |", times.len(), times[times.len() / 2] * 1e3, times[times.len() * 99 / 100] * 1e3);
    println!(
        "| a reference with expected_sha256 (hash checked, index re-read), {} round trips | {:.2} ms | {:.2} ms |",
        ref_times.len(),
        ref_times[ref_times.len() / 2] * 1e3,
        ref_times[ref_times.len() * 99 / 100] * 1e3
    );
}
