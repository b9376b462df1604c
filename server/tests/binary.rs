//! The real `unity-mcp` binary: serves the bundled sample with no --project, says
//! where it wrote it, answers its own `client`, and stops cleanly on SIGTERM.
// Signals (SIGTERM) and the Unix binary: Unix only.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn serve_sample_client_and_graceful_sigterm() {
    let exe = env!("CARGO_BIN_EXE_unity-mcp");
    let port = free_port();
    let metrics_port = free_port();
    let tmp = tempfile::tempdir().unwrap();
    let mut server = Command::new(exe)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--metrics-listen", &format!("127.0.0.1:{metrics_port}")])
        .env("TMPDIR", tmp.path())
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("wrote the bundled sample project to"), "{first}");
    let sample_dir = first.rsplit(' ').next().unwrap().to_string();
    assert!(std::path::Path::new(&sample_dir).join("Assets/Scripts/Player.cs.meta").is_file());
    // Wait until it serves (a liveness bound, not a timing goal).
    let addr = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let info = loop {
        let out = Command::new(exe).args(["client", "--addr", &addr, "info"]).output().unwrap();
        if out.status.success() {
            break String::from_utf8(out.stdout).unwrap();
        }
        assert!(Instant::now() < deadline, "server never came up");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(info.contains("Sample Space Shooter"), "{info}");

    let out = Command::new(exe).args(["client", "--addr", &addr, "import", "Assets/Nope.png"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "an answer with an error exits 1");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"code\":5"));

    let ops = tmp.path().join("ops.jsonl");
    std::fs::write(&ops, "{\"op\":\"import\",\"asset_path\":\"Assets/Docs\"}\n# a comment\n{\"op\":\"refresh\",\"id\":77}\n").unwrap();
    let out = Command::new(exe).args(["client", "--addr", &addr, "stream"]).arg(&ops).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let answers: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["asset"]["type"], "DefaultAsset");
    assert_eq!(answers[1]["id"], 77);

    std::fs::write(&ops, "{\"op\":\"teleport\"}\n").unwrap();
    let out = Command::new(exe).args(["client", "--addr", &addr, "stream"]).arg(&ops).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown op"));

    // Prometheus text at /metrics, with the requests above counted.
    let mut http = std::net::TcpStream::connect(("127.0.0.1", metrics_port)).unwrap();
    use std::io::{Read, Write};
    http.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut body = String::new();
    http.read_to_string(&mut body).unwrap();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    for needle in ["unity_mcp_requests_total", "unity_mcp_request_latency_seconds_bucket{le=\"+Inf\"}", "unity_mcp_answers_total{code=\"5\"} 1", "unity_mcp_cache_hit_ratio", "unity_mcp_pool_outstanding 0", "process_resident_memory_bytes"] {
        assert!(body.contains(needle), "{needle} missing from /metrics:\n{body}");
    }

    // SAFETY: plain kill(2) on our own child.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "server did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("shutting down")), "{rest:?}");
    let _ = std::fs::remove_dir_all(sample_dir);
}

#[test]
fn help_explains_the_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_unity-mcp")).args(["serve", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["--project", "--listen", "sample project"] {
        assert!(text.contains(word), "{word} missing from:\n{text}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_unity-mcp")).args(["serve", "--print-config", "--window", "9", "--queue-timeout-ms", "77"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("window_per_conn = 9") && text.contains("queue_timeout_ms = 77") && text.contains("[engine]"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, "[engine]\nwindow_per_conn = 3\nbogus = 1\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_unity-mcp")).args(["serve", "--print-config", "--config"]).arg(&cfg).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bogus"), "unknown keys are named");
    let out = Command::new(env!("CARGO_BIN_EXE_unity-mcp")).args(["serve", "--project", "/nonexistent/x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open project"));
}
