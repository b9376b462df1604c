//! Assembling and running the gRPC server: the MCP service, grpc.health.v1, server
//! reflection, message-size limits and graceful shutdown.

use crate::fs_std::StdFs;
use crate::service::McpService;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use unity_mcp_engine::sched::EngineConfig;
use unity_mcp_engine::{AssetDb, RandomGuids};
use unity_mcp_wire::pb::unity_mcp_service_server::UnityMcpServiceServer;

/// Largest request message accepted by default, in bytes. A request carries at most
/// two paths of 1 KiB; 64 KiB leaves room and stops memory abuse early.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Engine limits.
    pub engine: EngineConfig,
    /// Where to serve Prometheus `/metrics` (off when `None`).
    pub metrics_listen: Option<SocketAddr>,
    /// Largest accepted request message, in bytes (larger: the call ends with
    /// OUT_OF_RANGE from tonic).
    pub max_message_bytes: usize,
    /// After a shutdown signal, how long in-flight calls get to finish.
    pub shutdown_grace: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            engine: EngineConfig::for_cpus(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)),
            metrics_listen: None,
            max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Opens the project folder at `root` with OS-seeded GUIDs.
pub fn open_project(root: &Path) -> anyhow::Result<Arc<AssetDb>> {
    let fs = StdFs::open(root).map_err(|e| anyhow::anyhow!("cannot open project {}: {e}", root.display()))?;
    if !fs.root().join("Assets").is_dir() {
        anyhow::bail!("{} has no Assets folder; is it a Unity project?", fs.root().display());
    }
    Ok(Arc::new(AssetDb::new(Arc::new(fs), Arc::new(RandomGuids::from_entropy()))))
}

/// Serves `svc` on `listener` until `shutdown` resolves, then lets in-flight calls
/// finish for up to `cfg.shutdown_grace`.
#[cfg(not(madsim))]
pub async fn serve(
    listener: tokio::net::TcpListener,
    svc: McpService,
    cfg: &ServerConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (reporter, health) = tonic_health::server::health_reporter();
    reporter.set_serving::<UnityMcpServiceServer<McpService>>().await;
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(unity_mcp_wire::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let driver = svc.driver().clone();
    let mcp = UnityMcpServiceServer::new(svc).max_decoding_message_size(cfg.max_message_bytes);

    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let mut stop_rx2 = stop_rx.clone();
    let server = tonic::transport::Server::builder()
        .tcp_nodelay(true)
        .add_service(health)
        .add_service(reflection)
        .add_service(mcp)
        .serve_with_incoming_shutdown(tokio_stream::wrappers::TcpListenerStream::new(listener), async move {
            let _ = stop_rx2.wait_for(|s| *s).await;
            tracing::info!("shutting down: no new connections, finishing in-flight calls");
        });
    let grace = cfg.shutdown_grace;
    tokio::select! {
        r = server => r?,
        _ = async {
            let _ = stop_rx.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        } => tracing::warn!(grace_ms = grace.as_millis() as u64, "shutdown grace expired with calls still open; closing them"),
    }
    driver.stop();
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
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
