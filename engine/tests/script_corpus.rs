//! ValidateScript's `syntax` rule on real projects: every `.cs` the Editor compiles
//! comes out with zero syntax errors (the shared corpus, and the projects under
//! `testdata/projects/`), and errors planted into them are found at their line.

use std::path::{Path, PathBuf};
use unity_mcp_engine::script::csharp::{check, ScriptContext};
use unity_mcp_engine::script::preproc::configure;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "cs") {
            out.push(p);
        }
    }
}

/// (project name, its scripts' paths and texts), the corpus unpacked into `tmp`.
fn projects(tmp: &Path) -> Vec<(String, Vec<(PathBuf, String)>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = match std::env::var("UNITY_MCP_CORPUS_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => {
            let tgz = root.join("testdata/corpus/game-programming-patterns-demo.tgz");
            let status = std::process::Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(tmp).status().unwrap();
            assert!(status.success(), "tar failed");
            tmp.to_path_buf()
        }
    };
    let mut dirs = vec![("corpus".to_string(), corpus)];
    for entry in std::fs::read_dir(root.join("testdata/projects")).unwrap().flatten() {
        if entry.path().is_dir() {
            dirs.push((entry.file_name().to_string_lossy().into_owned(), entry.path()));
        }
    }
    dirs.sort();
    dirs.into_iter()
        .map(|(name, dir)| {
            let mut files = Vec::new();
            walk(&dir, &mut files);
            let scripts = files
                .into_iter()
                .map(|p| {
                    let text = std::fs::read_to_string(&p).unwrap();
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                    (p, text)
                })
                .collect();
            (name, scripts)
        })
        .collect()
}

fn no_ctx() -> ScriptContext<'static> {
    ScriptContext { stem: None, player: None, defines: &[] }
}

#[test]
fn every_real_script_has_zero_syntax_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let mut total = 0;
    for (name, scripts) in projects(tmp.path()) {
        let with_if = scripts.iter().filter(|(_, t)| t.contains("#if")).count();
        println!("{name}: {} scripts ({with_if} with #if)", scripts.len());
        assert!(!scripts.is_empty(), "{name}: no scripts");
        for (path, text) in &scripts {
            let errors: Vec<_> = check(text, &no_ctx()).into_iter().filter(|d| d.rule == "syntax").collect();
            assert!(errors.is_empty(), "{}: false syntax errors {errors:?}", path.display());
        }
        total += scripts.len();
    }
    // The corpus alone has 212; the other projects add theirs.
    assert!(total >= 280, "only {total} scripts checked");
}

/// A line active in both configurations (so that a plant there compiles) ending
/// in `;`, in the middle of the script; `None` when there is none.
fn plant_site(text: &str) -> Option<usize> {
    let editor = configure(text.as_bytes(), &|s| s == "UNITY_EDITOR" || s.ends_with("_OR_NEWER"));
    let player = configure(text.as_bytes(), &|s| s.ends_with("_OR_NEWER"));
    let lines: Vec<&str> = text.split('\n').collect();
    let sites: Vec<usize> = (0..lines.len())
        .filter(|&i| editor.active[i] && player.active[i])
        .filter(|&i| {
            let t = lines[i].trim();
            t.ends_with(';') && !t.starts_with("using") && !t.starts_with("//") && !t.starts_with('*') && !t.starts_with("/*")
        })
        .collect();
    (!sites.is_empty()).then(|| sites[sites.len() / 2])
}

/// Plants `f(line)` at each script's site; returns (planted, found at the line).
fn plant_all(f: impl Fn(&str) -> String) -> (usize, usize, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut planted, mut found, mut missed) = (0, 0, Vec::new());
    for (_, scripts) in projects(tmp.path()) {
        for (path, text) in &scripts {
            let Some(at) = plant_site(text) else { continue };
            let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
            let crlf = lines[at].ends_with('\r');
            lines[at] = f(lines[at].trim_end()) + if crlf { "\r" } else { "" };
            let d = check(&lines.join("\n"), &no_ctx());
            planted += 1;
            if d.iter().any(|d| d.rule == "syntax" && d.severity == unity_mcp_engine::script::Severity::Error && d.line as usize == at + 1) {
                found += 1;
            } else {
                missed.push(format!("{}:{} {:?}", path.display(), at + 1, d.iter().take(2).map(|d| (d.line, &d.message)).collect::<Vec<_>>()));
            }
        }
    }
    (planted, found, missed)
}

#[test]
fn planted_garbage_is_found_at_its_line() {
    for plant in [" )", " = = ;", " @@"] {
        let (planted, found, missed) = plant_all(|line| format!("{line}{plant}"));
        println!("'{plant}': {found} of {planted} at their line");
        assert!(planted >= 250);
        assert_eq!(found, planted, "missed: {missed:#?}");
    }
}

#[test]
fn a_deleted_semicolon_is_found_at_its_line_almost_always() {
    // The compiler reports CS1002 at the end of the line; tree-sitter's recovery
    // often starts its ERROR a line later, which the `;` repair pass moves back.
    let (planted, found, missed) = plant_all(|line| line.strip_suffix(';').unwrap_or(line).to_string());
    println!("deleted ';': {found} of {planted} at their line; missed: {missed:#?}");
    assert!(planted >= 250);
    assert!(found * 100 >= planted * 85, "only {found} of {planted}");
}
