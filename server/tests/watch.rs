//! Changes made by another process while the server runs (files created, moved,
//! deleted; a folder copied with its metas) reach FindAssets through the watcher,
//! and a watcher never takes a GUID from the asset that held it first.
//! (How fast is measured in benches/, not asserted here.)

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use unity_mcp_wire::pb::{self, unity_mcp_service_client::UnityMcpServiceClient};

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

type Client = UnityMcpServiceClient<tonic::transport::Channel>;

async fn find(c: &mut Client, guid: &str) -> Vec<String> {
    let r = c.find_assets(pb::FindAssetsRequest { guid: guid.into(), ..Default::default() }).await.unwrap().into_inner();
    assert!(r.error.is_none(), "{:?}", r.error);
    r.assets.into_iter().map(|a| a.asset_path).collect()
}

/// Polls until `want` holds (the watcher is asynchronous); fails after 20 s.
async fn eventually(c: &mut Client, guid: &str, want: &[&str]) {
    let start = Instant::now();
    loop {
        let got = find(c, guid).await;
        if got == want {
            println!("FindAssets({guid}) = {want:?} after {} ms", start.elapsed().as_millis());
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "FindAssets({guid}) = {got:?}, expected {want:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_behind_the_servers_back_reach_find_assets() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let tgz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus/game-programming-patterns-demo.tgz");
    assert!(Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(&project).status().unwrap().success());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let _server = Killed(
        Command::new(env!("CARGO_BIN_EXE_unity-mcp"))
            .args(["serve", "--project", project.to_str().unwrap(), "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut c = None;
    for _ in 0..400 {
        if let Ok(client) = UnityMcpServiceClient::connect(format!("http://127.0.0.1:{port}")).await {
            c = Some(client);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut c = c.expect("server up");
    let guid = "4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a";
    let a = project.join("Assets/Outside");
    // Created.
    std::fs::create_dir_all(&a).unwrap();
    std::fs::write(a.join("new.mat"), "Material:\n  m_Name: new\n").unwrap();
    std::fs::write(a.join("new.mat.meta"), format!("fileFormatVersion: 2\nguid: {guid}\nNativeFormatImporter:\n")).unwrap();
    eventually(&mut c, guid, &["Assets/Outside/new.mat"]).await;
    // Moved (file and meta renamed by a file manager).
    std::fs::rename(a.join("new.mat"), a.join("moved.mat")).unwrap();
    std::fs::rename(a.join("new.mat.meta"), a.join("moved.mat.meta")).unwrap();
    eventually(&mut c, guid, &["Assets/Outside/moved.mat"]).await;
    // A folder copied with its metas: the original keeps the GUID.
    let original = "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool/ObjectPool.unity";
    let meta = std::fs::read_to_string(project.join(format!("{original}.meta"))).unwrap();
    let og = meta.lines().find_map(|l| l.strip_prefix("guid: ")).unwrap().trim().to_string();
    std::fs::copy(project.join(original), a.join("Copy.unity")).unwrap();
    std::fs::write(a.join("Copy.unity.meta"), &meta).unwrap();
    // Deleted: a later change, so once it shows the copy's events were applied too.
    std::fs::remove_file(a.join("moved.mat")).unwrap();
    std::fs::remove_file(a.join("moved.mat.meta")).unwrap();
    eventually(&mut c, guid, &[]).await;
    assert_eq!(find(&mut c, &og).await, vec![original.to_string()]);
    // Refresh then gives the copy a fresh GUID.
    let r = c.refresh(pb::RefreshRequest {}).await.unwrap().into_inner();
    assert_eq!(r.reidentified.iter().map(|e| e.asset_path.as_str()).collect::<Vec<_>>(), vec!["Assets/Outside/Copy.unity"]);
}

/// A rebuild from disk that fails (a folder that cannot be listed) keeps the index it
/// had, is counted, and shows until a rebuild succeeds; it is never dropped silently.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_index_rebuild_keeps_the_index_and_is_reported() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use unity_mcp_engine::fs::{FsCall, MemFs};
    let fs = MemFs::new("P");
    fs.put_file("Assets/A/x.png", b"x");
    fs.put_file("Assets/A/x.png.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n");
    let failing = std::sync::Arc::new(AtomicBool::new(false));
    let flag = failing.clone();
    fs.set_fault(Some(std::sync::Arc::new(move |call, path: &str| {
        (flag.load(Ordering::SeqCst) && call == FsCall::Read && path == "Assets/A").then_some(std::io::ErrorKind::PermissionDenied)
    })));
    let db = unity_mcp_engine::AssetDb::new(std::sync::Arc::new(fs), std::sync::Arc::new(unity_mcp_engine::RandomGuids::seeded(1)));
    db.build_index().unwrap();
    let driver = unity_mcp_server::driver::Driver::start(std::sync::Arc::new(db), unity_mcp_engine::sched::EngineConfig::default());
    assert_eq!(driver.db().known_guids(), 1, "x.png (Assets/A has no .meta)");
    failing.store(true, Ordering::SeqCst);
    driver.rebuild_index();
    assert_eq!((driver.index_rebuild_errors(), driver.index_stale()), (1, true));
    assert_eq!(driver.db().known_guids(), 1, "a failed rebuild keeps the index it had");
    let metrics = unity_mcp_server::metrics_http::render(&driver);
    assert!(metrics.contains("unity_mcp_index_rebuild_errors_total 1") && metrics.contains("unity_mcp_index_stale 1"), "{metrics}");
    failing.store(false, Ordering::SeqCst);
    driver.rebuild_index();
    assert_eq!((driver.index_rebuild_errors(), driver.index_stale()), (1, false));
}
