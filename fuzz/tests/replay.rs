//! Replays every corpus and artifact file through its target (no cargo-fuzz needed).

use std::path::Path;

fn replay(target: &str, f: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in ["corpus", "artifacts"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else { continue };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_file() && path.file_name().is_some_and(|n| n != ".gitkeep") {
                let data = std::fs::read(&path).unwrap();
                let r = std::panic::catch_unwind(|| f(&data));
                assert!(r.is_ok(), "{target}: {} fails", path.display());
                n += 1;
            }
        }
    }
    assert!(n > 0, "{target}: no corpus files");
    println!("{target}: {n} files replayed");
}

#[test]
fn stream_request_corpus() {
    replay("stream_request", unity_mcp_fuzz::stream_request);
}

#[test]
fn meta_parse_corpus() {
    replay("meta_parse", unity_mcp_fuzz::meta_parse);
}

#[test]
fn call_tool_corpus() {
    replay("call_tool", unity_mcp_fuzz::call_tool);
}

#[test]
fn glob_match_corpus() {
    replay("glob_match", unity_mcp_fuzz::glob_match);
}

#[test]
fn text_edit_corpus() {
    replay("text_edit", unity_mcp_fuzz::text_edit);
}

#[test]
fn script_check_corpus() {
    replay("script_check", unity_mcp_fuzz::script_check);
}

#[test]
fn unity_yaml_corpus() {
    replay("unity_yaml", unity_mcp_fuzz::unity_yaml);
}
