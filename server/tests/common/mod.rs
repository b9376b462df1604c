//! Test harness: a real server on 127.0.0.1 over a fresh copy of the sample project.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unity_mcp_server::config::Config;
use unity_mcp_server::server;
use unity_mcp_engine::sched::EngineConfig;
use unity_mcp_server::driver::Driver;
use unity_mcp_server::service::McpService;
use unity_mcp_wire::pb::unity_mcp_service_client::UnityMcpServiceClient;

pub type Client = UnityMcpServiceClient<tonic::transport::Channel>;

/// A running server; dropping it stops the server and removes the project.
pub struct TestServer {
    pub addr: std::net::SocketAddr,
    pub driver: Driver,
    pub dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestServer {
    pub fn project(&self) -> PathBuf {
        self.dir.path().join("project")
    }
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
    pub async fn client(&self) -> Client {
        UnityMcpServiceClient::connect(self.url()).await.expect("connect")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

pub async fn start() -> TestServer {
    start_with(EngineConfig::default()).await
}

pub async fn start_with(engine: EngineConfig) -> TestServer {
    start_config(Config { engine, ..Config::default() }).await
}

/// A server with this configuration over a fresh sample project.
pub async fn start_config(cfg: Config) -> TestServer {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("project");
    unity_mcp_server::sample::write_sample(&project).expect("sample");
    start_on(dir, &project, cfg).await
}

/// A server over an existing project folder (kept alive by `dir`).
pub async fn start_on(dir: tempfile::TempDir, project: &Path, mut cfg: Config) -> TestServer {
    server::resolve_case_rule(project, &mut cfg.engine);
    let engine = cfg.engine.clone();
    let db = server::open_project_with(project, &engine).expect("open");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let driver = Driver::start(db, engine);
    let svc = McpService::new(driver.clone());
    tokio::spawn(async move {
        let _ = server::serve(listener, svc, &cfg, async move {
            let _ = rx.await;
        })
        .await;
    });
    TestServer { addr, driver, dir, stop: Some(tx) }
}

/// Every file under `root` (relative path -> content); folders as empty entries.
pub fn tree(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                out.insert(rel, None);
                stack.push(p);
            } else if ft.is_symlink() {
                out.insert(rel, Some(format!("-> {}", std::fs::read_link(&p).unwrap().display()).into_bytes()));
            } else {
                out.insert(rel, Some(std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

/// The GUID in a .meta file on disk.
pub fn guid_of(project: &Path, meta_rel: &str) -> String {
    let text = std::fs::read(project.join(meta_rel)).unwrap_or_else(|e| panic!("{meta_rel}: {e}"));
    unity_mcp_engine::meta::parse(&text).unwrap().guid.to_string()
}

/// Makes `link` a symbolic link to `target` (on Windows a directory or file symlink;
/// false where the platform refuses, e.g. without the privilege to make links).
pub fn symlink(target: &Path, link: &Path) -> bool {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, link).is_ok()
    }
    #[cfg(windows)]
    {
        let made = if target.is_dir() {
            std::os::windows::fs::symlink_dir(target, link).is_ok()
        } else {
            std::os::windows::fs::symlink_file(target, link).is_ok()
        };
        // Wine says yes and makes nothing a Windows program sees as a link.
        made && std::fs::symlink_metadata(link).is_ok_and(|m| m.file_type().is_symlink())
    }
}

/// Copies a folder tree as a file manager does (metas included).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
