//! Configuration: defaults, then a TOML file (`--config`), then command-line flags,
//! each overriding the one before. `unity-mcp serve --print-config` shows the result.
//!
//! ```toml
//! [server]
//! listen = "127.0.0.1:50051"
//! metrics_listen = "127.0.0.1:9464"
//! [engine]
//! window_per_conn = 128
//! queue_timeout_ms = 5000
//! ```

use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use unity_mcp_engine::sched::EngineConfig;

/// Smallest ratio of the HTTP/2 connection window to the stream window. While the
/// engine does not read a stream, its DATA frames wait in h2's buffer, and h2 closes the
/// whole connection (GOAWAY ENHANCE_YOUR_CALM) once its buffered frames under 256 bytes
/// cost more than half the connection window, counting `256 - payload` bytes each.
/// Clients other than tonic send one frame per message, as small as 5 bytes (the gRPC
/// prefix of an empty message): a full window of those costs `window / 5 * 251`, so
/// the connection window must be at least `2 * 251 / 5 ≈ 100.4` times the window of
/// every stream that may be blocked at once on one connection (grpcio and grpc-go put
/// all calls of a channel on one connection). The first window counts as at least
/// HTTP/2's initial 65,535 bytes, which a client may fill before it sees our settings.
///
/// The connection window does not bound memory here: what waits unread is bounded by
/// the stream window times the streams the engine admits (`max_connections`). So the
/// default is the largest window HTTP/2 allows, which covers 1,024 blocked streams of
/// 8 KiB; h2 allocates nothing for it.
pub const MIN_CONNECTION_TO_STREAM_WINDOW: u64 = 101;
/// HTTP/2's initial window, in force until the peer's SETTINGS arrive.
pub const HTTP2_INITIAL_WINDOW: u32 = 65_535;
/// The largest window HTTP/2 allows (2^31 - 1).
pub const MAX_HTTP2_WINDOW: u32 = (1 << 31) - 1;

/// Settings of the server process (the engine's are in [`EngineConfig`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSection {
    /// The Unity project folder; none means the bundled sample.
    pub project: Option<PathBuf>,
    /// gRPC listen address.
    pub listen: SocketAddr,
    /// Prometheus `/metrics` listen address; none means off.
    pub metrics_listen: Option<SocketAddr>,
    /// MCP streamable HTTP listen address (`http://ADDR/mcp`), sharing the engine
    /// with gRPC; none means off.
    pub mcp_listen: Option<SocketAddr>,
    /// Most MCP HTTP sessions open at once; a new one past it is refused (503) until
    /// one closes.
    pub mcp_max_sessions: usize,
    /// Largest request message in bytes; larger ends the call with OUT_OF_RANGE.
    pub max_message_bytes: usize,
    /// HTTP/2 receive window per stream: what a client may send before the server
    /// reads it. Bounds memory per stream when the engine stops reading (8 KiB is ~180
    /// requests of 45 bytes beyond the engine's window); per stream, a client can send
    /// at most this much per round trip.
    pub http2_stream_window_bytes: u32,
    /// HTTP/2 receive window per connection; at least
    /// [`MIN_CONNECTION_TO_STREAM_WINDOW`] times the larger of the stream window and
    /// 65,535, and more for many blocked streams per connection (see there).
    pub http2_connection_window_bytes: u32,
    /// On shutdown, how long in-flight calls get to finish.
    pub shutdown_grace_ms: u64,
    /// How often a summary of the metrics is logged (0: never).
    pub log_summary_interval_ms: u64,
    /// How often free heap pages go back to the OS (`malloc_trim`; 0: never). Under a
    /// steady churn of small allocations the allocator otherwise keeps freed pages and
    /// RSS creeps upward although the memory in use does not.
    pub memory_trim_interval_ms: u64,
    /// Shared secret every MCP call must present as `authorization: Bearer <token>`
    /// (prefer the UNITY_MCP_TOKEN environment variable to a file).
    pub token: Option<String>,
    /// Allow listening on a non-loopback address without a token.
    pub insecure: bool,
    /// Most connections open at once, per listener (gRPC, MCP HTTP): a connection past
    /// it is closed at accept.
    pub max_open_connections: usize,
    /// A connection that sends no byte this long after its accept is closed (a client
    /// that connects and never speaks).
    pub preface_timeout_ms: u64,
    /// A connection that exchanges no byte this long is closed (clients that keep a
    /// quiet connection open longer send HTTP/2 keepalive pings).
    pub idle_timeout_ms: u64,
}

impl Default for ServerSection {
    fn default() -> Self {
        ServerSection {
            project: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            metrics_listen: None,
            mcp_listen: None,
            mcp_max_sessions: 256,
            max_message_bytes: crate::server::DEFAULT_MAX_MESSAGE_BYTES,
            http2_stream_window_bytes: 8 * 1024,
            http2_connection_window_bytes: MAX_HTTP2_WINDOW,
            shutdown_grace_ms: 10_000,
            log_summary_interval_ms: 10_000,
            memory_trim_interval_ms: 10_000,
            token: None,
            insecure: false,
            max_open_connections: 4096,
            preface_timeout_ms: 5_000,
            idle_timeout_ms: 300_000,
        }
    }
}

/// The whole configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The process.
    pub server: ServerSection,
    /// The engine's limits.
    pub engine: EngineConfig,
}

impl Default for Config {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Config { server: ServerSection::default(), engine: EngineConfig::for_cpus(cpus) }
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl ServerSection {
    /// The connection limits of every listener.
    #[cfg(not(madsim))]
    pub fn conn_limits(&self) -> crate::conn_guard::ConnLimits {
        crate::conn_guard::ConnLimits {
            max_open: self.max_open_connections,
            preface_timeout: std::time::Duration::from_millis(self.preface_timeout_ms),
            idle_timeout: std::time::Duration::from_millis(self.idle_timeout_ms),
        }
    }
}

impl Config {
    /// Defaults overridden by the TOML text `text` (unknown keys are errors that name
    /// the key).
    pub fn from_toml(text: &str) -> anyhow::Result<Config> {
        let over: toml::Table = toml::from_str(text)?;
        let mut base = toml::Table::try_from(Config::default())?;
        merge(&mut base, over);
        let cfg: Config = base.try_into()?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Defaults overridden by the file at `path`.
    pub fn from_file(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read config {}: {e}", path.display()))?;
        Config::from_toml(&text).map_err(|e| anyhow::anyhow!("config {}: {e}", path.display()))
    }

    /// Checks coherence; the message names the setting.
    pub fn validate(&self) -> anyhow::Result<()> {
        self.engine.validate().map_err(|e| anyhow::anyhow!("engine: {e}"))?;
        if self.server.max_message_bytes < 1024 {
            anyhow::bail!("server: max_message_bytes must be at least 1024");
        }
        let (stream_window, conn_window) = (self.server.http2_stream_window_bytes, self.server.http2_connection_window_bytes);
        if stream_window < 1024 {
            anyhow::bail!("server: http2_stream_window_bytes must be at least 1024");
        }
        let counted = u64::from(stream_window.max(HTTP2_INITIAL_WINDOW));
        if u64::from(conn_window) < MIN_CONNECTION_TO_STREAM_WINDOW * counted || conn_window > MAX_HTTP2_WINDOW {
            anyhow::bail!(
                "server: http2_connection_window_bytes ({conn_window}) must be at least {MIN_CONNECTION_TO_STREAM_WINDOW} x \
                 the larger of http2_stream_window_bytes ({stream_window}) and HTTP/2's initial 65535, and at most \
                 {MAX_HTTP2_WINDOW}: clients that send one DATA frame per message (grpcio, grpc-go, grpc-java) \
                 would otherwise have their connection closed with ENHANCE_YOUR_CALM when the server stops reading \
                 a stream"
            );
        }
        if self.server.max_open_connections == 0 || self.server.preface_timeout_ms == 0 || self.server.idle_timeout_ms == 0 {
            anyhow::bail!("server: max_open_connections, preface_timeout_ms and idle_timeout_ms must be at least 1");
        }
        let has_token = self.server.token.as_deref().is_some_and(|t| !t.is_empty());
        for addr in std::iter::once(self.server.listen).chain(self.server.mcp_listen) {
            if !addr.ip().is_loopback() && !has_token && !self.server.insecure {
                anyhow::bail!(
                    "refusing to listen on {addr} without a token: anyone who can reach it could change the project. \
                     Set --token (or UNITY_MCP_TOKEN), or pass --insecure to do it anyway"
                );
            }
        }
        if self.server.mcp_max_sessions == 0 {
            anyhow::bail!("server: mcp_max_sessions must be at least 1");
        }
        Ok(())
    }

    /// The configuration as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_else(|e| format!("# cannot render: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_overrides_defaults_and_unknown_keys_are_named() {
        let c = Config::from_toml("[engine]\nwindow_per_conn = 7\n[server]\nmetrics_listen = \"127.0.0.1:9000\"\n").unwrap();
        assert_eq!(c.engine.window_per_conn, 7);
        assert_eq!(c.engine.queue_timeout_ms, Config::default().engine.queue_timeout_ms);
        assert_eq!(c.server.metrics_listen, Some("127.0.0.1:9000".parse().unwrap()));
        let e = Config::from_toml("[engine]\nwindow = 7\n").unwrap_err().to_string();
        assert!(e.contains("window"), "{e}");
        let e = Config::from_toml("[engine]\nbatch_min = 9\nbatch_max = 2\n").unwrap_err().to_string();
        assert!(e.contains("batch"), "{e}");
        let round = Config::from_toml(&c.to_toml()).unwrap();
        assert_eq!(round, c);
    }

    #[test]
    fn http2_windows_must_leave_room_for_small_frames() {
        assert!(Config::default().validate().is_ok());
        let e = Config::from_toml("[server]\nhttp2_stream_window_bytes = 65536\nhttp2_connection_window_bytes = 6619135\n").unwrap_err().to_string();
        assert!(e.contains("http2_connection_window_bytes") && e.contains("ENHANCE_YOUR_CALM"), "{e}");
        let c = Config::from_toml("[server]\nhttp2_stream_window_bytes = 65536\nhttp2_connection_window_bytes = 6619136\n");
        assert!(c.is_ok(), "{c:?}");
        let e = Config::from_toml("[server]\nhttp2_stream_window_bytes = 100\n").unwrap_err().to_string();
        assert!(e.contains("at least 1024"), "{e}");
    }
}
