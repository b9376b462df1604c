//! The `client` subcommand: try the server without other tools.

use crate::auth::BearerToken;
use crate::cli::{ClientArgs, ClientOp};
use anyhow::{bail, Context};
use serde_json::{json, Value};
use std::io::BufRead;
use unity_mcp_wire::pb::{self, unity_mcp_service_client::UnityMcpServiceClient};

fn error_json(e: &Option<pb::McpError>) -> Value {
    match e {
        Some(e) => json!({"code": e.code, "message": e.message, "details": e.details}),
        None => Value::Null,
    }
}

fn asset_json(a: &Option<pb::UnityAsset>) -> Value {
    match a {
        Some(a) => json!({"guid": a.guid, "asset_path": a.asset_path, "type": a.r#type}),
        None => Value::Null,
    }
}

fn assets_json(v: &[pb::UnityAsset]) -> Value {
    v.iter().map(|a| json!({"guid": a.guid, "asset_path": a.asset_path, "type": a.r#type})).collect()
}

fn problems_json(v: &[pb::ProjectProblem]) -> Value {
    v.iter().map(|p| json!({"kind": p.kind, "asset_path": p.asset_path, "guid": p.guid, "detail": p.detail})).collect()
}

fn diagnostics_json(v: &[pb::Diagnostic]) -> Value {
    v.iter().map(|d| json!({"severity": d.severity, "line": d.line, "column": d.column, "message": d.message, "rule": d.rule})).collect()
}

/// One StreamResponse as JSON (used by the client and by tests).
pub fn stream_response_json(r: &pb::StreamResponse) -> Value {
    use pb::stream_response::Message as M;
    let mut v = match &r.message {
        Some(M::ImportAsset(x)) => json!({"op": "import_asset", "asset": asset_json(&x.asset), "error": error_json(&x.error)}),
        Some(M::MoveAsset(x)) => json!({"op": "move_asset", "asset": asset_json(&x.asset), "error": error_json(&x.error)}),
        Some(M::DeleteAsset(x)) => json!({"op": "delete_asset", "success": x.success, "error": error_json(&x.error)}),
        Some(M::Refresh(x)) => json!({"op": "refresh", "success": x.success, "metas_created": x.metas_created, "metas_removed": x.metas_removed, "reidentified_count": x.reidentified_count, "error": error_json(&x.error)}),
        Some(M::FindAssets(x)) => json!({"op": "find_assets", "assets": assets_json(&x.assets), "truncated": x.truncated, "error": error_json(&x.error)}),
        Some(M::FindReferences(x)) => json!({"op": "find_references", "referrers": assets_json(&x.referrers), "usages": x.usages.iter().map(|u| json!({"asset_path": u.asset_path, "file_id": u.file_id, "object_name": u.object_name, "property_path": u.property_path})).collect::<Vec<_>>(), "error": error_json(&x.error)}),
        Some(M::GetDependencies(x)) => json!({"op": "get_dependencies", "dependencies": assets_json(&x.dependencies), "unresolved_guids": x.unresolved_guids, "error": error_json(&x.error)}),
        Some(M::CheckProject(x)) => json!({"op": "check_project", "problems": problems_json(&x.problems), "error": error_json(&x.error)}),
        Some(M::CopyAsset(x)) => json!({"op": "copy_asset", "asset": asset_json(&x.asset), "error": error_json(&x.error)}),
        Some(M::CreateFolder(x)) => json!({"op": "create_folder", "asset": asset_json(&x.asset), "error": error_json(&x.error)}),
        Some(M::ReadText(x)) => json!({"op": "read_text", "text": x.text, "sha256": x.sha256, "total_lines": x.total_lines, "line_ending": x.line_ending, "bom": x.bom, "asset": asset_json(&x.asset), "error": error_json(&x.error)}),
        Some(M::WriteText(x)) => json!({"op": "write_text", "asset": asset_json(&x.asset), "sha256": x.sha256, "created": x.created, "folders_created": assets_json(&x.folders_created), "diagnostics": diagnostics_json(&x.diagnostics), "error": error_json(&x.error)}),
        Some(M::EditText(x)) => json!({"op": "edit_text", "asset": asset_json(&x.asset), "sha256": x.sha256, "diagnostics": diagnostics_json(&x.diagnostics), "error": error_json(&x.error)}),
        Some(M::CreateScript(x)) => json!({"op": "create_script", "asset": asset_json(&x.asset), "text": x.text, "folders_created": assets_json(&x.folders_created), "diagnostics": diagnostics_json(&x.diagnostics), "error": error_json(&x.error)}),
        Some(M::ValidateScript(x)) => json!({"op": "validate_script", "diagnostics": diagnostics_json(&x.diagnostics), "assembly": x.assembly, "error": error_json(&x.error)}),
        Some(M::SearchText(x)) => json!({"op": "search_text", "matches": x.matches.iter().map(|m| json!({"asset_path": m.asset_path, "line": m.line, "column": m.column, "line_text": m.line_text})).collect::<Vec<_>>(), "truncated": x.truncated, "error": error_json(&x.error)}),
        Some(M::GetHierarchy(x)) => json!({"op": "get_hierarchy", "roots": x.roots.iter().map(node_json).collect::<Vec<_>>(), "truncated": x.truncated, "node_count": x.node_count, "error": error_json(&x.error)}),
        Some(M::GetObject(x)) => json!({"op": "get_object", "class_id": x.class_id, "type": x.r#type, "file_id": x.file_id, "properties": serde_json::from_str::<Value>(&x.properties_json).unwrap_or(Value::Null), "yaml": x.yaml, "error": error_json(&x.error)}),
        Some(M::SetProperty(x)) => json!({"op": "set_property", "sha256": x.sha256, "old_value": serde_json::from_str::<Value>(&x.old_value_json).unwrap_or(Value::Null), "error": error_json(&x.error)}),
        None => json!({"op": null, "error": error_json(&r.error)}),
    };
    v["id"] = json!(r.id);
    v
}

/// A hierarchy node as JSON (children nested).
fn node_json(n: &pb::SceneNode) -> Value {
    json!({
        "file_id": n.file_id,
        "name": n.name,
        "active": n.active,
        "tag": n.tag,
        "layer": n.layer,
        "components": n.components.iter().map(|c| json!({"file_id": c.file_id, "type": c.r#type, "script": asset_json(&c.script), "enabled": c.enabled})).collect::<Vec<_>>(),
        "children": n.children.iter().map(node_json).collect::<Vec<_>>(),
        "prefab": asset_json(&n.prefab),
    })
}

fn has_error(v: &Value) -> bool {
    !v["error"].is_null()
}

/// One edit in the `stream` file format.
#[derive(serde::Deserialize)]
struct EditJson {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(default)]
    new_text: String,
}

/// Parses one JSON line of the `stream` file format into a StreamRequest.
pub fn parse_stream_line(line: &str, default_id: u64) -> anyhow::Result<pb::StreamRequest> {
    use pb::stream_request::Message as M;
    let v: Value = serde_json::from_str(line).context("not JSON")?;
    let s = |k: &str| -> anyhow::Result<String> {
        v.get(k).and_then(Value::as_str).map(str::to_string).with_context(|| format!("missing string field \"{k}\""))
    };
    let op = v.get("op").and_then(Value::as_str).context("missing string field \"op\"")?;
    let message = match op {
        "import" | "import_asset" => M::ImportAsset(pb::ImportAssetRequest { asset_path: s("asset_path")? }),
        "move" | "move_asset" => M::MoveAsset(pb::MoveAssetRequest { src_path: s("src_path")?, dst_path: s("dst_path")? }),
        "delete" | "delete_asset" => M::DeleteAsset(pb::DeleteAssetRequest {
            asset_path: s("asset_path")?,
            only_if_unreferenced: v.get("only_if_unreferenced").and_then(Value::as_bool).unwrap_or(false),
        }),
        "refresh" => M::Refresh(pb::RefreshRequest {}),
        "find" | "find_assets" => M::FindAssets(pb::FindAssetsRequest {
            guid: s("guid").unwrap_or_default(),
            path_glob: s("path_glob").unwrap_or_default(),
            r#type: s("type").unwrap_or_default(),
            limit: v.get("limit").and_then(Value::as_u64).unwrap_or(0).min(u32::MAX as u64) as u32,
        }),
        "refs" | "find_references" => M::FindReferences(pb::FindReferencesRequest {
            asset_path: s("asset_path").unwrap_or_default(),
            guid: s("guid").unwrap_or_default(),
        }),
        "deps" | "get_dependencies" => M::GetDependencies(pb::GetDependenciesRequest {
            asset_path: s("asset_path")?,
            recursive: v.get("recursive").and_then(Value::as_bool).unwrap_or(false),
        }),
        "check" | "check_project" => M::CheckProject(pb::CheckProjectRequest {}),
        "copy" | "copy_asset" => M::CopyAsset(pb::CopyAssetRequest { src_path: s("src_path")?, dst_path: s("dst_path")? }),
        "mkdir" | "create_folder" => M::CreateFolder(pb::CreateFolderRequest { asset_path: s("asset_path")? }),
        "read" | "read_text" => M::ReadText(pb::ReadTextRequest {
            asset_path: s("asset_path")?,
            start_line: v.get("start_line").and_then(Value::as_u64).unwrap_or(0).min(u32::MAX as u64) as u32,
            line_count: v.get("line_count").and_then(Value::as_u64).unwrap_or(0).min(u32::MAX as u64) as u32,
        }),
        "search" | "search_text" => M::SearchText(pb::SearchTextRequest {
            pattern: s("pattern")?,
            path_glob: s("path_glob").unwrap_or_default(),
            limit: v.get("limit").and_then(Value::as_u64).unwrap_or(0).min(u32::MAX as u64) as u32,
            case_insensitive: v.get("case_insensitive").and_then(Value::as_bool).unwrap_or(false),
        }),
        "write" | "write_text" => M::WriteText(pb::WriteTextRequest {
            asset_path: s("asset_path")?,
            text: s("text")?,
            expected_sha256: s("expected_sha256").unwrap_or_default(),
        }),
        "edit" | "edit_text" => M::EditText(pb::EditTextRequest {
            asset_path: s("asset_path")?,
            edits: serde_json::from_value::<Vec<EditJson>>(v.get("edits").cloned().context("missing array field \"edits\"")?)
                .context("edits: each needs start_line, start_column, end_line, end_column, new_text")?
                .into_iter()
                .map(|e| pb::TextEdit { start_line: e.start_line, start_column: e.start_column, end_line: e.end_line, end_column: e.end_column, new_text: e.new_text })
                .collect(),
            expected_sha256: s("expected_sha256").unwrap_or_default(),
        }),
        "new-script" | "create_script" => M::CreateScript(pb::CreateScriptRequest {
            asset_path: s("asset_path")?,
            kind: s("kind").unwrap_or_default(),
            namespace: s("namespace").unwrap_or_default(),
        }),
        "validate" | "validate_script" => M::ValidateScript(pb::ValidateScriptRequest {
            asset_path: s("asset_path").unwrap_or_default(),
            text: s("text").unwrap_or_default(),
        }),
        "tree" | "get_hierarchy" => M::GetHierarchy(pb::GetHierarchyRequest {
            asset_path: s("asset_path")?,
            max_depth: v.get("max_depth").and_then(Value::as_u64).unwrap_or(0) as u32,
            limit: v.get("limit").and_then(Value::as_u64).unwrap_or(0) as u32,
        }),
        "object" | "get_object" => M::GetObject(pb::GetObjectRequest { asset_path: s("asset_path")?, file_id: v.get("file_id").and_then(Value::as_i64).unwrap_or(0) }),
        "set" | "set_property" => M::SetProperty(pb::SetPropertyRequest {
            asset_path: s("asset_path")?,
            file_id: v.get("file_id").and_then(Value::as_i64).unwrap_or(0),
            property_path: s("property_path")?,
            value_json: match v.get("value") {
                Some(value) => value.to_string(),
                None => s("value_json")?,
            },
            expected_sha256: s("expected_sha256").unwrap_or_default(),
        }),
        other => bail!("unknown op \"{other}\" (expected import, move, delete, refresh, find, refs, deps, check, copy, mkdir, read, write, edit, search, new-script, validate, tree, object or set)"),
    };
    let id = v.get("id").and_then(Value::as_u64).unwrap_or(default_id);
    Ok(pb::StreamRequest { message: Some(message), id })
}

/// Runs one client command; returns whether every answer was a success.
pub async fn run(args: ClientArgs) -> anyhow::Result<bool> {
    let channel = tonic::transport::Endpoint::from_shared(args.addr.clone())
        .with_context(|| format!("bad server address {}", args.addr))?
        .connect()
        .await
        .with_context(|| format!("cannot connect to {}; is `unity-mcp serve` running?", args.addr))?;
    let mut c = UnityMcpServiceClient::with_interceptor(channel, BearerToken::new(args.token.as_deref())?);
    let print = |v: Value| -> bool {
        println!("{v}");
        !has_error(&v)
    };
    Ok(match args.op {
        ClientOp::Import { asset_path } => {
            let r = c.import_asset(pb::ImportAssetRequest { asset_path }).await?.into_inner();
            print(json!({"asset": asset_json(&r.asset), "error": error_json(&r.error)}))
        }
        ClientOp::Move { src_path, dst_path } => {
            let r = c.move_asset(pb::MoveAssetRequest { src_path, dst_path }).await?.into_inner();
            print(json!({"asset": asset_json(&r.asset), "error": error_json(&r.error)}))
        }
        ClientOp::Delete { asset_path, only_if_unreferenced } => {
            let r = c.delete_asset(pb::DeleteAssetRequest { asset_path, only_if_unreferenced }).await?.into_inner();
            print(json!({"success": r.success, "referenced_by": assets_json(&r.referenced_by), "error": error_json(&r.error)}))
        }
        ClientOp::Find { guid, glob, type_name, limit } => {
            let r = c.find_assets(pb::FindAssetsRequest { guid, path_glob: glob, r#type: type_name, limit }).await?.into_inner();
            print(json!({"assets": assets_json(&r.assets), "truncated": r.truncated, "error": error_json(&r.error)}))
        }
        ClientOp::Refs { asset_path, guid } => {
            let r = c.find_references(pb::FindReferencesRequest { asset_path, guid }).await?.into_inner();
            let usages: Vec<Value> = r.usages.iter().map(|u| json!({"asset_path": u.asset_path, "file_id": u.file_id, "object_name": u.object_name, "property_path": u.property_path})).collect();
            print(json!({"referrers": assets_json(&r.referrers), "usages": usages, "error": error_json(&r.error)}))
        }
        ClientOp::Deps { asset_path, recursive } => {
            let r = c.get_dependencies(pb::GetDependenciesRequest { asset_path, recursive }).await?.into_inner();
            print(json!({"dependencies": assets_json(&r.dependencies), "unresolved_guids": r.unresolved_guids, "error": error_json(&r.error)}))
        }
        ClientOp::Check => {
            let r = c.check_project(pb::CheckProjectRequest {}).await?.into_inner();
            print(json!({"problems": problems_json(&r.problems), "error": error_json(&r.error)}))
        }
        ClientOp::Copy { src_path, dst_path } => {
            let r = c.copy_asset(pb::CopyAssetRequest { src_path, dst_path }).await?.into_inner();
            print(json!({"asset": asset_json(&r.asset), "error": error_json(&r.error)}))
        }
        ClientOp::Mkdir { asset_path } => {
            let r = c.create_folder(pb::CreateFolderRequest { asset_path }).await?.into_inner();
            print(json!({"asset": asset_json(&r.asset), "error": error_json(&r.error)}))
        }
        ClientOp::Refresh => {
            let r = c.refresh(pb::RefreshRequest {}).await?.into_inner();
            print(json!({"success": r.success, "metas_created": r.metas_created, "metas_removed": r.metas_removed, "error": error_json(&r.error)}))
        }
        ClientOp::Info => {
            let r = c.get_project_info(pb::GetProjectInfoRequest {}).await?.into_inner();
            let p = r.project.unwrap_or_default();
            print(json!({"project_name": p.project_name, "unity_version": p.unity_version, "editor_running": p.editor_running, "error": error_json(&r.error)}))
        }
        ClientOp::Tools => {
            let r = c.list_tools(pb::ListToolsRequest {}).await?.into_inner();
            for t in &r.tools {
                let schema: Value = serde_json::from_str(&t.input_schema).unwrap_or(Value::String(t.input_schema.clone()));
                println!("{}", json!({"id": t.id, "name": t.name, "description": t.description, "input_schema": schema}));
            }
            r.error.is_none()
        }
        ClientOp::Call { tool_id, input_json } => {
            let r = c.call_tool(pb::CallToolRequest { tool_id, input_json }).await?.into_inner();
            let out: Value = serde_json::from_str(&r.output_json).unwrap_or(Value::Null);
            print(json!({"output": out, "error": error_json(&r.error)}))
        }
        ClientOp::Resources => {
            let r = c.list_resources(pb::ListResourcesRequest {}).await?.into_inner();
            for res in &r.resources {
                println!("{}", json!({"uri": res.uri, "mime_type": res.mime_type, "size_bytes": res.size_bytes}));
            }
            r.error.is_none()
        }
        ClientOp::Read { uri, start_line, lines } if !uri.contains("://") => {
            let r = c.read_text(pb::ReadTextRequest { asset_path: uri, start_line, line_count: lines }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::ReadText(r)), id: 0, error: None }))
        }
        ClientOp::Write { asset_path, file, expected_sha256 } => {
            let text = if file.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading standard input")?;
                s
            } else {
                std::fs::read_to_string(&file).with_context(|| format!("cannot read {} (UTF-8 text expected)", file.display()))?
            };
            let r = c.write_text(pb::WriteTextRequest { asset_path, text, expected_sha256 }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::WriteText(r)), id: 0, error: None }))
        }
        ClientOp::Edit { asset_path, edits_json, expected_sha256 } => {
            let line = json!({"op": "edit", "asset_path": asset_path, "edits": serde_json::from_str::<Value>(&edits_json).context("edits: not JSON")?, "expected_sha256": expected_sha256});
            let Some(pb::stream_request::Message::EditText(req)) = parse_stream_line(&line.to_string(), 0)?.message else {
                bail!("edits: not an edit");
            };
            let r = c.edit_text(req).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::EditText(r)), id: 0, error: None }))
        }
        ClientOp::Search { pattern, glob, limit, ignore_case } => {
            let r = c.search_text(pb::SearchTextRequest { pattern, path_glob: glob, limit, case_insensitive: ignore_case }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::SearchText(r)), id: 0, error: None }))
        }
        ClientOp::NewScript { asset_path, kind, namespace } => {
            let r = c.create_script(pb::CreateScriptRequest { asset_path, kind, namespace }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::CreateScript(r)), id: 0, error: None }))
        }
        ClientOp::Validate { asset_path, text_file } => {
            let text = match text_file {
                None => String::new(),
                Some(f) if f.as_os_str() == "-" => {
                    let mut s = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading standard input")?;
                    s
                }
                Some(f) => std::fs::read_to_string(&f).with_context(|| format!("cannot read {} (UTF-8 text expected)", f.display()))?,
            };
            let r = c.validate_script(pb::ValidateScriptRequest { asset_path, text }).await?.into_inner();
            // Diagnostics are the answer, not a failure of the command.
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::ValidateScript(r)), id: 0, error: None }))
        }
        ClientOp::Tree { asset_path, max_depth, limit } => {
            let r = c.get_hierarchy(pb::GetHierarchyRequest { asset_path, max_depth, limit }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::GetHierarchy(r)), id: 0, error: None }))
        }
        ClientOp::Object { asset_path, file_id } => {
            let r = c.get_object(pb::GetObjectRequest { asset_path, file_id }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::GetObject(r)), id: 0, error: None }))
        }
        ClientOp::Set { asset_path, file_id, property_path, value, expected_sha256 } => {
            let r = c.set_property(pb::SetPropertyRequest { asset_path, file_id, property_path, value_json: value, expected_sha256 }).await?.into_inner();
            print(stream_response_json(&pb::StreamResponse { message: Some(pb::stream_response::Message::SetProperty(r)), id: 0, error: None }))
        }
        ClientOp::Read { uri, .. } => {
            let r = c.read_resource(pb::ReadResourceRequest { uri }).await?.into_inner();
            let data: Value = serde_json::from_slice(&r.data).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&r.data).into()));
            print(json!({"mime_type": r.mime_type, "data": data, "error": error_json(&r.error)}))
        }
        ClientOp::Prompts => {
            let r = c.list_prompts(pb::ListPromptsRequest {}).await?.into_inner();
            print(json!({"prompt_ids": r.prompt_ids, "error": error_json(&r.error)}))
        }
        ClientOp::Prompt { prompt_id } => {
            let r = c.get_prompt(pb::GetPromptRequest { prompt_id }).await?.into_inner();
            if r.error.is_none() {
                println!("{}", r.prompt_text);
                true
            } else {
                print(json!({"error": error_json(&r.error)}))
            }
        }
        ClientOp::Stream { file } => stream_file(&mut c, &file).await?,
    })
}

type Client = UnityMcpServiceClient<tonic::service::interceptor::InterceptedService<tonic::transport::Channel, BearerToken>>;

async fn stream_file(c: &mut Client, file: &std::path::Path) -> anyhow::Result<bool> {
    let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?))
    };
    // Parse everything first: a typo on line 900 should not leave 899 operations done.
    let mut requests = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let req = parse_stream_line(&line, n as u64 + 1).with_context(|| format!("{}:{}", file.display(), n + 1))?;
        requests.push(req);
    }
    let total = requests.len();
    let (tx, rx) = tokio::sync::mpsc::channel(256);
    tokio::spawn(async move {
        for r in requests {
            if tx.send(r).await.is_err() {
                break;
            }
        }
    });
    let mut answers = c.stream(tokio_stream::wrappers::ReceiverStream::new(rx)).await?.into_inner();
    let (mut done, mut failed) = (0usize, 0usize);
    let step = (total / 10).max(1000);
    while let Some(resp) = answers.message().await? {
        let v = stream_response_json(&resp);
        if has_error(&v) {
            failed += 1;
        }
        println!("{v}");
        done += 1;
        if total >= 1000 && done % step == 0 {
            eprintln!("progress: {done}/{total} answered, {failed} with errors");
        }
    }
    eprintln!("{done}/{total} answered, {failed} with errors");
    if done != total {
        bail!("the stream ended after {done} of {total} answers");
    }
    Ok(failed == 0)
}
