//! The asset graph at scale: a generated project of N assets (textures, scripts,
//! materials referencing textures, prefabs referencing a material and a script,
//! scenes referencing prefabs), every file with an Editor-style `.meta`. Measures, in
//! one run: the start-up index build as the server does it (all cores), reading the
//! same files with `cat`, FindAssets-by-GUID and FindReferences engine time, and the
//! index's memory (RSS growth) per asset and per reference.
//!
//! `cargo run --release -p unity-mcp-benches --bin index_bench -- --assets 100000`

use clap::Parser;
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::time::Instant;
use unity_mcp_engine::db::{FindQuery, Target};
use unity_mcp_engine::kind::{kind_of_file, FOLDER};
use unity_mcp_engine::meta::{render, Guid};

#[derive(Parser, Debug)]
struct Args {
    /// Assets in the generated project.
    #[arg(long, default_value_t = 100_000)]
    assets: usize,
    /// Where to generate it (default: /dev/shm when present, else the temp folder).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Queries timed per kind.
    #[arg(long, default_value_t = 20_000)]
    queries: usize,
    /// Where to write the Markdown table (stdout too).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn rss_bytes() -> u64 {
    unity_mcp_benches::procstat::rss(std::process::id()).map_or(0, |r| r.0)
}

/// Writes the project; returns (asset GUIDs, references written).
fn generate(root: &Path, n: usize) -> anyhow::Result<(Vec<Guid>, usize)> {
    let mut rng = rand::rngs::SmallRng::seed_from_u64(7);
    let mut guid = || Guid(rng.gen::<u128>() | 1);
    let per_folder = 1000;
    let mut guids = Vec::with_capacity(n);
    let (mut textures, mut scripts, mut materials, mut prefabs) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut refs = 0;
    let mut rng2 = rand::rngs::SmallRng::seed_from_u64(11);
    for i in 0..n {
        let folder = format!("Assets/F{:04}", i / per_folder);
        if i % per_folder == 0 {
            std::fs::create_dir_all(root.join(&folder))?;
            std::fs::write(root.join(format!("{folder}.meta")), render(guid(), &FOLDER))?;
        }
        let g = guid();
        let (name, body): (String, Vec<u8>) = match i % 10 {
            0..=3 => {
                textures.push(g);
                (format!("t{i}.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".repeat(60))
            }
            4 | 5 => {
                scripts.push(g);
                (format!("S{i}.cs"), format!("using UnityEngine;\npublic class S{i} : MonoBehaviour {{ }}\n").into_bytes())
            }
            6 | 7 if !textures.is_empty() => {
                materials.push(g);
                let t = textures[rng2.gen_range(0..textures.len())];
                refs += 2;
                (format!("m{i}.mat"), format!("%YAML 1.1\n%TAG !u! tag:unity3d.com,2011:\n--- !u!21 &2100000\nMaterial:\n  m_Name: m{i}\n  m_Shader: {{fileID: 46, guid: 0000000000000000f000000000000000, type: 0}}\n  m_SavedProperties:\n    m_TexEnvs:\n    - _MainTex:\n        m_Texture: {{fileID: 2800000, guid: {t}, type: 3}}\n").into_bytes())
            }
            8 if !materials.is_empty() && !scripts.is_empty() => {
                prefabs.push(g);
                let (m, s) = (materials[rng2.gen_range(0..materials.len())], scripts[rng2.gen_range(0..scripts.len())]);
                refs += 2;
                (format!("p{i}.prefab"), format!("%YAML 1.1\n--- !u!1 &100\nGameObject:\n  m_Name: p{i}\n--- !u!114 &101\nMonoBehaviour:\n  m_Script: {{fileID: 11500000, guid: {s}, type: 3}}\n--- !u!23 &102\nMeshRenderer:\n  m_Materials:\n  - {{fileID: 2100000, guid: {m}, type: 2}}\n").into_bytes())
            }
            _ if !prefabs.is_empty() => {
                let mut text = String::from("%YAML 1.1\n--- !u!29 &1\nOcclusionCullingSettings:\n");
                for k in 0..10 {
                    let p = prefabs[rng2.gen_range(0..prefabs.len())];
                    text.push_str(&format!("--- !u!1001 &{k}\nPrefabInstance:\n  m_SourcePrefab: {{fileID: 100100000, guid: {p}, type: 3}}\n"));
                }
                refs += 10;
                (format!("scene{i}.unity"), text.into_bytes())
            }
            _ => (format!("d{i}.txt"), b"data\n".to_vec()),
        };
        let path = format!("{folder}/{name}");
        std::fs::write(root.join(&path), body)?;
        std::fs::write(root.join(format!("{path}.meta")), render(g, &kind_of_file(&name)))?;
        guids.push(g);
    }
    Ok((guids, refs))
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let base = args.dir.clone().unwrap_or_else(|| if Path::new("/dev/shm").is_dir() { "/dev/shm".into() } else { std::env::temp_dir() });
    let dir = tempfile::tempdir_in(base)?;
    let root = dir.path().join("project");
    std::fs::create_dir_all(root.join("Assets"))?;
    std::fs::create_dir_all(root.join("ProjectSettings"))?;
    std::fs::write(root.join("ProjectSettings/ProjectVersion.txt"), "m_EditorVersion: 6000.0.9f1\n")?;
    let t = Instant::now();
    let (guids, refs_written) = generate(&root, args.assets)?;
    eprintln!("generated {} assets in {:.1} s", guids.len(), t.elapsed().as_secs_f64());

    // The files the index reads (every .meta; text assets), with cat, warm.
    let cat = |root: &Path| -> anyhow::Result<(f64, u64)> {
        let t = Instant::now();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("find Assets -type f \\( -name '*.meta' -o -name '*.mat' -o -name '*.prefab' -o -name '*.unity' -o -name '*.txt' \\) -print0 | xargs -0 cat | wc -c")
            .current_dir(root)
            .output()?;
        Ok((t.elapsed().as_secs_f64(), String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0)))
    };
    let _ = cat(&root)?; // warm the page cache
    let (cat_s, bytes) = cat(&root)?;

    let rss_before = rss_bytes();
    let t = Instant::now();
    let db = unity_mcp_server::server::open_project(&root)?;
    let build_s = t.elapsed().as_secs_f64();
    let rss_after = rss_bytes();
    let indexed = db.indexed_assets();

    let mut rng = rand::rngs::SmallRng::seed_from_u64(3);
    let t = Instant::now();
    let mut found = 0;
    for _ in 0..args.queries {
        let g = guids[rng.gen_range(0..guids.len())];
        found += db.find_assets(&FindQuery { guid: Some(g), ..Default::default() }).0.len();
    }
    let find_us = t.elapsed().as_secs_f64() * 1e6 / args.queries as f64;
    let t = Instant::now();
    let mut referrers = 0;
    for _ in 0..args.queries {
        let g = guids[rng.gen_range(0..guids.len())];
        referrers += db.find_references(&Target::Guid(g)).map(|r| r.len()).unwrap_or(0);
    }
    let refs_us = t.elapsed().as_secs_f64() * 1e6 / args.queries as f64;
    assert_eq!(found, args.queries, "every GUID is found");
    // Pathological globs (a backtracking matcher took minutes on the first one) and an
    // ordinary one, over every asset, once each.
    let deep_folders = "**/".repeat(64) + "Z";
    let deep_runs = "**".repeat(64) + "Z";
    let mut glob_rows = String::new();
    for glob in ["************Z", deep_runs.as_str(), deep_folders.as_str(), "Assets/**/*.mat"] {
        let t = Instant::now();
        let (hits, _) = db.find_assets(&FindQuery { path_glob: Some(glob.to_string()), limit: 100_000, ..Default::default() });
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let shown: String = glob.chars().take(24).collect();
        let more = if glob.len() > 24 { format!("... ({} bytes)", glob.len()) } else { String::new() };
        glob_rows.push_str(&format!("| FindAssets `{shown}{more}` over every asset ({} matched) | {ms:.1} ms |\n", hits.len()));
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let grown = rss_after.saturating_sub(rss_before);
    let table = format!(
        "Asset graph, {n} assets ({refs_written} references), {threads} cores, files on {fs}\n\n\
| measure | value |\n|---|---|\n\
| index build (GUIDs + references, as at server start-up) | {build_s:.2} s |\n\
| bytes the index reads (every .meta, text assets) | {mib:.1} MiB |\n\
| `cat` of the same files (warm) | {cat_s:.2} s |\n\
| build / cat | {ratio:.2}x |\n\
| FindAssets by GUID, engine time | {find_us:.1} us |\n\
| FindReferences by GUID, engine time (mean {avg_ref:.1} referrers) | {refs_us:.1} us |\n\
| RSS growth for the index | {grown_mib:.1} MiB = {per_asset:.0} B per asset, counting references in |\n\
| assets indexed | {indexed} |\n{glob_rows}",
        n = guids.len(),
        fs = if root.starts_with("/dev/shm") { "tmpfs" } else { "disk" },
        mib = bytes as f64 / (1 << 20) as f64,
        ratio = build_s / cat_s.max(1e-9),
        avg_ref = referrers as f64 / args.queries as f64,
        grown_mib = grown as f64 / (1 << 20) as f64,
        per_asset = grown as f64 / guids.len() as f64,
    );
    print!("{table}");
    if let Some(out) = &args.out {
        std::fs::write(out, &table)?;
    }
    Ok(())
}
