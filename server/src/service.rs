//! The `UnityMcpService` implementation: every RPC of the contract, each answered with
//! `McpError` set on failure (the gRPC status stays OK for operation errors; it is
//! non-OK only for transport-level problems).

use crate::convert;
use crate::driver::{Ctx, Driver};
use crate::stream;
use prost::Message;
use unity_mcp_engine::sched::{ConnKind, Submission};
use std::pin::Pin;
use tokio_stream::Stream;
use tonic::{Request, Response, Status, Streaming};
use crate::surface::{prompts, resources, tools};
use unity_mcp_engine::{AssetDb, ErrorKind, Op, OpError, OpResult};
use unity_mcp_wire::pb;

/// Shared state of the service (cheap to clone).
#[derive(Clone)]
pub struct McpService {
    /// Runs every asset operation through the engine.
    driver: Driver,
}

/// Parses a `grpc-timeout` header value ("100m", "5S", ...) into microseconds.
pub fn parse_grpc_timeout(v: &str) -> Option<u64> {
    if v.len() < 2 || v.len() > 9 {
        return None;
    }
    let (num, unit) = v.split_at(v.len() - 1);
    let n: u64 = num.parse().ok()?;
    let us = match unit {
        "H" => n.checked_mul(3_600_000_000)?,
        "M" => n.checked_mul(60_000_000)?,
        "S" => n.checked_mul(1_000_000)?,
        "m" => n.checked_mul(1_000)?,
        "u" => n,
        "n" => n / 1_000,
        _ => return None,
    };
    Some(us)
}

/// What a long tool call reports and listens to (MCP progress and cancellation).
#[derive(Default)]
pub struct CallHooks<'a> {
    /// Called with (done, total) as operations finish.
    pub progress: Option<&'a (dyn Fn(u64, u64) + Send + Sync)>,
    /// True once the caller cancelled.
    pub cancelled: Option<&'a (dyn Fn() -> bool + Send + Sync)>,
}

impl McpService {
    /// A service running its operations through `driver`.
    pub fn new(driver: Driver) -> McpService {
        McpService { driver }
    }

    /// The driver.
    pub fn driver(&self) -> &Driver {
        &self.driver
    }

    /// The absolute engine deadline from a call's `grpc-timeout`, if any.
    fn deadline<T>(&self, req: &Request<T>) -> Option<u64> {
        let v = req.metadata().get("grpc-timeout")?.to_str().ok()?;
        Some(self.driver.now_us().saturating_add(parse_grpc_timeout(v)?))
    }

    /// Runs read-only project lookups off the async reactor; a panic becomes code 13.
    async fn blocking<T: Send + 'static>(&self, f: impl FnOnce(&AssetDb) -> Result<T, OpError> + Send + 'static) -> Result<T, OpError> {
        let db = self.driver.db().clone();
        #[allow(deprecated)] // simulated under madsim
        tokio::task::spawn_blocking(move || f(&db))
            .await
            .unwrap_or_else(|e| Err(OpError::new(ErrorKind::Internal, format!("internal: worker failed: {e}"))))
    }

    /// Runs one asset operation through the engine, as a one-request connection: the
    /// same ordering, conflict and overload rules as the Stream.
    pub async fn execute(&self, op: Op, deadline_us: Option<u64>, bytes: u32) -> OpResult {
        let conn = self.driver.connect(ConnKind::Unary)?;
        let ctx = Ctx { id: 0, kind: None };
        if conn.submit(Submission { work: Ok(op), ctx, deadline_us, bytes, trace: 0 }).is_none() {
            return Err(OpError::new(ErrorKind::Unavailable, "the server is shutting down"));
        }
        conn.next_answer().await.result
    }

    /// Runs tool `tool_id` on `input_json`: its output JSON, or the error gRPC's
    /// CallTool and MCP's tool results both report.
    pub async fn run_tool(&self, tool_id: &str, input_json: &str, deadline: Option<u64>) -> Result<String, OpError> {
        self.run_tool_with(tool_id, input_json, deadline, &CallHooks::default()).await
    }

    /// [`McpService::run_tool`], reporting progress and listening for a cancel.
    pub async fn run_tool_with(
        &self,
        tool_id: &str,
        input_json: &str,
        deadline: Option<u64>,
        hooks: &CallHooks<'_>,
    ) -> Result<String, OpError> {
        let bytes = (tool_id.len() + input_json.len()) as u32;
        match tools::parse_call(tool_id, input_json)? {
            tools::ToolCall::Batch(ops) => self.run_batch(ops, deadline, hooks).await,
            tools::ToolCall::Op(op) => {
                let writes_text = matches!(op, Op::WriteText { .. } | Op::EditText { .. } | Op::CreateScript { .. } | Op::SetProperty { .. });
                let outcome = self.execute(op, deadline, bytes).await?;
                let json = tools::outcome_json(&outcome);
                // Write tools say when an Editor has the project open (it re-imports on focus).
                if writes_text && self.blocking(|db| Ok(db.editor_running())).await.unwrap_or(false) {
                    if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&json) {
                        v["editor_running"] = serde_json::Value::Bool(true);
                        return Ok(v.to_string());
                    }
                }
                Ok(json)
            }
            tools::ToolCall::ProjectInfo => self.blocking(|db| Ok(tools::project_value(&db.project_info()).to_string())).await,
            tools::ToolCall::AssetInfo(path) => {
                self.blocking(move |db| db.info(&path).map(|a| serde_json::json!({"asset": tools::asset_value(&a)}).to_string()))
                    .await
            }
        }
    }

    /// Runs `ops` in order over one Stream connection of the engine (its window and
    /// budgets apply): one result per operation. A cancel stops feeding the engine and
    /// drops what it queued (running work finishes); those get no result.
    pub async fn run_batch(&self, ops: Vec<Result<Op, OpError>>, deadline: Option<u64>, hooks: &CallHooks<'_>) -> Result<String, OpError> {
        let total = ops.len();
        let mut results: Vec<Option<OpResult>> = Vec::with_capacity(total);
        if total == 0 {
            return Ok(tools::batch_json(&results));
        }
        let conn = self.driver.connect(ConnKind::Stream)?;
        let mut pending = ops.into_iter();
        let mut submitted = 0usize;
        loop {
            while let Some(a) = conn.try_answer() {
                results.push(Some(a.result));
                if let Some(progress) = hooks.progress {
                    progress(results.len() as u64, total as u64);
                }
            }
            if hooks.cancelled.is_some_and(|c| c()) || results.len() == total {
                break;
            }
            if submitted < total {
                tokio::select! {
                    biased;
                    _ = conn.answer_ready() => {}
                    _ = conn.readable() => {
                        let Some(work) = pending.next() else { break };
                        let ctx = Ctx { id: submitted as u64, kind: None };
                        if conn.submit(Submission { work, ctx, deadline_us: deadline, bytes: 64, trace: 0 }).is_none() {
                            return Err(OpError::new(ErrorKind::Unavailable, "the server is shutting down"));
                        }
                        submitted += 1;
                    }
                }
            } else {
                conn.answer_ready().await;
            }
        }
        // Dropping the connection drops whatever a cancel left queued.
        drop(conn);
        results.resize_with(total, || None);
        Ok(tools::batch_json(&results))
    }

    /// The resources MCP lists: the project info and up to
    /// [`resources::MAX_LISTED_RESOURCES`] assets, as MCP resource objects.
    pub async fn list_resources_json(&self) -> Result<Vec<serde_json::Value>, OpError> {
        self.blocking(|db| {
            let info = tools::project_value(&db.project_info()).to_string();
            let mut out = vec![serde_json::json!({
                "uri": resources::PROJECT_INFO_URI, "name": "project-info", "title": "Project info",
                "mimeType": resources::JSON_MIME, "size": info.len()
            })];
            for asset in db.list_assets(resources::MAX_LISTED_RESOURCES - 1)? {
                out.push(serde_json::json!({
                    "uri": resources::asset_uri(&asset.path), "name": asset.path.as_str(),
                    "mimeType": resources::JSON_MIME, "size": tools::asset_value(&asset).to_string().len()
                }));
            }
            Ok(out)
        })
        .await
    }

    /// The text of resource `uri`, and its MIME type.
    pub async fn read_resource_text(&self, uri: &str) -> Result<(String, &'static str), OpError> {
        let json = |r: Result<String, OpError>| r.map(|t| (t, resources::JSON_MIME));
        match resources::parse_uri(uri)? {
            resources::ResourceRef::ProjectInfo => json(self.blocking(|db| Ok(tools::project_value(&db.project_info()).to_string())).await),
            resources::ResourceRef::Asset(path) => json(self.blocking(move |db| db.info(&path).map(|a| tools::asset_value(&a).to_string())).await),
            // Through the engine, as ReadText: it waits for a write to the file.
            resources::ResourceRef::Text(path) => match self.execute(Op::ReadText { path, start_line: 0, line_count: 0 }, None, uri.len() as u32).await? {
                unity_mcp_engine::Outcome::Text(t) => Ok((t.text, resources::TEXT_MIME)),
                other => Err(crate::convert::unexpected(&other)),
            },
            // GetHierarchy's answer, as the get_hierarchy tool gives it.
            resources::ResourceRef::Hierarchy(path) => {
                let outcome = self.execute(Op::ReadYaml { path, read: unity_mcp_engine::op::YamlRead::Hierarchy { max_depth: 0, limit: 0 } }, None, uri.len() as u32).await?;
                Ok((tools::outcome_json(&outcome), resources::JSON_MIME))
            }
        }
    }

    async fn validated(&self, op: Result<Op, OpError>, deadline_us: Option<u64>, bytes: u32) -> OpResult {
        match op {
            Ok(op) => self.execute(op, deadline_us, bytes).await,
            Err(e) => Err(e),
        }
    }
}

type ResponseStream = Pin<Box<dyn Stream<Item = Result<pb::StreamResponse, Status>> + Send + 'static>>;

#[tonic::async_trait]
impl pb::unity_mcp_service_server::UnityMcpService for McpService {
    async fn list_tools(&self, _: Request<pb::ListToolsRequest>) -> Result<Response<pb::ListToolsResponse>, Status> {
        let tools = tools::tools()
            .into_iter()
            .map(|t| pb::McpTool { id: t.id.into(), name: t.name.into(), description: t.description.into(), input_schema: t.input_schema })
            .collect();
        Ok(Response::new(pb::ListToolsResponse { tools, error: None }))
    }

    async fn call_tool(&self, req: Request<pb::CallToolRequest>) -> Result<Response<pb::CallToolResponse>, Status> {
        let deadline = self.deadline(&req);
        let req = req.into_inner();
        let output = self.run_tool(&req.tool_id, &req.input_json, deadline).await;
        Ok(Response::new(match output {
            Ok(output_json) => pb::CallToolResponse { output_json, error: None },
            Err(e) => pb::CallToolResponse { output_json: String::new(), error: Some(convert::error_pb(&e)) },
        }))
    }

    async fn list_resources(&self, _: Request<pb::ListResourcesRequest>) -> Result<Response<pb::ListResourcesResponse>, Status> {
        let listed = self
            .blocking(|db| {
                let info = tools::project_value(&db.project_info()).to_string();
                let mut out = vec![pb::McpResource {
                    uri: resources::PROJECT_INFO_URI.into(),
                    mime_type: resources::JSON_MIME.into(),
                    size_bytes: info.len() as i64,
                }];
                for asset in db.list_assets(resources::MAX_LISTED_RESOURCES - 1)? {
                    out.push(pb::McpResource {
                        uri: resources::asset_uri(&asset.path),
                        mime_type: resources::JSON_MIME.into(),
                        size_bytes: tools::asset_value(&asset).to_string().len() as i64,
                    });
                }
                Ok(out)
            })
            .await;
        Ok(Response::new(match listed {
            Ok(resources) => pb::ListResourcesResponse { resources, error: None },
            Err(e) => pb::ListResourcesResponse { resources: vec![], error: Some(convert::error_pb(&e)) },
        }))
    }

    async fn read_resource(&self, req: Request<pb::ReadResourceRequest>) -> Result<Response<pb::ReadResourceResponse>, Status> {
        let uri = req.into_inner().uri;
        let data = self.read_resource_text(&uri).await;
        Ok(Response::new(match data {
            Ok((text, mime)) => pb::ReadResourceResponse { data: text.into_bytes(), mime_type: mime.into(), error: None },
            Err(e) => pb::ReadResourceResponse { data: vec![], mime_type: String::new(), error: Some(convert::error_pb(&e)) },
        }))
    }

    async fn list_prompts(&self, _: Request<pb::ListPromptsRequest>) -> Result<Response<pb::ListPromptsResponse>, Status> {
        let prompt_ids = prompts::PROMPTS.iter().map(|(id, _)| id.to_string()).collect();
        Ok(Response::new(pb::ListPromptsResponse { prompt_ids, error: None }))
    }

    async fn get_prompt(&self, req: Request<pb::GetPromptRequest>) -> Result<Response<pb::GetPromptResponse>, Status> {
        let id = req.into_inner().prompt_id;
        Ok(Response::new(match prompts::get(&id) {
            Some(text) => pb::GetPromptResponse { prompt_text: text.into(), error: None },
            None => {
                let known: Vec<&str> = prompts::PROMPTS.iter().map(|(p, _)| *p).collect();
                let e = OpError::not_found(format!(
                    "prompt_id: no prompt '{}'; known prompts: {}",
                    id.chars().take(64).collect::<String>(),
                    known.join(", ")
                ));
                pb::GetPromptResponse { prompt_text: String::new(), error: Some(convert::error_pb(&e)) }
            }
        }))
    }

    async fn get_project_info(&self, _: Request<pb::GetProjectInfoRequest>) -> Result<Response<pb::GetProjectInfoResponse>, Status> {
        let info = self.blocking(|db| Ok(db.project_info())).await;
        Ok(Response::new(match info {
            Ok(i) => pb::GetProjectInfoResponse {
                project: Some(pb::ProjectInfo { project_name: i.project_name, unity_version: i.unity_version, editor_running: i.editor_running }),
                error: None,
            },
            Err(e) => pb::GetProjectInfoResponse { project: None, error: Some(convert::error_pb(&e)) },
        }))
    }

    async fn import_asset(&self, req: Request<pb::ImportAssetRequest>) -> Result<Response<pb::ImportAssetResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let result = self.validated(Op::import(&r.asset_path), deadline, r.encoded_len() as u32).await;
        Ok(Response::new(convert::import_response(result)))
    }

    async fn move_asset(&self, req: Request<pb::MoveAssetRequest>) -> Result<Response<pb::MoveAssetResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let result = self.validated(Op::move_asset(&r.src_path, &r.dst_path), deadline, r.encoded_len() as u32).await;
        Ok(Response::new(convert::move_response(result)))
    }

    async fn delete_asset(&self, req: Request<pb::DeleteAssetRequest>) -> Result<Response<pb::DeleteAssetResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let result = self.validated(Op::delete_with(&r.asset_path, r.only_if_unreferenced), deadline, r.encoded_len() as u32).await;
        Ok(Response::new(convert::delete_response(result)))
    }

    async fn find_assets(&self, req: Request<pb::FindAssetsRequest>) -> Result<Response<pb::FindAssetsResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = Op::find_assets(&r.guid, &r.path_glob, &r.r#type, r.limit);
        Ok(Response::new(convert::find_assets_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn find_references(&self, req: Request<pb::FindReferencesRequest>) -> Result<Response<pb::FindReferencesResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = Op::find_references(&r.asset_path, &r.guid);
        Ok(Response::new(convert::find_references_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn get_dependencies(&self, req: Request<pb::GetDependenciesRequest>) -> Result<Response<pb::GetDependenciesResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = Op::dependencies(&r.asset_path, r.recursive);
        Ok(Response::new(convert::dependencies_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn check_project(&self, req: Request<pb::CheckProjectRequest>) -> Result<Response<pb::CheckProjectResponse>, Status> {
        let deadline = self.deadline(&req);
        let op = Op::Query(unity_mcp_engine::Query::Check);
        Ok(Response::new(convert::check_response(self.execute(op, deadline, 0).await)))
    }

    async fn copy_asset(&self, req: Request<pb::CopyAssetRequest>) -> Result<Response<pb::CopyAssetResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = Op::copy(&r.src_path, &r.dst_path);
        Ok(Response::new(convert::copy_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn create_folder(&self, req: Request<pb::CreateFolderRequest>) -> Result<Response<pb::CreateFolderResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = Op::create_folder(&r.asset_path);
        Ok(Response::new(convert::create_folder_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn read_text(&self, req: Request<pb::ReadTextRequest>) -> Result<Response<pb::ReadTextResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = convert::read_text_op(&r);
        Ok(Response::new(crate::convert_text::read_text_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn write_text(&self, req: Request<pb::WriteTextRequest>) -> Result<Response<pb::WriteTextResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = convert::write_text_op(&r);
        Ok(Response::new(crate::convert_text::write_text_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn edit_text(&self, req: Request<pb::EditTextRequest>) -> Result<Response<pb::EditTextResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = convert::edit_text_op(&r);
        Ok(Response::new(crate::convert_text::edit_text_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn search_text(&self, req: Request<pb::SearchTextRequest>) -> Result<Response<pb::SearchTextResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = Op::search_text(&r.pattern, &r.path_glob, r.limit, r.case_insensitive);
        Ok(Response::new(crate::convert_text::search_text_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn create_script(&self, req: Request<pb::CreateScriptRequest>) -> Result<Response<pb::CreateScriptResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = convert::create_script_op(&r);
        Ok(Response::new(crate::convert_text::create_script_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn validate_script(&self, req: Request<pb::ValidateScriptRequest>) -> Result<Response<pb::ValidateScriptResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = convert::validate_script_op(&r);
        Ok(Response::new(crate::convert_text::validate_script_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn get_hierarchy(&self, req: Request<pb::GetHierarchyRequest>) -> Result<Response<pb::GetHierarchyResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = crate::convert_scene::get_hierarchy_op(&r);
        Ok(Response::new(crate::convert_scene::get_hierarchy_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn get_object(&self, req: Request<pb::GetObjectRequest>) -> Result<Response<pb::GetObjectResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = crate::convert_scene::get_object_op(&r);
        Ok(Response::new(crate::convert_scene::get_object_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn set_property(&self, req: Request<pb::SetPropertyRequest>) -> Result<Response<pb::SetPropertyResponse>, Status> {
        let deadline = self.deadline(&req);
        let r = req.into_inner();
        let op = crate::convert_scene::set_property_op(&r);
        Ok(Response::new(crate::convert_scene::set_property_response(self.validated(op, deadline, r.encoded_len() as u32).await)))
    }

    async fn refresh(&self, req: Request<pb::RefreshRequest>) -> Result<Response<pb::RefreshResponse>, Status> {
        let deadline = self.deadline(&req);
        let result = self.execute(Op::Refresh, deadline, 0).await;
        Ok(Response::new(convert::refresh_response(result)))
    }

    type StreamStream = ResponseStream;

    async fn stream(&self, req: Request<Streaming<pb::StreamRequest>>) -> Result<Response<Self::StreamStream>, Status> {
        let deadline = self.deadline(&req);
        Ok(Response::new(Box::pin(stream::serve_stream(&self.driver, req.into_inner(), deadline)?)))
    }
}
