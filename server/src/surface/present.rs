//! How tools look to MCP clients and what they answer: annotations, output schemas,
//! one-line summaries, and the JSON of every outcome (also gRPC CallTool's output).

use super::tools::{schema, DEFS};
use serde_json::{json, Value};
use unity_mcp_engine::{Asset, OpError, Outcome, ProjectInfo};

/// How a tool behaves, for MCP's annotations: (read_only, destructive, idempotent).
fn hints(id: &str) -> (bool, bool, bool) {
    match id {
        "get_project_info" | "get_asset_info" | "find_assets" | "find_references" | "get_dependencies" | "check_project" | "read_text" | "search_text"
        | "validate_script" | "get_hierarchy" | "get_object" => {
            (true, false, true)
        }
        // Setting a value twice leaves the same file.
        "set_property" => (false, true, true),
        "copy_asset" => (false, false, false),
        "create_folder" => (false, false, true),
        // The same write twice leaves the same file; an edit applied twice does not.
        "write_text" => (false, true, true),
        "edit_text" => (false, true, false),
        // A second identical call fails (the file exists) and changes nothing.
        "create_script" => (false, false, true),
        // Import and Refresh only add what is missing (and re-identify copies).
        "import_asset" | "refresh" => (false, false, true),
        "move_asset" => (false, false, false),
        "batch" => (false, true, false),
        _ => (false, true, true),
    }
}

/// JSON Schema of a tool's `structuredContent` on success.
fn output_schema(id: &str) -> Value {
    let asset = json!({"type": "object", "properties": {
        "guid": {"type": "string"}, "asset_path": {"type": "string"}, "type": {"type": "string"}
    }, "required": ["guid", "asset_path", "type"]});
    let diagnostics = json!({"type": "array", "items": {"type": "object", "properties": {
        "severity": {"type": "string", "enum": ["error", "warning"]}, "line": {"type": "integer"}, "column": {"type": "integer"},
        "message": {"type": "string"}, "rule": {"type": "string"}
    }, "required": ["severity", "line", "column", "message", "rule"]}});
    match id {
        "import_asset" | "move_asset" | "get_asset_info" | "copy_asset" | "create_folder" => {
            json!({"type": "object", "properties": {"asset": asset}, "required": ["asset"]})
        }
        "find_assets" => json!({"type": "object", "properties": {
            "assets": {"type": "array", "items": asset}, "truncated": {"type": "boolean"}
        }, "required": ["assets", "truncated"]}),
        "find_references" => json!({"type": "object", "properties": {
            "referrers": {"type": "array", "items": asset},
            "usages": {"type": "array", "items": {"type": "object", "properties": {
                "asset_path": {"type": "string"}, "file_id": {"type": "string"}, "object_name": {"type": "string"}, "property_path": {"type": "string"}
            }, "required": ["asset_path", "file_id", "object_name", "property_path"]}}
        }, "required": ["referrers", "usages"]}),
        "get_hierarchy" => json!({"type": "object", "properties": {
            "roots": {"type": "array", "items": {"type": "object"}}, "truncated": {"type": "boolean"}, "node_count": {"type": "integer"}
        }, "required": ["roots", "truncated", "node_count"]}),
        "get_object" => json!({"type": "object", "properties": {
            "class_id": {"type": "integer"}, "type": {"type": "string"}, "file_id": {"type": "string"},
            "properties": {"type": "object"}, "properties_json": {"type": "string"}, "yaml": {"type": "string"}
        }, "required": ["class_id", "type", "file_id", "properties", "properties_json", "yaml"]}),
        "set_property" => json!({"type": "object", "properties": {
            "sha256": {"type": "string"}, "old_value": {}, "old_value_json": {"type": "string"}, "editor_running": {"type": "boolean"}
        }, "required": ["sha256", "old_value", "old_value_json"]}),
        "get_dependencies" => json!({"type": "object", "properties": {
            "dependencies": {"type": "array", "items": asset}, "unresolved_guids": {"type": "array", "items": {"type": "string"}}
        }, "required": ["dependencies", "unresolved_guids"]}),
        "check_project" => json!({"type": "object", "properties": {"problems": {"type": "array", "items": {"type": "object", "properties": {
            "kind": {"type": "string"}, "asset_path": {"type": "string"}, "guid": {"type": "string"}, "detail": {"type": "string"}
        }}}}, "required": ["problems"]}),
        "delete_asset" => json!({"type": "object", "properties": {
            "success": {"type": "boolean"}, "referenced_by": {"type": "array", "items": asset}
        }, "required": ["success"]}),
        "search_text" => json!({"type": "object", "properties": {
            "matches": {"type": "array", "items": {"type": "object", "properties": {
                "asset_path": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"}, "line_text": {"type": "string"}
            }, "required": ["asset_path", "line", "column", "line_text"]}},
            "truncated": {"type": "boolean"}
        }, "required": ["matches", "truncated"]}),
        "read_text" => json!({"type": "object", "properties": {
            "text": {"type": "string"}, "sha256": {"type": "string"}, "total_lines": {"type": "integer"},
            "line_ending": {"type": "string", "enum": ["lf", "crlf"]}, "bom": {"type": "boolean"}, "asset": asset
        }, "required": ["text", "sha256", "total_lines", "line_ending", "bom"]}),
        "write_text" | "edit_text" => json!({"type": "object", "properties": {
            "asset": asset, "sha256": {"type": "string"}, "created": {"type": "boolean"},
            "folders_created": {"type": "array", "items": asset}, "diagnostics": diagnostics,
            "editor_running": {"type": "boolean"}
        }, "required": ["asset", "sha256", "diagnostics"]}),
        "create_script" => json!({"type": "object", "properties": {
            "asset": asset, "text": {"type": "string"}, "folders_created": {"type": "array", "items": asset},
            "diagnostics": diagnostics, "editor_running": {"type": "boolean"}
        }, "required": ["asset", "text", "folders_created", "diagnostics"]}),
        "validate_script" => json!({"type": "object", "properties": {
            "diagnostics": diagnostics, "assembly": {"type": "string"}
        }, "required": ["diagnostics", "assembly"]}),
        "batch" => json!({"type": "object", "properties": {
            "results": {"type": "array", "items": {"type": "object"}},
            "ran": {"type": "integer"}, "failed": {"type": "integer"}, "not_run": {"type": "integer"}
        }, "required": ["results", "ran", "failed", "not_run"]}),
        "refresh" => json!({"type": "object", "properties": {
            "success": {"type": "boolean"}, "metas_created": {"type": "integer"}, "metas_removed": {"type": "integer"},
            "temps_removed": {"type": "integer"}, "reidentified_count": {"type": "integer"}, "reidentified": {"type": "array"}
        }, "required": ["success", "metas_created", "metas_removed"]}),
        _ => json!({"type": "object", "properties": {
            "project_name": {"type": "string"}, "unity_version": {"type": "string"}, "editor_running": {"type": "boolean"}
        }, "required": ["project_name", "unity_version", "editor_running"]}),
    }
}

/// True if `id` names a tool.
pub fn exists(id: &str) -> bool {
    DEFS.iter().any(|d| d.id == id)
}

/// Every tool as MCP lists it: name, title, description, input and output schemas,
/// annotations.
pub fn mcp_tools() -> Vec<Value> {
    DEFS.iter()
        .map(|d| {
            let (read_only, destructive, idempotent) = hints(d.id);
            let mut input: Value = serde_json::from_str(&schema(d)).unwrap_or_else(|_| json!({"type": "object"}));
            if let Some(obj) = input.as_object_mut() {
                obj.remove("$schema");
            }
            json!({
                "name": d.id,
                "title": d.name,
                "description": d.description,
                "inputSchema": input,
                "outputSchema": output_schema(d.id),
                "annotations": {
                    "title": d.name,
                    "readOnlyHint": read_only,
                    "destructiveHint": destructive,
                    "idempotentHint": idempotent,
                    "openWorldHint": false
                }
            })
        })
        .collect()
}

/// A one-line summary of a successful tool result, for MCP's text content.
pub fn summary(id: &str, output: &Value) -> String {
    let asset = &output["asset"];
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    match id {
        "find_assets" => format!("{} assets{}", output["assets"].as_array().map_or(0, Vec::len), if output["truncated"] == json!(true) { " (more matched)" } else { "" }),
        "find_references" => {
            let usages: Vec<String> = output["usages"]
                .as_array()
                .map(|u| u.iter().map(|u| format!("{} &{} ({}): {}", s(&u["asset_path"]), s(&u["file_id"]), s(&u["object_name"]), s(&u["property_path"]))).collect())
                .unwrap_or_default();
            let head = format!("referenced by {} assets", output["referrers"].as_array().map_or(0, Vec::len));
            if usages.is_empty() { head } else { format!("{head}; where:\n{}", usages.join("\n")) }
        }
        "get_hierarchy" => {
            let mut lines = Vec::new();
            if let Some(roots) = output["roots"].as_array() {
                for r in roots {
                    tree_lines(r, 0, &mut lines);
                }
            }
            format!("{} nodes{}\n{}", output["node_count"], if output["truncated"] == json!(true) { " (truncated: raise limit or max_depth)" } else { "" }, lines.join("\n"))
        }
        "get_object" => format!("{} &{} (class {})\n{}", s(&output["type"]), s(&output["file_id"]), output["class_id"], s(&output["yaml"])),
        "set_property" => format!("set; it was {}; sha256 {}{}", s(&output["old_value_json"]), s(&output["sha256"]), editor_note(output)),
        "get_dependencies" => format!(
            "{} dependencies, {} unresolved GUIDs",
            output["dependencies"].as_array().map_or(0, Vec::len),
            output["unresolved_guids"].as_array().map_or(0, Vec::len)
        ),
        "check_project" => format!("{} problems", output["problems"].as_array().map_or(0, Vec::len)),
        "import_asset" | "move_asset" | "get_asset_info" | "copy_asset" | "create_folder" => {
            format!("{} ({}) guid {}", s(&asset["asset_path"]), s(&asset["type"]), s(&asset["guid"]))
        }
        "delete_asset" => match output["referenced_by"].as_array().map_or(0, Vec::len) {
            0 => "deleted".to_string(),
            n => format!("deleted; {n} assets still referenced it (now dangling references)"),
        },
        "batch" => format!("batch: {} ran ({} failed), {} not run", output["ran"], output["failed"], output["not_run"]),
        "search_text" => {
            let lines: Vec<String> = output["matches"]
                .as_array()
                .map(|m| m.iter().map(|m| format!("{}:{}:{}: {}", s(&m["asset_path"]), m["line"], m["column"], s(&m["line_text"]))).collect())
                .unwrap_or_default();
            format!("{} matching lines{}\n{}", lines.len(), if output["truncated"] == json!(true) { " (more matched)" } else { "" }, lines.join("\n"))
        }
        // An agent reads the text itself: it leads, then what a write needs.
        "read_text" => format!(
            "{}\n--- {} lines in all, {}{}, sha256 {}",
            s(&output["text"]),
            output["total_lines"],
            s(&output["line_ending"]),
            if output["bom"] == json!(true) { ", BOM" } else { "" },
            s(&output["sha256"])
        ),
        "write_text" | "edit_text" => format!(
            "{} {} ({}) guid {}, sha256 {}{}{}",
            if output["created"] == json!(true) { "created" } else { "wrote" },
            s(&asset["asset_path"]),
            s(&asset["type"]),
            s(&asset["guid"]),
            s(&output["sha256"]),
            diagnostics_text(&output["diagnostics"]),
            editor_note(output)
        ),
        "create_script" => format!(
            "created {} guid {}{}{}\n{}",
            s(&asset["asset_path"]),
            s(&asset["guid"]),
            diagnostics_text(&output["diagnostics"]),
            editor_note(output),
            s(&output["text"])
        ),
        "validate_script" => {
            let assembly = s(&output["assembly"]);
            let n = output["diagnostics"].as_array().map_or(0, Vec::len);
            let head = if n == 0 { "no problems found".to_string() } else { format!("{n} diagnostics") };
            format!("{head}{}{}", if assembly.is_empty() { String::new() } else { format!(" (assembly {assembly})") }, diagnostics_text(&output["diagnostics"]))
        }
        "refresh" => format!(
            "refreshed: {} metas created, {} removed, {} duplicate GUIDs re-identified",
            output["metas_created"], output["metas_removed"], output["reidentified_count"]
        ),
        _ => format!(
            "{} (Unity {}){}",
            s(&output["project_name"]),
            s(&output["unity_version"]),
            if output["editor_running"] == json!(true) { "; a Unity Editor has it open" } else { "" }
        ),
    }
}

/// A hierarchy node and its children as indented lines:
/// `Name &fileID [Component, ...]` (inactive, tag, layer and prefab when set).
fn tree_lines(n: &Value, depth: usize, out: &mut Vec<String>) {
    /// Deepest level drawn; deeper nodes are in the JSON.
    const MAX_DRAWN_DEPTH: usize = 64;
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let comps: Vec<String> = n["components"].as_array().map(|c| c.iter().map(|c| {
        let t = s(&c["type"]);
        if c["enabled"] == json!(false) { format!("{t} (disabled)") } else { t }
    }).collect()).unwrap_or_default();
    let mut line = format!("{}{} &{}", "  ".repeat(depth), s(&n["name"]), s(&n["file_id"]));
    if n["prefab"].is_object() {
        line.push_str(&format!(" (prefab {})", s(&n["prefab"]["asset_path"])));
    }
    if !comps.is_empty() {
        line.push_str(&format!(" [{}]", comps.join(", ")));
    }
    if n["active"] == json!(false) {
        line.push_str(" inactive");
    }
    if s(&n["tag"]) != "Untagged" && !s(&n["tag"]).is_empty() {
        line.push_str(&format!(" tag={}", s(&n["tag"])));
    }
    if n["layer"].as_i64().unwrap_or(0) != 0 {
        line.push_str(&format!(" layer={}", n["layer"]));
    }
    out.push(line);
    if depth < MAX_DRAWN_DEPTH {
        for c in n["children"].as_array().into_iter().flatten() {
            tree_lines(c, depth + 1, out);
        }
    }
}

/// Diagnostics as `line:column severity [rule] message` lines (empty when none).
fn diagnostics_text(d: &Value) -> String {
    let Some(items) = d.as_array().filter(|a| !a.is_empty()) else { return String::new() };
    let lines: Vec<String> = items
        .iter()
        .map(|d| format!("{}:{} {} [{}] {}", d["line"], d["column"], d["severity"].as_str().unwrap_or(""), d["rule"].as_str().unwrap_or(""), d["message"].as_str().unwrap_or("")))
        .collect();
    format!("\n{}", lines.join("\n"))
}

/// What a write tool says when a Unity Editor has the project open.
fn editor_note(output: &Value) -> &'static str {
    if output["editor_running"] == json!(true) {
        "\nNote: a Unity Editor has this project open; it re-imports the change when it regains focus."
    } else {
        ""
    }
}

/// Diagnostics as JSON.
pub fn diagnostics_value(d: &[unity_mcp_engine::script::Diagnostic]) -> Value {
    d.iter()
        .map(|d| json!({"severity": d.severity.name(), "line": d.line, "column": d.column, "message": d.message, "rule": d.rule}))
        .collect()
}

/// The JSON object describing an asset (also served as `unity://asset/<path>`).
pub fn asset_value(asset: &Asset) -> Value {
    json!({"guid": asset.guid.to_string(), "asset_path": asset.path.as_str(), "type": asset.type_name})
}

/// A hierarchy node as JSON (fileIDs as strings: JavaScript clients would round
/// the 19-digit ones).
fn node_value(n: &unity_mcp_engine::db::SceneNode) -> Value {
    let mut v = json!({
        "file_id": n.file_id.to_string(),
        "name": n.name,
        "active": n.active,
        "tag": n.tag,
        "layer": n.layer,
        "components": n.components.iter().map(|c| {
            let mut cv = json!({"file_id": c.file_id.to_string(), "type": c.type_name, "enabled": c.enabled});
            if let Some(a) = &c.script {
                cv["script"] = asset_value(a);
            }
            cv
        }).collect::<Vec<_>>(),
        "children": n.children.iter().map(node_value).collect::<Vec<_>>(),
    });
    if let Some(a) = &n.prefab {
        v["prefab"] = asset_value(a);
    }
    v
}

/// The JSON object describing the project (also served as `unity://project/info`).
pub fn project_value(info: &ProjectInfo) -> Value {
    json!({"project_name": info.project_name, "unity_version": info.unity_version, "editor_running": info.editor_running})
}

/// The `output_json` of a batch: one entry per operation, in order (an outcome, or
/// `{"error": {code, message}}`; `None` for one a cancel kept from running).
pub fn batch_json(results: &[Option<Result<Outcome, OpError>>]) -> String {
    let mut failed = 0;
    let mut not_run = 0;
    let items: Vec<Value> = results
        .iter()
        .map(|r| match r {
            Some(Ok(o)) => serde_json::from_str(&outcome_json(o)).unwrap_or(Value::Null),
            Some(Err(e)) => {
                failed += 1;
                let mut error = json!({"code": crate::convert::grpc_code(e.kind), "message": e.message});
                if !e.referrers.is_empty() {
                    error["referenced_by"] = e.referrers.iter().map(asset_value).collect();
                }
                json!({ "error": error })
            }
            None => {
                not_run += 1;
                json!({"error": {"code": 1, "message": "cancelled before it ran"}})
            }
        })
        .collect();
    json!({"results": items, "ran": results.len() - not_run, "failed": failed, "not_run": not_run}).to_string()
}

/// The `output_json` of a successful operation.
pub fn outcome_json(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Asset(a) => json!({"asset": asset_value(a)}),
        Outcome::Deleted { referenced_by } => json!({"success": true, "referenced_by": referenced_by.iter().map(asset_value).collect::<Vec<_>>()}),
        Outcome::Found { assets, truncated } => json!({"assets": assets.iter().map(asset_value).collect::<Vec<_>>(), "truncated": truncated}),
        Outcome::Referrers { referrers, usages } => json!({
            "referrers": referrers.iter().map(asset_value).collect::<Vec<_>>(),
            "usages": usages.iter().map(|u| json!({
                "asset_path": u.asset_path, "file_id": u.file_id.to_string(), "object_name": u.object_name, "property_path": u.property_path
            })).collect::<Vec<_>>()
        }),
        Outcome::Dependencies { dependencies, unresolved } => json!({
            "dependencies": dependencies.iter().map(asset_value).collect::<Vec<_>>(),
            "unresolved_guids": unresolved.iter().map(|g| g.to_string()).collect::<Vec<_>>()
        }),
        Outcome::Problems(p) => json!({"problems": p.iter().map(|p| json!({
            "kind": p.kind, "asset_path": p.asset_path, "guid": p.guid.map(|g| g.to_string()).unwrap_or_default(), "detail": p.detail
        })).collect::<Vec<_>>()}),
        Outcome::Refreshed(r) => json!({
            "success": true,
            "metas_created": r.metas_created,
            "metas_removed": r.metas_removed,
            "temps_removed": r.temps_removed,
            "reidentified_count": r.reidentified_count,
            "reidentified": r.reidentified.iter().map(|e| json!({
                "asset_path": e.path.as_str(),
                "old_guid": e.old_guid.to_string(),
                "new_guid": e.new_guid.to_string(),
                "kept_by": e.kept_by.as_str(),
            })).collect::<Vec<_>>()
        }),
        Outcome::Text(t) => {
            let mut v = json!({"text": t.text, "sha256": t.sha256, "total_lines": t.total_lines, "line_ending": t.line_ending, "bom": t.bom});
            if let Some(a) = &t.asset {
                v["asset"] = asset_value(a);
            }
            v
        }
        Outcome::Matches { matches, truncated } => json!({
            "matches": matches.iter().map(|m| json!({"asset_path": m.path.as_str(), "line": m.line, "column": m.column, "line_text": m.line_text})).collect::<Vec<_>>(),
            "truncated": truncated
        }),
        Outcome::Written(w) => json!({
            "asset": asset_value(&w.asset),
            "sha256": w.sha256,
            "created": w.created,
            "folders_created": w.folders_created.iter().map(asset_value).collect::<Vec<_>>(),
            "diagnostics": diagnostics_value(&w.diagnostics)
        }),
        Outcome::Created(c) => json!({
            "asset": asset_value(&c.asset),
            "text": c.text,
            "folders_created": c.folders_created.iter().map(asset_value).collect::<Vec<_>>(),
            "diagnostics": diagnostics_value(&c.diagnostics)
        }),
        Outcome::Validated(v) => json!({"diagnostics": diagnostics_value(&v.diagnostics), "assembly": v.assembly}),
        Outcome::Hierarchy(h) => json!({"roots": h.roots.iter().map(node_value).collect::<Vec<_>>(), "truncated": h.truncated, "node_count": h.node_count}),
        Outcome::Object(o) => json!({
            "class_id": o.class_id,
            "type": o.type_name,
            "file_id": o.file_id.to_string(),
            "properties": serde_json::from_str::<Value>(&o.properties_json).unwrap_or(Value::Null),
            "properties_json": o.properties_json,
            "yaml": o.yaml
        }),
        Outcome::PropertySet(p) => json!({
            "sha256": p.sha256,
            "old_value": serde_json::from_str::<Value>(&p.old_value_json).unwrap_or(Value::Null),
            "old_value_json": p.old_value_json
        }),
    }
    .to_string()
}

