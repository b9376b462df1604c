//! Hostile input over real gRPC: every spelling of escape, floods, resets, tokens.
//! Each gets a clear error; other clients keep being served; nothing outside the
//! project (a canary tree beside it) is read, written, moved or deleted.

mod common;

use common::{start, start_config, tree};
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use unity_mcp_server::config::Config;
use unity_mcp_wire::pb::{self, stream_request::Message as Req};

fn code_of(r: &pb::StreamResponse) -> Option<i32> {
    r.operation_error().map(|e| e.code)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escapes_in_every_spelling_touch_nothing_outside() {
    let s = start().await;
    let canary = s.dir.path().join("canary");
    std::fs::create_dir_all(canary.join("deep")).unwrap();
    std::fs::write(canary.join("secret.txt"), "keep").unwrap();
    std::fs::write(canary.join("deep/model.fbx"), "keep").unwrap();
    if !(common::symlink(&canary, &s.project().join("Assets/CanaryLink")) && common::symlink(&canary.join("secret.txt"), &s.project().join("Assets/secret_link.txt"))) {
        assert!(cfg!(windows), "symbolic links are always possible on Unix");
        eprintln!("this Windows refused to make symbolic links (no privilege): the link cases are not exercised here");
    }
    let canary_before = tree(&canary);
    let evil = [
        "..", "../canary/secret.txt", "Assets/../../canary", "Assets/../../canary/secret.txt", "Assets\\..\\..\\canary",
        "Assets/..\\../canary", "Assets/Textures/../../../canary", "./Assets/../..", "Assets/./../..", "/etc/passwd",
        "//etc/passwd", "\\\\server\\share\\x", "C:\\Windows", "c:/windows", "Assets/\u{0}../x", "Assets/x\u{1b}[2J",
        "Assets/CanaryLink/secret.txt", "Assets/CanaryLink/deep", "Assets/CanaryLink", "Assets/secret_link.txt",
        "Assets/CanaryLink/deep/model.fbx", "Packages/../../canary", "Packages/com.acme.tools/../../../canary",
    ];
    let mut c = s.client().await;
    let mut reqs = Vec::new();
    for (i, p) in evil.iter().enumerate() {
        let i = i as u64 * 4;
        reqs.push(pb::StreamRequest { id: i, message: Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: p.to_string() })) });
        reqs.push(pb::StreamRequest { id: i + 1, message: Some(Req::DeleteAsset(pb::DeleteAssetRequest { asset_path: p.to_string(), only_if_unreferenced: false })) });
        reqs.push(pb::StreamRequest { id: i + 2, message: Some(Req::MoveAsset(pb::MoveAssetRequest { src_path: p.to_string(), dst_path: "Assets/Stolen".into() })) });
        reqs.push(pb::StreamRequest { id: i + 3, message: Some(Req::MoveAsset(pb::MoveAssetRequest { src_path: "Assets/Data/levels.json".into(), dst_path: format!("{p}/levels.json") })) });
    }
    let n = reqs.len();
    let mut answers = c.stream(tokio_stream::iter(reqs)).await.unwrap().into_inner();
    let mut got = 0;
    while let Some(r) = answers.message().await.unwrap() {
        let code = code_of(&r);
        assert!(matches!(code, Some(3) | Some(5) | Some(9)), "request {} was not refused: {r:?}", r.id);
        got += 1;
    }
    assert_eq!(got, n);
    for p in evil {
        let r = c.call_tool(pb::CallToolRequest { tool_id: "import_asset".into(), input_json: serde_json::json!({"asset_path": p}).to_string() }).await.unwrap().into_inner();
        assert!(r.error.is_some(), "CallTool accepted {p:?}");
        let uri = format!("unity://asset/{p}");
        let r = c.read_resource(pb::ReadResourceRequest { uri }).await.unwrap().into_inner();
        assert!(r.error.is_some() && r.data.is_empty(), "ReadResource served {p:?}");
    }
    c.refresh(pb::RefreshRequest {}).await.unwrap();
    assert_eq!(tree(&canary), canary_before, "something outside the project changed");
    assert!(s.project().join("Assets/Data/levels.json").is_file());
    assert!(!s.project().join("Assets/Stolen").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_million_tiny_messages_on_one_stream_are_all_answered() {
    let s = start().await;
    const N: u64 = 1_000_000;
    // How many requests the client's stream has handed to the transport: a stall
    // report says which side stopped.
    let sent = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = sent.clone();
    let reqs = tokio_stream::iter((0..N).map(move |id| {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        pb::StreamRequest { id, message: None }
    }));
    let mut flood = s.client().await;
    let mut answers = flood.stream(reqs).await.unwrap().into_inner();
    // Meanwhile another client is served.
    let other = {
        let mut c = s.client().await;
        tokio::spawn(async move {
            for _ in 0..50 {
                let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Textures/enemy.png".into() }).await.unwrap().into_inner();
                assert!(r.error.is_none());
            }
        })
    };
    let mut next = 0u64;
    loop {
        let Ok(r) = tokio::time::timeout(Duration::from_secs(120), answers.message()).await else {
            panic!(
                "stalled after {next} answers, {} requests handed to the client's transport; other client done: {}; engine: {:?}",
                sent.load(std::sync::atomic::Ordering::Relaxed),
                other.is_finished(),
                s.driver.stats()
            );
        };
        let Some(r) = r.unwrap() else { break };
        assert_eq!(r.id, next);
        assert_eq!(code_of(&r), Some(3));
        next += 1;
    }
    assert_eq!(next, N);
    other.await.unwrap();
    assert!(s.driver.stats().buffered_requests <= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abrupt_resets_and_garbage_do_not_disturb_others() {
    let s = start().await;
    let addr = s.addr;
    let mut handles = Vec::new();
    for i in 0..60u32 {
        handles.push(std::thread::spawn(move || {
            let mut t = std::net::TcpStream::connect(addr).unwrap();
            match i % 4 {
                0 => {} // connect and vanish
                1 => {
                    let _ = t.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                }
                2 => {
                    let _ = t.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x04\x00");
                }
                _ => {
                    let _ = t.write_all(&[0xffu8; 4096]);
                }
            }
            let _ = t.shutdown(std::net::Shutdown::Both);
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
    // gRPC clients that reset mid-stream.
    for _ in 0..20 {
        let mut c = s.client().await;
        let (tx, rx) = tokio::sync::mpsc::channel(8);
        let mut answers = c.stream(tokio_stream::wrappers::ReceiverStream::new(rx)).await.unwrap().into_inner();
        tx.send(pb::StreamRequest { id: 1, message: Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: "Assets/Models/ship.obj".into() })) }).await.unwrap();
        let _ = answers.message().await;
        drop(c);
        drop(answers);
    }
    let r = s.client().await.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap().into_inner();
    assert_eq!(r.project.unwrap().project_name, "Sample Space Shooter");
    let driver = s.driver.clone();
    for _ in 0..600 {
        let st = driver.stats();
        if st.connections == 0 && st.live_jobs == 0 && driver.live_tasks() == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("resets left state behind: {:?}", driver.stats());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_is_required_everywhere_but_health() {
    let mut cfg = Config::default();
    cfg.server.token = Some("s3cret-token".into());
    let s = start_config(cfg).await;
    let channel = tonic::transport::Channel::from_shared(s.url()).unwrap().connect().await.unwrap();
    let mut bare = pb::unity_mcp_service_client::UnityMcpServiceClient::new(channel.clone());
    let e = bare.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap_err();
    assert_eq!(e.code(), tonic::Code::Unauthenticated);
    assert!(e.message().contains("Bearer"), "{}", e.message());
    let e = bare.stream(tokio_stream::iter(vec![pb::StreamRequest { id: 1, message: None }])).await.unwrap_err();
    assert_eq!(e.code(), tonic::Code::Unauthenticated);
    let wrong = unity_mcp_server::auth::BearerToken::new(Some("s3cret-tokeX")).unwrap();
    let mut c = pb::unity_mcp_service_client::UnityMcpServiceClient::with_interceptor(channel.clone(), wrong);
    let e = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Data/levels.json".into() }).await.unwrap_err();
    assert_eq!(e.code(), tonic::Code::Unauthenticated);
    let right = unity_mcp_server::auth::BearerToken::new(Some("s3cret-token")).unwrap();
    let mut c = pb::unity_mcp_service_client::UnityMcpServiceClient::with_interceptor(channel.clone(), right);
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Data/levels.json".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none());
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let h = health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.unwrap().into_inner();
    assert_eq!(h.status, 1, "health stays open");
}

#[test]
fn non_loopback_listen_needs_a_token_or_insecure() {
    let mut cfg = Config::default();
    cfg.server.listen = "0.0.0.0:50051".parse().unwrap();
    let e = cfg.validate().unwrap_err().to_string();
    assert!(e.contains("--token") && e.contains("--insecure"), "{e}");
    cfg.server.token = Some("t".into());
    assert!(cfg.validate().is_ok());
    cfg.server.token = None;
    cfg.server.insecure = true;
    assert!(cfg.validate().is_ok());
}

/// Patterns that made a backtracking glob matcher run for minutes: each answers (no
/// error, nothing matched), and ordinary requests are served meanwhile and after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pathological_globs_answer_and_take_nothing_down() {
    let s = start().await;
    let mut c = s.client().await;
    let globs = ["************Z".to_string(), "**".repeat(64) + "Z", "**/".repeat(64) + "Z", "*?".repeat(500) + "Z", "*".repeat(1000) + "Z"];
    for g in &globs {
        let r = c.find_assets(pb::FindAssetsRequest { path_glob: g.clone(), limit: u32::MAX, ..Default::default() }).await.unwrap().into_inner();
        assert!(r.error.is_none() && r.assets.is_empty(), "{}: {r:?}", &g[..g.len().min(20)]);
    }
    let r = c.find_assets(pb::FindAssetsRequest { r#type: "Material".into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(r.error.is_none() && !r.assets.is_empty(), "{r:?}");
}
