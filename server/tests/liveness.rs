//! No request buys unbounded work: while pathological requests run (deep `**` globs,
//! huge limits, a recursive dependency walk of a 10,000-asset cycle, a whole-project
//! check), plain requests still answer; a long operation stops at its deadline
//! (`op_timeout_ms`, or the call's own) with DEADLINE_EXCEEDED saying how far it got,
//! and work whose caller gave up stops running. Bounds are generous: this checks
//! liveness, not speed.

mod common;

use common::start_on;
use std::path::Path;
use std::time::Duration;
use unity_mcp_server::config::Config;
use unity_mcp_wire::pb;

/// Materials in the generated project (each references the next; the last the first).
const MATERIALS: usize = 10_000;
/// Materials per folder.
const PER_FOLDER: usize = 250;
/// Far beyond what any answer here should take, even on a loaded 2-core CI machine.
const GENEROUS: Duration = Duration::from_secs(60);

fn guid(i: usize) -> String {
    format!("{:032x}", 0x5eed_0000_0000_0000_0000_0000_0000_0000u128 + i as u128)
}

/// The bundled sample plus `MATERIALS` materials in a reference cycle.
fn big_project(root: &Path) {
    unity_mcp_server::sample::write_sample(root).unwrap();
    for i in 0..MATERIALS {
        let dir = format!("Assets/Gen/D{:03}", i / PER_FOLDER);
        let abs = root.join(&dir);
        if i % PER_FOLDER == 0 {
            std::fs::create_dir_all(&abs).unwrap();
            std::fs::write(root.join(format!("{dir}.meta")), format!("fileFormatVersion: 2\nguid: {}\nfolderAsset: yes\nDefaultImporter:\n  externalObjects: {{}}\n", guid(MATERIALS + i))).unwrap();
        }
        let next = guid((i + 1) % MATERIALS);
        std::fs::write(abs.join(format!("M{i}.mat")), format!("%YAML 1.1\n--- !u!21 &2100000\nMaterial:\n  m_Name: M{i}\n  m_Parent: {{fileID: 2100000, guid: {next}, type: 2}}\n")).unwrap();
        std::fs::write(abs.join(format!("M{i}.mat.meta")), format!("fileFormatVersion: 2\nguid: {}\nNativeFormatImporter:\n  mainObjectFileID: 2100000\n", guid(i))).unwrap();
    }
    std::fs::write(root.join("Assets/Gen.meta"), format!("fileFormatVersion: 2\nguid: {}\nfolderAsset: yes\nDefaultImporter:\n  externalObjects: {{}}\n", guid(3 * MATERIALS))).unwrap();
}

async fn serve_big(cfg: Config) -> common::TestServer {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    big_project(&project);
    start_on(dir, &project, cfg).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_requests_answer_while_pathological_ones_run() {
    let s = serve_big(Config::default()).await;
    let deep_folders = "**/".repeat(64) + "Z";
    let mut heavy = Vec::new();
    for glob in ["************Z".to_string(), "**".repeat(64) + "Z", deep_folders] {
        let mut c = s.client().await;
        heavy.push(tokio::spawn(async move {
            let r = c.find_assets(pb::FindAssetsRequest { path_glob: glob.clone(), limit: u32::MAX, ..Default::default() }).await.unwrap().into_inner();
            assert!(r.error.is_none() && r.assets.is_empty(), "{glob}: {r:?}");
        }));
    }
    {
        let mut c = s.client().await;
        heavy.push(tokio::spawn(async move {
            let first = "Assets/Gen/D000/M0.mat".to_string();
            let r = c.get_dependencies(pb::GetDependenciesRequest { asset_path: first, recursive: true }).await.unwrap().into_inner();
            // The whole cycle, each once, and it ends.
            assert!(r.error.is_none(), "{:?}", r.error);
            assert_eq!(r.dependencies.len(), MATERIALS - 1);
        }));
    }
    {
        let mut c = s.client().await;
        heavy.push(tokio::spawn(async move {
            let r = c.check_project(pb::CheckProjectRequest {}).await.unwrap().into_inner();
            assert!(r.error.is_none(), "{:?}", r.error);
        }));
        let mut c = s.client().await;
        heavy.push(tokio::spawn(async move {
            let r = c.find_assets(pb::FindAssetsRequest { path_glob: "Assets/**".into(), limit: u32::MAX, ..Default::default() }).await.unwrap().into_inner();
            assert!(r.error.is_none() && r.assets.len() > MATERIALS && !r.truncated, "{:?}", r.error);
        }));
    }
    // Meanwhile, plain requests answer.
    let mut c = s.client().await;
    for round in 0..5 {
        let info = tokio::time::timeout(GENEROUS, c.get_project_info(pb::GetProjectInfoRequest {})).await;
        let info = info.unwrap_or_else(|_| panic!("info did not answer (round {round})")).unwrap().into_inner();
        assert!(info.project.is_some());
        let find = c.find_assets(pb::FindAssetsRequest { r#type: "Material".into(), limit: 5, ..Default::default() });
        let found = tokio::time::timeout(GENEROUS, find).await.unwrap_or_else(|_| panic!("find did not answer (round {round})")).unwrap().into_inner();
        assert!(found.error.is_none() && found.assets.len() == 5, "{found:?}");
    }
    for h in heavy {
        tokio::time::timeout(GENEROUS, h).await.expect("a pathological request never answered").unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_operation_stops_at_its_deadline_saying_how_far_it_got() {
    let mut cfg = Config::default();
    cfg.engine.op_timeout_ms = 1;
    let s = serve_big(cfg).await;
    let mut c = s.client().await;
    let r = c.check_project(pb::CheckProjectRequest {}).await.unwrap().into_inner();
    let e = r.error.expect("a 20,000-entry check cannot finish in 1 ms");
    assert_eq!(e.code, 4, "{e:?}");
    assert!(e.message.contains("deadline exceeded") && e.message.contains("stopped after"), "{}", e.message);
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    let e = r.error.expect("a 20,000-entry refresh cannot finish in 1 ms");
    assert_eq!(e.code, 4, "{e:?}");
    assert!(e.message.contains("run refresh again"), "{}", e.message);
    // Short operations are not cut: they finish.
    let r = c.import_asset(pb::ImportAssetRequest { asset_path: "Assets/Gen/D000/M0.mat".into() }).await.unwrap().into_inner();
    assert!(r.error.is_none(), "{:?}", r.error);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_whose_caller_gave_up_stops_running() {
    let s = serve_big(Config::default()).await;
    let mut c = s.client().await;
    // The call's own deadline (grpc-timeout) bounds the running work, and a client
    // that gives up cancels it: the engine has nothing running soon after.
    for _ in 0..3 {
        let mut req = tonic::Request::new(pb::CheckProjectRequest {});
        req.set_timeout(Duration::from_millis(2));
        match c.check_project(req).await {
            Ok(r) => {
                if let Some(e) = r.into_inner().error {
                    assert!(matches!(e.code, 4 | 8), "{e:?}");
                }
            }
            Err(status) => assert!(matches!(status.code(), tonic::Code::DeadlineExceeded | tonic::Code::Cancelled), "{status:?}"),
        }
    }
    let idle = async {
        while s.driver.stats().running_jobs > 0 || s.driver.stats().live_jobs > 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::time::timeout(GENEROUS, idle).await.expect("abandoned work kept running");
    // They were stopped while running, not left to finish.
    assert!(s.driver.metrics().stopped_running >= 1, "{:?}", s.driver.metrics().stopped_running);
    // And the server answers as before.
    let r = c.get_project_info(pb::GetProjectInfoRequest {}).await.unwrap().into_inner();
    assert!(r.project.is_some());
}

/// Sockets that connect and never send a byte.
async fn silent_sockets(addr: std::net::SocketAddr, n: usize) -> Vec<tokio::net::TcpStream> {
    let mut out = Vec::new();
    for _ in 0..n {
        if let Ok(s) = tokio::net::TcpStream::connect(addr).await {
            out.push(s);
        }
    }
    out
}

/// True once the server has closed `s` (a read sees the end or an error).
async fn closed_by_server(s: &mut tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut b = [0u8; 64];
    loop {
        match tokio::time::timeout(GENEROUS, s.read(&mut b)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_silent_connections_than_the_cap_do_not_lock_clients_out() {
    let mcp_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut cfg = Config::default();
    cfg.server.max_open_connections = 16;
    cfg.server.preface_timeout_ms = 300;
    cfg.server.mcp_listen = Some(std::net::SocketAddr::from(([127, 0, 0, 1], mcp_port)));
    let s = common::start_config(cfg).await;
    let mcp_addr = std::net::SocketAddr::from(([127, 0, 0, 1], mcp_port));
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(mcp_addr).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Four times the cap on each listener, none of them speaking.
    let mut grpc_silent = silent_sockets(s.addr, 64).await;
    let mut mcp_silent = silent_sockets(mcp_addr, 64).await;
    // Every one of them is closed by the server: past the cap at once, the rest when
    // their preface timeout passes.
    for sock in grpc_silent.iter_mut().chain(mcp_silent.iter_mut()) {
        assert!(closed_by_server(sock).await, "a silent connection was kept open");
    }
    // A real client gets answers (it may have to retry while the cap is full).
    let started = std::time::Instant::now();
    let answered = loop {
        if let Ok(mut c) = unity_mcp_wire::pb::unity_mcp_service_client::UnityMcpServiceClient::connect(s.url()).await {
            if let Ok(r) = c.get_project_info(pb::GetProjectInfoRequest {}).await {
                break r.into_inner().project.is_some();
            }
        }
        assert!(started.elapsed() < GENEROUS, "no answer while silent connections came and went");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(answered);
    // MCP over HTTP answers too (a plain POST; 401/200 both prove it is served).
    let mut http = tokio::net::TcpStream::connect(mcp_addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    http.write_all(b"GET /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut reply = Vec::new();
    tokio::time::timeout(GENEROUS, http.read_to_end(&mut reply)).await.unwrap().unwrap();
    assert!(reply.starts_with(b"HTTP/1.1 404"), "{}", String::from_utf8_lossy(&reply));
}
