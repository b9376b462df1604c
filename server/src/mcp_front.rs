//! The MCP front end: the surface of [`crate::surface`] served to MCP clients through
//! the official Rust SDK (`rmcp`), over stdio (`unity-mcp mcp`) and streamable HTTP
//! (`serve --mcp-listen ADDR`, at `/mcp`). Every tool call runs
//! through the same scheduler as gRPC (`McpService::run_tool`), so agents get the same
//! ordering, conflicts, budgets and cache.
//!
//! Results follow MCP conventions: `structuredContent` (the same JSON as gRPC's
//! CallTool `output_json`) plus a short text; a failed operation is a tool result
//! with `isError: true` whose text is gRPC's McpError message, without structured
//! content (see [`tool_result`]). Protocol errors only
//! for what is not a tool call at all (an unknown tool, a malformed request).
//!
//! Payloads are built as JSON in MCP's shapes and read into rmcp's types, which keeps
//! this file to the mapping and leaves JSON-RPC, framing and the handshake to rmcp.

// MCP logging (logging/setLevel, notifications/message) is deprecated in rmcp by SEP-2577,
// but it is what the MCP clients in use speak, and the issue asks for it.
#![allow(deprecated)]

use crate::service::McpService;
use crate::surface::{prompts, resources, tools};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, GetPromptRequestParams, GetPromptResponse,
    GetPromptResult, ListPromptsResult, ListResourceTemplatesResult, ListResourcesResult, ListToolsResult,
    PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, ServerCapabilities, ServerConfig,
};
use crate::service::CallHooks;
use rmcp::model::{LoggingLevel, LoggingMessageNotificationParam, ProgressNotificationParam, SetLevelRequestParams};
use rmcp::service::RequestContext;
use std::sync::{Arc, Mutex};
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use unity_mcp_engine::{ErrorKind, OpError};

/// The MCP server of one session: a handle on the shared service (and so the shared
/// engine).
#[derive(Clone)]
pub struct UnityMcp {
    /// The gRPC service whose operations the tools run.
    svc: McpService,
    /// The level `logging/setLevel` asked for; `None` until asked (no log messages).
    log_level: Arc<Mutex<Option<LoggingLevel>>>,
}

impl UnityMcp {
    /// Serves `svc`'s engine to MCP clients.
    pub fn new(svc: McpService) -> UnityMcp {
        UnityMcp { svc, log_level: Arc::new(Mutex::new(None)) }
    }
}

/// Reads a JSON value in MCP's shape into an rmcp type (a bug here is ours: code 13).
fn from_json<T: DeserializeOwned>(value: Value) -> Result<T, McpError> {
    serde_json::from_value(value).map_err(|e| McpError::internal_error(format!("building an MCP result: {e}"), None))
}

/// The `_meta` key under which a failed tool call carries its machine-readable error.
pub const ERROR_META_KEY: &str = "unity-mcp/error";

/// A tool result: the output JSON as structured content, plus a one-line summary.
///
/// A failed operation is `isError: true` with its message as text and **no**
/// `structuredContent`: the TypeScript SDK (Claude Code, Cursor, VS Code, the
/// Inspector) validates any structured content against the tool's `outputSchema`,
/// which describes success. The gRPC code and error kind travel in `_meta` instead.
pub fn tool_result(tool: &str, outcome: Result<String, OpError>) -> Result<CallToolResult, McpError> {
    match outcome {
        Ok(output_json) => {
            // Our own output must parse; if it does not, that is our bug (code 13), never
            // a success with nothing in it.
            let structured: Value = serde_json::from_str(&output_json)
                .map_err(|e| McpError::internal_error(format!("{tool}: the tool's output is not JSON: {e}"), None))?;
            from_json(json!({
                "content": [{"type": "text", "text": tools::summary(tool, &structured)}],
                "structuredContent": structured,
                "isError": false
            }))
        }
        Err(e) => {
            let mut error = json!({"code": crate::convert::grpc_code(e.kind), "kind": e.kind.name()});
            if !e.referrers.is_empty() {
                error["referenced_by"] = e.referrers.iter().map(tools::asset_value).collect();
            }
            from_json(json!({
                "content": [{"type": "text", "text": e.message}],
                "isError": true,
                "_meta": {ERROR_META_KEY: error}
            }))
        }
    }
}

impl ServerHandler for UnityMcp {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::default();
        info.capabilities = serde_json::from_value::<ServerCapabilities>(json!({"tools": {}, "resources": {}, "prompts": {}, "logging": {}}))
            .unwrap_or_default();
        if let Ok(implementation) = serde_json::from_value(json!({
            "name": "unity-mcp", "title": "Unity MCP (headless)", "version": env!("CARGO_PKG_VERSION")
        })) {
            info.server_info = implementation;
        }
        info.instructions = Some(
            "Operates on a Unity project folder directly, without a running Editor, and keeps .meta files and GUIDs exactly as the Editor would. Start with get_project_info and refresh; move with move_asset (never delete and re-create, which loses GUIDs).".into(),
        );
        info
    }

    async fn set_level(&self, request: SetLevelRequestParams, context: RequestContext<RoleServer>) -> Result<(), McpError> {
        let first = self.log_level.lock().unwrap_or_else(|p| p.into_inner()).replace(request.level).is_none();
        if first {
            // From now on, the server's log lines at or above the level reach this
            // session as notifications/message.
            let (peer, level) = (context.peer.clone(), self.log_level.clone());
            let mut lines = log_bus().subscribe();
            tokio::spawn(async move {
                loop {
                    let line = match lines.recv().await {
                        Ok(l) => l,
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(_) => return,
                    };
                    let wanted = level.lock().unwrap_or_else(|p| p.into_inner()).is_some_and(|l| rank(&l) <= line.rank);
                    if !wanted {
                        continue;
                    }
                    let Ok(param) = serde_json::from_value::<LoggingMessageNotificationParam>(json!({
                        "level": line.level, "logger": line.target, "data": line.message
                    })) else {
                        continue;
                    };
                    if peer.notify_logging_message(param).await.is_err() {
                        return;
                    }
                }
            });
        }
        Ok(())
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        from_json(json!({ "tools": tools::mcp_tools() }))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let name = request.name.to_string();
        if !tools::exists(&name) {
            let known: Vec<&str> = tools::tools().iter().map(|t| t.id).collect();
            return Err(McpError::invalid_params(
                format!("no tool '{}'; known tools: {}", name.chars().take(64).collect::<String>(), known.join(", ")),
                None,
            ));
        }
        let input = request.arguments.map(|a| Value::Object(a).to_string()).unwrap_or_default();
        // Progress, when the client asked for it: per operation for a batch, start and
        // end for the others. Sent from a task so the engine never waits on a client.
        let token = context.meta.get_progress_token();
        let (progress_tx, mut progress_rx) = tokio::sync::mpsc::unbounded_channel::<(u64, u64)>();
        let mut sender = None;
        if let Some(token) = token.clone() {
            let peer = context.peer.clone();
            sender = Some(tokio::spawn(async move {
                while let Some((done, total)) = progress_rx.recv().await {
                    let param = ProgressNotificationParam::new(token.clone(), done as f64).with_total(total as f64);
                    if peer.notify_progress(param).await.is_err() {
                        return;
                    }
                }
            }));
        }
        let report = move |done: u64, total: u64| {
            let _ = progress_tx.send((done, total));
        };
        let ct = context.ct.clone();
        let cancelled = move || ct.is_cancelled();
        let hooks = CallHooks {
            progress: token.is_some().then_some(&report as &(dyn Fn(u64, u64) + Send + Sync)),
            cancelled: Some(&cancelled),
        };
        if token.is_some() && name != "batch" {
            report(0, 1);
        }
        let run = self.svc.run_tool_with(&name, &input, None, &hooks);
        // A cancel drops a single operation's call, which drops its queued work.
        let outcome = tokio::select! {
            outcome = run => outcome,
            _ = context.ct.cancelled(), if name != "batch" => {
                Err(OpError::new(ErrorKind::Unavailable, "cancelled by the client: it did not run unless it had already started"))
            }
        };
        if token.is_some() && name != "batch" {
            report(1, 1);
        }
        // Every progress notification goes out before the result: a client ignores
        // progress for a request it has the answer to.
        drop(hooks);
        drop(report);
        if let Some(sender) = sender {
            let _ = sender.await;
        }
        tool_result(&name, outcome).map(CallToolResponse::from)
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let listed = self.svc.list_resources_json().await.map_err(|e| McpError::internal_error(e.message, None))?;
        from_json(json!({ "resources": listed }))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        from_json(json!({ "resourceTemplates": [{
            "uriTemplate": format!("{}{{path}}", resources::ASSET_URI_PREFIX),
            "name": "asset",
            "title": "Unity asset",
            "description": "An asset's GUID, path and Unity type, from its .meta (path under Assets/ or a package folder, e.g. unity://asset/Assets/Textures/hero.png).",
            "mimeType": resources::JSON_MIME
        }, {
            "uriTemplate": format!("{}{{path}}", resources::TEXT_URI_PREFIX),
            "name": "text",
            "title": "Text asset",
            "description": "A text asset's content (C# script, asmdef, shader, JSON, Unity YAML...), as read_text reads it whole, e.g. unity://text/Assets/Scripts/Player.cs.",
            "mimeType": resources::TEXT_MIME
        }, {
            "uriTemplate": format!("{}{{path}}", resources::HIERARCHY_URI_PREFIX),
            "name": "hierarchy",
            "title": "Scene or prefab hierarchy",
            "description": "The GameObject tree of a scene or prefab as get_hierarchy answers it (JSON), e.g. unity://hierarchy/Assets/Scenes/Main.unity.",
            "mimeType": resources::JSON_MIME
        }]}))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        match self.svc.read_resource_text(&request.uri).await {
            Ok((text, mime)) => from_json::<ReadResourceResult>(json!({
                "contents": [{"uri": request.uri, "mimeType": mime, "text": text}]
            }))
            .map(ReadResourceResponse::from),
            Err(e) if e.kind == ErrorKind::NotFound => Err(McpError::resource_not_found(e.message, None)),
            Err(e) => Err(McpError::invalid_params(e.message, None)),
        }
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        from_json(json!({ "prompts": prompts::mcp_prompts() }))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        let args = request.arguments.unwrap_or_default();
        match prompts::render(&request.name, &args) {
            Ok(text) => from_json::<GetPromptResult>(json!({
                "description": prompts::description(&request.name),
                "messages": [{"role": "user", "content": {"type": "text", "text": text}}]
            }))
            .map(GetPromptResponse::from),
            Err(e) => Err(McpError::invalid_params(e.message, None)),
        }
    }
}

/// Serves MCP on stdin/stdout until the client closes stdin. Stdout carries JSON-RPC
/// only: every log line goes to stderr.
pub async fn serve_stdio(svc: McpService) -> anyhow::Result<()> {
    use rmcp::ServiceExt;
    let running = UnityMcp::new(svc)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| anyhow::anyhow!("MCP handshake over stdio failed: {e}"))?;
    let reason = running.waiting().await.map_err(|e| anyhow::anyhow!("MCP stdio session failed: {e}"))?;
    tracing::info!(?reason, "MCP stdio session ended");
    Ok(())
}

/// The path MCP is served at over HTTP.
pub const MCP_HTTP_PATH: &str = "/mcp";

/// Browser origins accepted (DNS-rebinding protection, as the MCP spec asks of local
/// servers): only pages served from this machine; requests without an Origin header
/// (every non-browser client) pass.
const LOCAL_ORIGINS: &[&str] = &["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"];

/// Serves MCP over streamable HTTP at `http://ADDR/mcp` on `listener` until `stop`
/// resolves: sessions (`Mcp-Session-Id`) at most `max_sessions` at once, the bearer
/// token checked on every request, Host and Origin validated.
pub async fn serve_http(
    listener: tokio::net::TcpListener,
    svc: McpService,
    token: crate::auth::TokenCheck,
    max_sessions: usize,
    limits: crate::conn_guard::ConnLimits,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let gate = crate::conn_guard::ConnGate::new(limits);
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
    use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
    use std::sync::Arc;

    let local = listener.local_addr()?;
    let mut hosts = vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()];
    if !local.ip().is_unspecified() {
        hosts.push(local.ip().to_string());
    }
    let cancel = tokio_util::sync::CancellationToken::new();
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(hosts)
        .with_allowed_origins(LOCAL_ORIGINS.iter().copied())
        .enforce_origin_validation()
        .with_legacy_session_mode(true)
        .with_cancellation_token(cancel.clone());
    let sessions = Arc::new(LocalSessionManager::default());
    let mcp = Arc::new(StreamableHttpService::new(move || Ok(UnityMcp::new(svc.clone())), sessions.clone(), config));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        stop.await;
        cancel.cancel();
        let _ = stop_tx.send(true);
    });
    let mut stop_accept = stop_rx.clone();
    loop {
        let (stream, _) = tokio::select! {
            r = listener.accept() => match r {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!(error = %e, "MCP HTTP accept failed");
                    continue;
                }
            },
            _ = stop_accept.wait_for(|s| *s) => return Ok(()),
        };
        // Bounded like gRPC's: open connections, silent ones, idle ones.
        let Some(stream) = gate.admit(stream) else {
            tracing::debug!("MCP HTTP connection refused: max_open_connections reached");
            continue;
        };
        let (mcp, sessions, token) = (mcp.clone(), sessions.clone(), token.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let (mcp, sessions, token) = (mcp.clone(), sessions.clone(), token.clone());
                async move {
                    let plain = |status: u16, text: &'static str| {
                        hyper::Response::builder()
                            .status(status)
                            .header("content-type", "text/plain")
                            .body(Full::new(Bytes::from_static(text.as_bytes())).map_err(|e| match e {}).boxed())
                    };
                    if req.uri().path() != MCP_HTTP_PATH {
                        return plain(404, "MCP is served at /mcp\n");
                    }
                    let auth = req.headers().get("authorization").and_then(|v| v.to_str().ok());
                    if let Err(why) = token.check_header(auth) {
                        return plain(401, if auth.is_none() { "this server requires a token: send 'Authorization: Bearer <token>'\n" } else { why });
                    }
                    let new_session = !req.headers().contains_key("mcp-session-id") && req.method() == hyper::Method::POST;
                    if new_session && sessions.sessions.read().await.len() >= max_sessions {
                        return plain(503, "too many MCP sessions open; close one (DELETE /mcp) or retry later\n");
                    }
                    let delete = req.method() == hyper::Method::DELETE;
                    let mut response = mcp.handle(req).await;
                    // Ending a session answers 200 OK: rmcp says 202, which the Python SDK
                    // logs as "Session termination failed: 202".
                    if delete && response.status() == hyper::StatusCode::ACCEPTED {
                        *response.status_mut() = hyper::StatusCode::OK;
                    }
                    Ok(response)
                }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            if let Err(e) = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await {
                tracing::debug!(error = %e, "MCP HTTP connection ended");
            }
        });
    }
}

/// A log line on its way to MCP sessions.
#[derive(Clone, Debug)]
pub struct LogLine {
    /// MCP's level name (`debug`, `info`, `warning`, `error`).
    level: &'static str,
    /// Its rank, to compare with a session's level.
    rank: u8,
    /// The tracing target (module).
    target: String,
    /// The message and fields, as the log file shows them.
    message: String,
}

/// Log lines buffered for slow sessions; a session further behind skips lines.
const LOG_BUS_LINES: usize = 1024;

fn log_bus() -> &'static tokio::sync::broadcast::Sender<LogLine> {
    static BUS: std::sync::OnceLock<tokio::sync::broadcast::Sender<LogLine>> = std::sync::OnceLock::new();
    BUS.get_or_init(|| tokio::sync::broadcast::channel(LOG_BUS_LINES).0)
}

/// MCP's order of levels.
fn rank(level: &LoggingLevel) -> u8 {
    match level {
        LoggingLevel::Debug => 0,
        LoggingLevel::Info => 1,
        LoggingLevel::Notice => 2,
        LoggingLevel::Warning => 3,
        LoggingLevel::Error => 4,
        LoggingLevel::Critical => 5,
        LoggingLevel::Alert => 6,
        LoggingLevel::Emergency => 7,
    }
}

/// The tracing layer that copies log events to MCP sessions that asked for them
/// (`logging/setLevel`); free when none did.
pub struct McpLogLayer;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for McpLogLayer {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: tracing_subscriber::layer::Context<'_, S>) {
        let bus = log_bus();
        if bus.receiver_count() == 0 {
            return;
        }
        struct Fields(String);
        impl tracing::field::Visit for Fields {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                use std::fmt::Write;
                if field.name() == "message" {
                    let _ = write!(self.0, "{value:?} ");
                } else {
                    let _ = write!(self.0, "{}={value:?} ", field.name());
                }
            }
        }
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let meta = event.metadata();
        let (level, rank) = match *meta.level() {
            tracing::Level::ERROR => ("error", 4),
            tracing::Level::WARN => ("warning", 3),
            tracing::Level::INFO => ("info", 1),
            _ => ("debug", 0),
        };
        let _ = bus.send(LogLine { level, rank, target: meta.target().to_string(), message: fields.0.trim_end().to_string() });
    }
}
