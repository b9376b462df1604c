//! Interop with a client that is not tonic: Python grpcio (stubs generated from proto/
//! at test time) streams 1,000 mixed operations and checks every answer.
//!
//! Needs a Python with `grpcio` and `grpcio-tools`: `.ci/run` makes one and passes it
//! in `UNITY_MCP_PYTHON`; without it, that venv (target/py) or `python3` is used.

mod common;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_grpcio_client_streams_1000_mixed_operations() {
    let s = common::start().await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv = root.join("../target/py/bin/python");
    let python = std::env::var("UNITY_MCP_PYTHON")
        .unwrap_or_else(|_| if venv.exists() { venv.display().to_string() } else { "python3".into() });
    let script = root.join("tests/interop/stream_mixed.py");
    let proto = root.join("../proto");
    let addr = s.addr.to_string();
    let project = s.project();
    let out = tokio::process::Command::new(&python)
        .arg(&script)
        .arg(&proto)
        .arg(&addr)
        .arg(&project)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}; run .ci/run, or pip install grpcio grpcio-tools"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "python interop failed ({}):\n{stdout}\n{stderr}\n(hint: it needs grpcio and grpcio-tools; .ci/run installs them)",
        out.status
    );
    assert!(stdout.contains("interop: 1000 answers checked"), "{stdout}");
}
