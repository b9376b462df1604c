//! The official MCP Python SDK (PyPI `mcp`) drives `unity-mcp mcp` over stdio on the
//! real corpus project: every tool, an error per tool, resources, template, prompts.
//!
//! Needs a Python with `mcp`: `.ci/run` installs it in target/py and passes it in
//! `UNITY_MCP_PYTHON`.

#[test]
fn python_mcp_sdk_over_stdio_on_the_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv = root.join("../target/py/bin/python");
    let python = std::env::var("UNITY_MCP_PYTHON")
        .unwrap_or_else(|_| if venv.exists() { venv.display().to_string() } else { "python3".into() });
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let tgz = root.join("../testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(std::process::Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(&project).status().unwrap().success());
    let out = std::process::Command::new(&python)
        .arg(root.join("tests/interop/mcp_client.py"))
        .arg(env!("CARGO_BIN_EXE_unity-mcp"))
        .arg(&project)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}; run .ci/run, or pip install mcp"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "MCP client failed ({}):\n{stdout}\n{stderr}\n(hint: it needs the `mcp` package; .ci/run installs it)", out.status);
    assert!(stdout.contains("checks passed"), "{stdout}");
}
