//! The official MCP Python SDK (PyPI `mcp`) drives unity-mcp on the real corpus
//! project, over stdio (`unity-mcp mcp`) and over streamable HTTP (`serve
//! --mcp-listen`, with a token): every tool, an error per tool, batch, progress, log
//! messages, resources, template, prompts; over HTTP also the token, the Origin check
//! and 20 sessions at once.
//!
//! Needs a Python with `mcp`: `.ci/run` installs it in target/py and passes it in
//! `UNITY_MCP_PYTHON`.

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

#[test]
fn python_mcp_sdk_over_streamable_http_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let (grpc, mcp) = (free_port(), free_port());
    let token = "s3cret-token";
    let _server = Killed(
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
    run_client(&["http", &format!("http://127.0.0.1:{mcp}/mcp"), project.to_str().unwrap(), token]);
}
