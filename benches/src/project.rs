//! A generated Unity project of N assets for load tests.

use std::io;
use std::path::Path;
use unity_mcp_engine::kind::{kind_of_file, FOLDER};
use unity_mcp_engine::meta::{render, Guid};

pub const EXTS: &[&str] = &["png", "cs", "prefab", "mat", "wav", "txt", "fbx", "shader", "asset", "unity"];
/// Assets per folder in the generated tree.
const PER_FOLDER: usize = 100;

/// The path of generated asset `i`.
pub fn asset_path(i: usize) -> String {
    format!("Assets/Gen/F{:03}/a{i}.{}", i / PER_FOLDER, EXTS[i % EXTS.len()])
}

/// Writes a project of `n` assets (each with its .meta, GUIDs from `seed`) into `dir`,
/// which must not exist yet, plus the sample project's settings.
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<()> {
    if dir.exists() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} exists", dir.display())));
    }
    unity_mcp_server::sample::write_sample(dir)?;
    let mut state = seed | 1;
    let mut guid = || {
        // xorshift: reproducible, distinct enough for test GUIDs.
        let mut g = 0u128;
        for _ in 0..2 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            g = (g << 64) | state as u128;
        }
        Guid(g)
    };
    std::fs::create_dir_all(dir.join("Assets/Gen"))?;
    std::fs::write(dir.join("Assets/Gen.meta"), render(guid(), &FOLDER))?;
    for f in 0..n.div_ceil(PER_FOLDER) {
        let folder = dir.join(format!("Assets/Gen/F{f:03}"));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(dir.join(format!("Assets/Gen/F{f:03}.meta")), render(guid(), &FOLDER))?;
    }
    for i in 0..n {
        let p = asset_path(i);
        let name = p.rsplit('/').next().unwrap_or(&p);
        // A script is a (small) valid one, so that edits and validation see real C#.
        let body = if p.ends_with(".cs") { format!("// asset {i}\npublic class a{i} {{ }}\n") } else { format!("asset {i}\n") };
        std::fs::write(dir.join(&p), body)?;
        std::fs::write(dir.join(format!("{p}.meta")), render(guid(), &kind_of_file(name)))?;
    }
    std::fs::create_dir_all(dir.join("Assets/Bench"))?;
    std::fs::write(dir.join("Assets/Bench.meta"), render(guid(), &FOLDER))?;
    Ok(())
}
