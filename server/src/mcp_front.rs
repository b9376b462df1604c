//! The MCP front end: the surface of [`crate::surface`] served to MCP clients through
//! the official Rust SDK (`rmcp`), over stdio (`unity-mcp mcp`). Every tool call runs
//! through the same scheduler as gRPC (`McpService::run_tool`), so agents get the same
//! ordering, conflicts, budgets and cache.
//!
//! Results follow MCP conventions: `structuredContent` (the same JSON as gRPC's
//! CallTool `output_json`) plus a short text; a failed operation is a tool result
//! with `isError: true` whose text is gRPC's McpError message. Protocol errors only
//! for what is not a tool call at all (an unknown tool, a malformed request).
//!
//! Payloads are built as JSON in MCP's shapes and read into rmcp's types, which keeps
//! this file to the mapping and leaves JSON-RPC, framing and the handshake to rmcp.

use crate::service::McpService;
use crate::surface::{prompts, resources, tools};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, GetPromptRequestParams, GetPromptResponse,
    GetPromptResult, ListPromptsResult, ListResourceTemplatesResult, ListResourcesResult, ListToolsResult,
    PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use unity_mcp_engine::{Code, OpError};

/// The MCP server: a handle on the shared service (and so the shared engine).
#[derive(Clone)]
pub struct UnityMcp {
    /// The gRPC service whose operations the tools run.
    svc: McpService,
}

impl UnityMcp {
    /// Serves `svc`'s engine to MCP clients.
    pub fn new(svc: McpService) -> UnityMcp {
        UnityMcp { svc }
    }
}

/// Reads a JSON value in MCP's shape into an rmcp type (a bug here is ours: code 13).
fn from_json<T: DeserializeOwned>(value: Value) -> Result<T, McpError> {
    serde_json::from_value(value).map_err(|e| McpError::internal_error(format!("building an MCP result: {e}"), None))
}

/// A tool result: the output JSON as structured content, plus a one-line summary.
fn tool_result(tool: &str, outcome: Result<String, OpError>) -> Result<CallToolResult, McpError> {
    match outcome {
        Ok(output_json) => {
            let structured: Value = serde_json::from_str(&output_json).unwrap_or(Value::Null);
            from_json(json!({
                "content": [{"type": "text", "text": tools::summary(tool, &structured)}],
                "structuredContent": structured,
                "isError": false
            }))
        }
        Err(e) => from_json(json!({
            "content": [{"type": "text", "text": e.message}],
            "structuredContent": {"error": {"code": e.code.as_i32(), "message": e.message}},
            "isError": true
        })),
    }
}

impl ServerHandler for UnityMcp {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::default();
        info.capabilities = serde_json::from_value::<ServerCapabilities>(json!({"tools": {}, "resources": {}, "prompts": {}}))
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
        _context: RequestContext<RoleServer>,
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
        let outcome = self.svc.run_tool(&name, &input, None).await;
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
        }]}))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        match self.svc.read_resource_text(&request.uri).await {
            Ok(text) => from_json::<ReadResourceResult>(json!({
                "contents": [{"uri": request.uri, "mimeType": resources::JSON_MIME, "text": text}]
            }))
            .map(ReadResourceResponse::from),
            Err(e) if e.code == Code::NotFound => Err(McpError::resource_not_found(e.message, None)),
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
