//! The official MCP SDKs drive unity-mcp on real projects, over stdio (`unity-mcp mcp`)
//! and over streamable HTTP (`serve --mcp-listen`, with a token):
//! - Python (PyPI `mcp`), on the corpus: every tool, an error per tool, batch, progress,
//!   log messages, resources, template, prompts; over HTTP also the token, the Origin
//!   check and 20 sessions at once.
//! - TypeScript (npm `@modelcontextprotocol/sdk`, what Claude Code, Cursor and VS Code
//!   use; it validates structured content against output schemas), on the corpus and on
//!   a second real project (testdata/projects/voxelman): every tool succeeding and
//!   failing as a tool, batch, an unknown tool, progress, DELETE /mcp.
//!
//! Needs a Python with `mcp` and Node with the SDK: `.ci/run` installs them in target/py
//! and target/node, and passes them in `UNITY_MCP_PYTHON` and `UNITY_MCP_NODE_MODULES`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn python() -> String {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/py/bin/python");
    std::env::var("UNITY_MCP_PYTHON").unwrap_or_else(|_| if venv.exists() { venv.display().to_string() } else { "python3".into() })
}

fn corpus(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    std::fs::create_dir_all(&project).unwrap();
    let tgz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(&project).status().unwrap().success());
    project
}

/// testdata/projects/voxelman (keijiro/Voxelman, Unity 2022.3, public domain), copied.
fn voxelman(dir: &Path) -> PathBuf {
    let project = dir.join("project");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/projects/voxelman");
    assert!(Command::new("cp").arg("-r").arg(&src).arg(&project).status().unwrap().success());
    project
}

fn node_modules() -> String {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/node/node_modules");
    std::env::var("UNITY_MCP_NODE_MODULES").unwrap_or_else(|_| local.display().to_string())
}

/// Runs the TypeScript SDK client with `args` after the node_modules folder.
fn run_ts_client(args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/mcp_client_ts.mjs");
    let modules = node_modules();
    let out = Command::new("node")
        .arg(script)
        .arg(&modules)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}; run .ci/run, which installs the MCP TypeScript SDK"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "MCP TypeScript client failed ({}):\n{stdout}\n{stderr}\n(hint: it needs @modelcontextprotocol/sdk in {modules}; .ci/run installs it)",
        out.status
    );
    assert!(stdout.contains("checks passed"), "{stdout}");
    println!("{stdout}");
}

fn run_client(args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/mcp_client.py");
    let out = Command::new(python())
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; run .ci/run, or pip install mcp", python()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "MCP client failed ({}):\n{stdout}\n{stderr}\n(hint: it needs the `mcp` package; .ci/run installs it)", out.status);
    assert!(stdout.contains("checks passed"), "{stdout}");
    println!("{stdout}");
}

#[test]
fn python_mcp_sdk_over_stdio_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    run_client(&["stdio", env!("CARGO_BIN_EXE_unity-mcp"), project.to_str().unwrap()]);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Kills the server when the test ends, however it ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `unity-mcp serve` over `project` with MCP on HTTP; (server, MCP URL).
fn serve_http(project: &Path, token: &str) -> (Killed, String) {
    let (grpc, mcp) = (free_port(), free_port());
    let server = Killed(
        Command::new(env!("CARGO_BIN_EXE_unity-mcp"))
            .args(["serve", "--project", project.to_str().unwrap()])
            .args(["--listen", &format!("127.0.0.1:{grpc}"), "--mcp-listen", &format!("127.0.0.1:{mcp}"), "--token", token])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let up = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::net::TcpStream::connect(("127.0.0.1", mcp)).is_ok()
    });
    assert!(up, "the server did not listen for MCP");
    (server, format!("http://127.0.0.1:{mcp}/mcp"))
}

#[test]
fn python_mcp_sdk_over_streamable_http_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let token = "s3cret-token";
    let (_server, url) = serve_http(&project, token);
    run_client(&["http", &url, project.to_str().unwrap(), token]);
}

#[test]
fn typescript_mcp_sdk_over_stdio_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    run_ts_client(&["stdio", env!("CARGO_BIN_EXE_unity-mcp"), project.to_str().unwrap()]);
}

#[test]
fn typescript_mcp_sdk_over_streamable_http_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let token = "ts-token";
    let (_server, url) = serve_http(&project, token);
    run_ts_client(&["http", &url, project.to_str().unwrap(), token]);
}

#[test]
fn typescript_mcp_sdk_on_a_second_real_project_over_both_transports() {
    let dir = tempfile::tempdir().unwrap();
    let project = voxelman(dir.path());
    // Voxelman's Assets/SceneDependencyCache.meta has no folder: the Editor deletes it.
    assert!(project.join("Assets/SceneDependencyCache.meta").is_file());
    run_ts_client(&["stdio", env!("CARGO_BIN_EXE_unity-mcp"), project.to_str().unwrap()]);
    assert!(!project.join("Assets/SceneDependencyCache.meta").exists(), "Refresh removes an orphan folder .meta");
    let token = "ts-token";
    let (_server, url) = serve_http(&project, token);
    run_ts_client(&["http", &url, project.to_str().unwrap(), token]);
}
