//! Assembling and running the gRPC server: the MCP service, grpc.health.v1, server
//! reflection, message-size limits and graceful shutdown.

use crate::fs_std::StdFs;
use crate::service::McpService;
use std::path::Path;
use std::sync::Arc;
use crate::config::Config;
#[cfg(not(madsim))]
use std::time::Duration;
use unity_mcp_engine::{AssetDb, RandomGuids};
use unity_mcp_wire::pb::unity_mcp_service_server::UnityMcpServiceServer;

/// The health-check service name of the asset index (grpc.health.v1).
pub const INDEX_HEALTH_SERVICE: &str = "unity.mcp.v1.AssetIndex";

/// Largest request message accepted by default, in bytes. A request carries at most
/// two paths of 1 KiB; 64 KiB leaves room and stops memory abuse early.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// Decides whether the project's file system ignores case, unless `engine` says so
/// already (`[engine] case_insensitive`): a probe in the project folder. Logged.
pub fn resolve_case_rule(root: &Path, engine: &mut unity_mcp_engine::sched::EngineConfig) {
    let (insensitive, how) = match engine.case_insensitive {
        Some(v) => (v, "configured"),
        None => (crate::platform::probe_case_insensitive(root), "probed"),
    };
    engine.case_insensitive = Some(insensitive);
    tracing::info!(case_insensitive = insensitive, how, "file names {} by case in this project", if insensitive { "are not told apart" } else { "are told apart" });
}

/// Opens the project folder at `root` with OS-seeded GUIDs and the default engine
/// settings.
pub fn open_project(root: &Path) -> anyhow::Result<Arc<AssetDb>> {
    open_project_with(root, &unity_mcp_engine::sched::EngineConfig::default())
}

/// Opens the project folder at `root` with OS-seeded GUIDs; `engine` says how Refresh
/// treats orphan folder metas.
pub fn open_project_with(root: &Path, engine: &unity_mcp_engine::sched::EngineConfig) -> anyhow::Result<Arc<AssetDb>> {
    let fs = StdFs::open(root).map_err(|e| anyhow::anyhow!("cannot open project {}: {e}", root.display()))?;
    if !fs.root().join("Assets").is_dir() {
        anyhow::bail!("{} has no Assets folder; is it a Unity project?", fs.root().display());
    }
    let db = AssetDb::new(Arc::new(fs), Arc::new(RandomGuids::from_entropy())).with_observer(|e| {
        tracing::warn!(
            asset = %e.path, old_guid = %e.old_guid, new_guid = %e.new_guid, kept_by = %e.kept_by,
            "duplicate GUID: the copy got a fresh GUID; the asset that held it first keeps it"
        )
    })
    .with_orphan_observer(|meta, guid| {
        let guid = guid.map(|g| g.to_string()).unwrap_or_default();
        tracing::warn!(
            meta = %meta, guid = %guid,
            "a folder .meta exists but its folder can't be found: removed, as the Unity Editor does (keep_orphan_folder_metas = true keeps it)"
        )
    })
    .with_keep_orphan_folder_metas(engine.keep_orphan_folder_metas)
    .with_max_text_bytes(engine.max_text_bytes)
    .with_max_yaml_bytes(engine.max_yaml_bytes)
    .with_script_tree_cache_bytes(engine.script_tree_cache_bytes)
    .with_search_threads(engine.search_threads)
    .with_case_rule(engine.case_rule());
    index_project(&db);
    Ok(Arc::new(db))
}

/// Builds the asset index of `db` as every server start does: which path holds each
/// GUID (what tells an original from a copy later) and what every asset references,
/// every folder scanned once, on all cores. The full-stack simulation starts its
/// server through this too.
pub fn index_project(db: &AssetDb) -> unity_mcp_engine::db::ScanReport {
    let started = std::time::Instant::now();
    let scanned = scan_in_parallel(db);
    let scan = db.install(scanned);
    tracing::info!(
        assets = scan.assets,
        indexed = db.indexed_assets(),
        duplicate_guids = scan.duplicate_guids,
        unity_layout = %db.unity_version(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "indexed the project's GUIDs and references{}",
        if scan.duplicate_guids > 0 { " (duplicate GUIDs found: Refresh gives the copies fresh GUIDs)" } else { "" }
    );
    scan
}

/// The start-up scan over a shared queue of folders, one worker per core (one under
/// the simulator), logging progress every 10,000 assets.
fn scan_in_parallel(db: &AssetDb) -> Vec<(unity_mcp_engine::Asset, unity_mcp_engine::index::refs::FileRefs)> {
    #[cfg(not(madsim))]
    {
        use std::sync::{Condvar, Mutex};
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(16);
        // (folders to scan, workers scanning one): done when both are empty.
        let queue = Mutex::new((db.scan_roots(), 0usize));
        let wake = Condvar::new();
        let out = Mutex::new(Vec::new());
        fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
            m.lock().unwrap_or_else(|p| p.into_inner())
        }
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    let dir = {
                        let mut q = lock(&queue);
                        loop {
                            if let Some(d) = q.0.pop() {
                                q.1 += 1;
                                break Some(d);
                            }
                            if q.1 == 0 {
                                break None;
                            }
                            q = wake.wait(q).unwrap_or_else(|p| p.into_inner());
                        }
                    };
                    let Some(dir) = dir else {
                        wake.notify_all();
                        return;
                    };
                    let (found, subdirs) = match db.scan_dir(&dir) {
                        Ok(scanned) => scanned,
                        Err(e) => {
                            tracing::warn!(error = %e, "start-up index: a folder could not be listed; its assets are unknown until a Refresh");
                            Default::default()
                        }
                    };
                    {
                        let mut o = lock(&out);
                        let before = o.len();
                        o.extend(found);
                        if before / 10_000 != o.len() / 10_000 {
                            tracing::info!(assets = o.len(), "indexing the project");
                        }
                    }
                    let mut q = lock(&queue);
                    q.0.extend(subdirs);
                    q.1 -= 1;
                    wake.notify_all();
                });
            }
        });
        out.into_inner().unwrap_or_else(|p| p.into_inner())
    }
    #[cfg(madsim)]
    {
        let mut queue = db.scan_roots();
        let mut out = Vec::new();
        while let Some(dir) = queue.pop() {
            let (found, subdirs) = match db.scan_dir(&dir) {
                Ok(scanned) => scanned,
                Err(e) => {
                    tracing::warn!(error = %e, "start-up index: a folder could not be listed; its assets are unknown until a Refresh");
                    Default::default()
                }
            };
            out.extend(found);
            queue.extend(subdirs);
        }
        out
    }
}

/// Runs `tick` every `period_ms` until `stop` turns true; a period of 0 means never.
#[cfg(not(madsim))]
fn every<F, Fut>(period_ms: u64, stop: &tokio::sync::watch::Receiver<bool>, mut tick: F)
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    if period_ms == 0 {
        return;
    }
    let (period, mut stop) = (Duration::from_millis(period_ms), stop.clone());
    tokio::spawn(async move {
        loop {
            tokio::select! {
                biased;
                _ = stop.wait_for(|s| *s) => return,
                _ = tokio::time::sleep(period) => {}
            }
            tick().await;
        }
    });
}

/// Serves `svc` on `listener` until `shutdown` resolves, then lets in-flight calls
/// finish for up to `shutdown_grace_ms`. Also serves `/metrics` when configured, and
/// logs a metrics summary periodically.
#[cfg(not(madsim))]
pub async fn serve(
    listener: tokio::net::TcpListener,
    svc: McpService,
    cfg: &Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (reporter, health) = tonic_health::server::health_reporter();
    reporter.set_serving::<UnityMcpServiceServer<McpService>>().await;
    // The asset index has its own health entry: NOT_SERVING while the last rebuild
    // from disk failed (operations still work; graph answers may be stale).
    reporter.set_service_status(INDEX_HEALTH_SERVICE, tonic_health::ServingStatus::Serving).await;
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(unity_mcp_wire::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let driver = svc.driver().clone();
    let mcp_svc = svc.clone();
    let check = crate::auth::TokenCheck::new(cfg.server.token.as_deref());
    let mcp = tonic::service::interceptor::InterceptedService::new(
        UnityMcpServiceServer::new(svc).max_decoding_message_size(cfg.server.max_message_bytes),
        check.clone(),
    );
    let reflection = tonic::service::interceptor::InterceptedService::new(reflection, check.clone());

    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    if let Some(addr) = cfg.server.metrics_listen {
        let l = tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen for metrics on {addr}: {e}"))?;
        tracing::info!(addr = %l.local_addr()?, "serving Prometheus metrics at /metrics");
        let mut rx = stop_rx.clone();
        tokio::spawn(crate::metrics_http::serve(l, driver.clone(), async move {
            let _ = rx.wait_for(|s| *s).await;
        }));
    }
    if let Some(addr) = cfg.server.mcp_listen {
        let l = tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen for MCP on {addr}: {e}"))?;
        tracing::info!(url = %format!("http://{}{}", l.local_addr()?, crate::mcp_front::MCP_HTTP_PATH), "serving MCP over streamable HTTP");
        let mut rx = stop_rx.clone();
        let (token, max_sessions, limits) = (check.clone(), cfg.server.mcp_max_sessions, cfg.server.conn_limits());
        tokio::spawn(async move {
            let stop = async move {
                let _ = rx.wait_for(|s| *s).await;
            };
            if let Err(e) = crate::mcp_front::serve_http(l, mcp_svc, token, max_sessions, limits, stop).await {
                tracing::error!(error = %e, "MCP over HTTP stopped");
            }
        });
    }
    let d = driver.clone();
    let mut last_requests = 0;
    every(cfg.server.log_summary_interval_ms, &stop_rx, move || {
        let requests = d.metrics().requests;
        if requests != last_requests {
            tracing::info!("metrics: {}", crate::metrics_http::summary(&d));
            last_requests = requests;
        }
        async {}
    });
    {
        let (d, reporter) = (driver.clone(), reporter.clone());
        let mut was_stale = false;
        every(1_000, &stop_rx, move || {
            let stale = d.index_stale();
            let changed = stale != was_stale;
            was_stale = stale;
            let reporter = reporter.clone();
            async move {
                if changed {
                    let status = if stale { tonic_health::ServingStatus::NotServing } else { tonic_health::ServingStatus::Serving };
                    reporter.set_service_status(INDEX_HEALTH_SERVICE, status).await;
                }
            }
        });
    }
    // Off the reactor: trimming walks every malloc arena under its lock.
    every(cfg.server.memory_trim_interval_ms, &stop_rx, || async {
        let _ = tokio::task::spawn_blocking(crate::memory::trim).await;
    });
    let mut stop_rx2 = stop_rx.clone();
    let server = tonic::transport::Server::builder()
        .tcp_nodelay(true)
        .initial_stream_window_size(Some(cfg.server.http2_stream_window_bytes))
        .initial_connection_window_size(Some(cfg.server.http2_connection_window_bytes))
        .add_service(health)
        .add_service(reflection)
        .add_service(mcp)
        .serve_with_incoming_shutdown(
            // Accepted sockets get TCP_NODELAY here: `tcp_nodelay` on the builder only
            // applies to listeners tonic binds itself, and without it Nagle's algorithm
            // meets delayed ACKs and answers stall ~40 ms.
            // (Also bounded: open connections, silent ones, idle ones; see conn_guard.)
            crate::conn_guard::incoming(listener, crate::conn_guard::ConnGate::new(cfg.server.conn_limits())),
            async move {
                let _ = stop_rx2.wait_for(|s| *s).await;
                tracing::info!("shutting down: no new connections, finishing in-flight calls");
            },
        );
    let grace = Duration::from_millis(cfg.server.shutdown_grace_ms);
    tokio::select! {
        biased;
        r = server => r?,
        _ = async {
            let _ = stop_rx.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        } => tracing::warn!(grace_ms = grace.as_millis() as u64, "shutdown grace expired with calls still open; closing them"),
    }
    driver.stop();
    Ok(())
}

/// Serves `svc` on `addr` in the simulator (no health, reflection or metrics there:
/// those crates run on real tokio only).
#[cfg(madsim)]
pub async fn serve_sim(addr: std::net::SocketAddr, svc: McpService, cfg: &Config) -> anyhow::Result<()> {
    let mcp = UnityMcpServiceServer::new(svc).max_decoding_message_size(cfg.server.max_message_bytes);
    tonic::transport::Server::builder().add_service(mcp).serve(addr).await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
#[cfg(not(madsim))]
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { biased; _ = ctrl_c => {}, _ = term => {} }
}
