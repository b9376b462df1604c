//! MCP tools: one per operation, plus read-only lookups. Each has a JSON Schema whose
//! properties use the proto's field names; [`parse_call`] checks input against it.

use unity_mcp_engine::{Asset, ProjectInfo};
use unity_mcp_engine::{Code, OpError};
use unity_mcp_engine::{Op, Outcome};
use unity_mcp_engine::AssetPath;
use serde_json::{json, Map, Value};

/// Largest accepted `input_json`, in bytes (the inputs are a couple of paths).
pub const MAX_INPUT_JSON_BYTES: usize = 64 * 1024;

/// A tool as listed by ListTools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolSpec {
    /// Stable id used by CallTool.
    pub id: &'static str,
    /// Human title.
    pub name: &'static str,
    /// What it does, for an agent choosing tools.
    pub description: &'static str,
    /// JSON Schema of the input, as text.
    pub input_schema: String,
}

/// A parsed, validated tool call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToolCall {
    /// An asset operation (runs exactly like the RPC of the same name).
    Op(Op),
    /// get_project_info.
    ProjectInfo,
    /// get_asset_info: read-only lookup.
    AssetInfo(AssetPath),
    /// batch: operations run in order through the Stream path, each validated on its
    /// own (a bad one gets its own error; the others still run).
    Batch(Vec<Result<Op, OpError>>),
}

/// Most operations in one `batch` call: a batch is one request, so this bounds what
/// one call can queue (use the gRPC Stream for more).
pub const MAX_BATCH_OPS: usize = 1000;

struct Def {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    fields: &'static [(&'static str, &'static str)],
}

const DEFS: &[Def] = &[
    Def {
        id: "import_asset",
        name: "Import asset",
        description: "Import a file or folder under Assets/ (or a package folder): creates its .meta if missing and keeps its GUID if present; a folder import also gives .meta files to its contents. Returns the asset's GUID, path and Unity type.",
        fields: &[("asset_path", "Project-relative path, e.g. Assets/Textures/hero.png")],
    },
    Def {
        id: "move_asset",
        name: "Move asset",
        description: "Move or rename a file or folder together with its .meta files, keeping every GUID so references survive. Fails if the destination exists or its parent folder is missing.",
        fields: &[("src_path", "Current path, e.g. Assets/Old/hero.png"), ("dst_path", "New path, e.g. Assets/Art/hero.png")],
    },
    Def {
        id: "delete_asset",
        name: "Delete asset",
        description: "Delete a file or a whole folder (recursively) together with its .meta files.",
        fields: &[("asset_path", "Project-relative path of the file or folder to delete")],
    },
    Def {
        id: "refresh",
        name: "Refresh",
        description: "Bring .meta files in line with the project folder as the Unity Editor does: create missing ones, remove orphans, honour Unity's ignore rules.",
        fields: &[],
    },
    Def {
        id: "get_project_info",
        name: "Get project info",
        description: "The project's product name and Unity editor version.",
        fields: &[],
    },
    Def {
        id: "batch",
        name: "Batch of operations",
        description: "Run a list of asset operations (import_asset, move_asset, delete_asset, refresh) in order, in one round trip, through the same ordered Stream as gRPC: one result per operation, in order, each either its outcome or its own error (a failed operation does not stop the others). At most 1000 operations. Sends progress notifications when given a progressToken; a cancel stops the operations not yet started.",
        fields: &[],
    },
    Def {
        id: "get_asset_info",
        name: "Get asset info",
        description: "Read-only lookup of an asset's GUID and type from its .meta; changes nothing.",
        fields: &[("asset_path", "Project-relative path, e.g. Assets/Prefabs/Player.prefab")],
    },
];

/// JSON Schema of the batch tool's input.
fn batch_schema() -> Value {
    let path = json!({"type": "string", "minLength": 1, "maxLength": unity_mcp_engine::path::MAX_PATH_BYTES});
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"operations": {
            "type": "array",
            "maxItems": MAX_BATCH_OPS,
            "description": "The operations, run in this order",
            "items": {"type": "object", "properties": {
                "op": {"type": "string", "enum": ["import_asset", "move_asset", "delete_asset", "refresh"]},
                "asset_path": path, "src_path": path, "dst_path": path
            }, "required": ["op"]}
        }},
        "required": ["operations"],
        "additionalProperties": false
    })
}

/// One operation of a batch, validated like the tool of the same name.
fn batch_op(item: &Value) -> Result<Op, OpError> {
    let Value::Object(obj) = item else { return Err(OpError::invalid("operations[]: each operation must be a JSON object")) };
    let text = |name: &str| -> Result<&str, OpError> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(OpError::invalid(format!("operations[]: '{name}' must be a string"))),
            None => Err(OpError::invalid(format!("operations[]: missing '{name}'"))),
        }
    };
    let op = text("op")?;
    let allowed: &[&str] = match op {
        "import_asset" | "delete_asset" => &["op", "asset_path"],
        "move_asset" => &["op", "src_path", "dst_path"],
        "refresh" => &["op"],
        other => {
            return Err(OpError::invalid(format!(
                "operations[]: op '{}' is not one of import_asset, move_asset, delete_asset, refresh",
                other.chars().take(64).collect::<String>()
            )))
        }
    };
    if let Some(extra) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(OpError::invalid(format!("operations[]: '{}' is not a field of {op}", extra.chars().take(64).collect::<String>())));
    }
    match op {
        "import_asset" => Op::import(text("asset_path")?),
        "delete_asset" => Op::delete(text("asset_path")?),
        "move_asset" => Op::move_asset(text("src_path")?, text("dst_path")?),
        _ => Ok(Op::Refresh),
    }
}

fn schema(def: &Def) -> String {
    if def.id == "batch" {
        return batch_schema().to_string();
    }
    let mut props = Map::new();
    for (field, desc) in def.fields {
        props.insert(
            field.to_string(),
            json!({"type": "string", "minLength": 1, "maxLength": unity_mcp_engine::path::MAX_PATH_BYTES, "description": desc}),
        );
    }
    let required: Vec<&str> = def.fields.iter().map(|(f, _)| *f).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false
    })
    .to_string()
}

/// Every tool, in a stable order.
pub fn tools() -> Vec<ToolSpec> {
    DEFS.iter()
        .map(|d| ToolSpec { id: d.id, name: d.name, description: d.description, input_schema: schema(d) })
        .collect()
}

/// Parses and validates a CallTool request. Unknown tool -> 5; input that is not JSON
/// or does not fit the schema -> 3; a bad path -> 3 naming the field.
pub fn parse_call(tool_id: &str, input_json: &str) -> Result<ToolCall, OpError> {
    let Some(def) = DEFS.iter().find(|d| d.id == tool_id) else {
        let known: Vec<&str> = DEFS.iter().map(|d| d.id).collect();
        return Err(OpError::new(
            Code::NotFound,
            format!("tool_id: no tool '{}'; known tools: {}", tool_id.chars().take(64).collect::<String>(), known.join(", ")),
        ));
    };
    if input_json.len() > MAX_INPUT_JSON_BYTES {
        return Err(OpError::invalid(format!("input_json: {} bytes; the limit is {MAX_INPUT_JSON_BYTES}", input_json.len())));
    }
    // An empty input means no arguments, which suits the tools that take none.
    let value: Value = if input_json.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        serde_json::from_str(input_json).map_err(|e| OpError::invalid(format!("input_json: not valid JSON: {e}")))?
    };
    let Value::Object(obj) = value else {
        return Err(OpError::invalid("input_json: must be a JSON object"));
    };
    if def.id == "batch" {
        if let Some(extra) = obj.keys().find(|k| *k != "operations") {
            return Err(OpError::invalid(format!("input_json: unknown property '{}' for tool 'batch'", extra.chars().take(64).collect::<String>())));
        }
        let Some(Value::Array(items)) = obj.get("operations") else {
            return Err(OpError::invalid("input_json: property 'operations' must be an array of operations"));
        };
        if items.len() > MAX_BATCH_OPS {
            return Err(OpError::invalid(format!("operations: {} operations; the limit is {MAX_BATCH_OPS} (use the gRPC Stream for more)", items.len())));
        }
        return Ok(ToolCall::Batch(items.iter().map(batch_op).collect()));
    }
    if let Some(extra) = obj.keys().find(|k| !def.fields.iter().any(|(f, _)| f == k)) {
        return Err(OpError::invalid(format!("input_json: unknown property '{}' for tool '{}'", extra.chars().take(64).collect::<String>(), def.id)));
    }
    let field = |name: &str| -> Result<&str, OpError> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(OpError::invalid(format!("input_json: property '{name}' must be a string"))),
            None => Err(OpError::invalid(format!("input_json: missing required property '{name}'"))),
        }
    };
    Ok(match def.id {
        "import_asset" => ToolCall::Op(Op::import(field("asset_path")?)?),
        "move_asset" => ToolCall::Op(Op::move_asset(field("src_path")?, field("dst_path")?)?),
        "delete_asset" => ToolCall::Op(Op::delete(field("asset_path")?)?),
        "refresh" => ToolCall::Op(Op::Refresh),
        "get_project_info" => ToolCall::ProjectInfo,
        _ => ToolCall::AssetInfo(AssetPath::parse("asset_path", field("asset_path")?)?),
    })
}

/// How a tool behaves, for MCP's annotations: (read_only, destructive, idempotent).
fn hints(id: &str) -> (bool, bool, bool) {
    match id {
        "get_project_info" | "get_asset_info" => (true, false, true),
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
    match id {
        "import_asset" | "move_asset" | "get_asset_info" => {
            json!({"type": "object", "properties": {"asset": asset}, "required": ["asset"]})
        }
        "delete_asset" => json!({"type": "object", "properties": {"success": {"type": "boolean"}}, "required": ["success"]}),
        "batch" => json!({"type": "object", "properties": {
            "results": {"type": "array", "items": {"type": "object"}},
            "ran": {"type": "integer"}, "failed": {"type": "integer"}, "not_run": {"type": "integer"}
        }, "required": ["results", "ran", "failed", "not_run"]}),
        "refresh" => json!({"type": "object", "properties": {
            "success": {"type": "boolean"}, "metas_created": {"type": "integer"}, "metas_removed": {"type": "integer"},
            "temps_removed": {"type": "integer"}, "reidentified_count": {"type": "integer"}, "reidentified": {"type": "array"}
        }, "required": ["success", "metas_created", "metas_removed"]}),
        _ => json!({"type": "object", "properties": {
            "project_name": {"type": "string"}, "unity_version": {"type": "string"}
        }, "required": ["project_name", "unity_version"]}),
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
        "import_asset" | "move_asset" | "get_asset_info" => {
            format!("{} ({}) guid {}", s(&asset["asset_path"]), s(&asset["type"]), s(&asset["guid"]))
        }
        "delete_asset" => "deleted".to_string(),
        "batch" => format!("batch: {} ran ({} failed), {} not run", output["ran"], output["failed"], output["not_run"]),
        "refresh" => format!(
            "refreshed: {} metas created, {} removed, {} duplicate GUIDs re-identified",
            output["metas_created"], output["metas_removed"], output["reidentified_count"]
        ),
        _ => format!("{} (Unity {})", s(&output["project_name"]), s(&output["unity_version"])),
    }
}

/// The JSON object describing an asset (also served as `unity://asset/<path>`).
pub fn asset_value(asset: &Asset) -> Value {
    json!({"guid": asset.guid.to_string(), "asset_path": asset.path.as_str(), "type": asset.type_name})
}

/// The JSON object describing the project (also served as `unity://project/info`).
pub fn project_value(info: &ProjectInfo) -> Value {
    json!({"project_name": info.project_name, "unity_version": info.unity_version})
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
                json!({"error": {"code": e.code.as_i32(), "message": e.message}})
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
        Outcome::Deleted => json!({"success": true}),
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
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_use_proto_field_names() {
        let t = tools();
        let mv = t.iter().find(|t| t.id == "move_asset").unwrap();
        let s: Value = serde_json::from_str(&mv.input_schema).unwrap();
        assert_eq!(s["required"], json!(["src_path", "dst_path"]));
        assert_eq!(s["additionalProperties"], json!(false));
        for id in ["import_asset", "move_asset", "delete_asset", "refresh", "get_project_info"] {
            assert!(t.iter().any(|t| t.id == id), "{id}");
        }
    }

    #[test]
    fn calls_are_checked_against_the_schema() {
        assert_eq!(parse_call("nope", "{}").unwrap_err().code, Code::NotFound);
        assert_eq!(parse_call("import_asset", "{").unwrap_err().code, Code::InvalidArgument);
        assert_eq!(parse_call("import_asset", "[]").unwrap_err().code, Code::InvalidArgument);
        assert!(parse_call("import_asset", "{}").unwrap_err().message.contains("missing required property 'asset_path'"));
        assert!(parse_call("import_asset", r#"{"asset_path": 3}"#).unwrap_err().message.contains("must be a string"));
        assert!(parse_call("import_asset", r#"{"asset_path": "Assets/a", "x": 1}"#).unwrap_err().message.contains("unknown property"));
        assert!(parse_call("import_asset", r#"{"asset_path": "../x"}"#).unwrap_err().message.starts_with("asset_path:"));
        assert_eq!(parse_call("refresh", "").unwrap(), ToolCall::Op(Op::Refresh));
        assert_eq!(
            parse_call("move_asset", r#"{"src_path":"Assets/a.png","dst_path":"Assets/b.png"}"#).unwrap(),
            ToolCall::Op(Op::move_asset("Assets/a.png", "Assets/b.png").unwrap())
        );
    }
}
