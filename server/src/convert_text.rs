//! Wire <-> domain for the text and script operations (ReadText, WriteText, EditText,
//! SearchText, CreateScript, ValidateScript).

use crate::convert::{asset_pb, error_pb, outcome_of};
use unity_mcp_engine::db::{TextRead, TextWritten};
use unity_mcp_engine::script::Diagnostic;
use unity_mcp_engine::text::TextEdit;
use unity_mcp_engine::{Op, OpError, OpResult, Outcome};
use unity_mcp_wire::pb;

/// Validates a ReadTextRequest.
pub fn read_text_op(r: &pb::ReadTextRequest) -> Result<Op, OpError> {
    Op::read_text(&r.asset_path, r.start_line, r.line_count)
}

/// Validates a WriteTextRequest.
pub fn write_text_op(r: &pb::WriteTextRequest) -> Result<Op, OpError> {
    Op::write_text(&r.asset_path, r.text.clone(), &r.expected_sha256)
}

/// Validates an EditTextRequest.
pub fn edit_text_op(r: &pb::EditTextRequest) -> Result<Op, OpError> {
    let edits = r
        .edits
        .iter()
        .map(|e| TextEdit { start_line: e.start_line, start_column: e.start_column, end_line: e.end_line, end_column: e.end_column, new_text: e.new_text.clone() })
        .collect();
    Op::edit_text(&r.asset_path, edits, &r.expected_sha256)
}

/// Validates a CreateScriptRequest.
pub fn create_script_op(r: &pb::CreateScriptRequest) -> Result<Op, OpError> {
    Op::create_script(&r.asset_path, &r.kind, &r.namespace)
}

/// Validates a ValidateScriptRequest (an empty `text` means the file's own).
pub fn validate_script_op(r: &pb::ValidateScriptRequest) -> Result<Op, OpError> {
    Op::validate_script(&r.asset_path, (!r.text.is_empty()).then(|| r.text.clone()))
}

/// `Diagnostic`s on the wire.
pub fn diagnostics_pb(d: Vec<Diagnostic>) -> Vec<pb::Diagnostic> {
    d.into_iter()
        .map(|d| pb::Diagnostic { severity: d.severity.name().to_string(), line: d.line, column: d.column, message: d.message, rule: d.rule.to_string() })
        .collect()
}

/// CreateScriptResponse from a result.
pub fn create_script_response(result: OpResult) -> pb::CreateScriptResponse {
    let created = outcome_of(result, |o| match o {
        Outcome::Created(c) => Ok(c),
        other => Err(other),
    });
    match created {
        Ok(c) => pb::CreateScriptResponse {
            asset: Some(asset_pb(c.asset)),
            text: c.text,
            folders_created: c.folders_created.into_iter().map(asset_pb).collect(),
            error: None,
            diagnostics: diagnostics_pb(c.diagnostics),
        },
        Err(e) => pb::CreateScriptResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// ValidateScriptResponse from a result.
pub fn validate_script_response(result: OpResult) -> pb::ValidateScriptResponse {
    let validated = outcome_of(result, |o| match o {
        Outcome::Validated(v) => Ok(v),
        other => Err(other),
    });
    match validated {
        Ok(v) => pb::ValidateScriptResponse { diagnostics: diagnostics_pb(v.diagnostics), assembly: v.assembly, error: None },
        Err(e) => pb::ValidateScriptResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

fn text_of(result: OpResult) -> Result<TextRead, OpError> {
    outcome_of(result, |o| match o {
        Outcome::Text(t) => Ok(t),
        other => Err(other),
    })
}

fn written_of(result: OpResult) -> Result<TextWritten, OpError> {
    outcome_of(result, |o| match o {
        Outcome::Written(w) => Ok(w),
        other => Err(other),
    })
}

/// ReadTextResponse from a result.
pub fn read_text_response(result: OpResult) -> pb::ReadTextResponse {
    match text_of(result) {
        Ok(t) => pb::ReadTextResponse {
            text: t.text,
            sha256: t.sha256,
            total_lines: t.total_lines,
            line_ending: t.line_ending.to_string(),
            bom: t.bom,
            asset: t.asset.map(asset_pb),
            error: None,
        },
        Err(e) => pb::ReadTextResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// WriteTextResponse from a result.
pub fn write_text_response(result: OpResult) -> pb::WriteTextResponse {
    match written_of(result) {
        Ok(w) => pb::WriteTextResponse {
            asset: Some(asset_pb(w.asset)),
            sha256: w.sha256,
            created: w.created,
            diagnostics: diagnostics_pb(w.diagnostics),
            folders_created: w.folders_created.into_iter().map(asset_pb).collect(),
            error: None,
        },
        Err(e) => pb::WriteTextResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// EditTextResponse from a result.
pub fn edit_text_response(result: OpResult) -> pb::EditTextResponse {
    match written_of(result) {
        Ok(w) => pb::EditTextResponse { asset: Some(asset_pb(w.asset)), sha256: w.sha256, diagnostics: diagnostics_pb(w.diagnostics), error: None },
        Err(e) => pb::EditTextResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// SearchTextResponse from a result.
pub fn search_text_response(result: OpResult) -> pb::SearchTextResponse {
    let found = outcome_of(result, |o| match o {
        Outcome::Matches { matches, truncated } => Ok((matches, truncated)),
        other => Err(other),
    });
    match found {
        Ok((matches, truncated)) => pb::SearchTextResponse {
            matches: matches
                .into_iter()
                .map(|m| pb::TextMatch { asset_path: m.path.into_string(), line: m.line, column: m.column, line_text: m.line_text })
                .collect(),
            truncated,
            error: None,
        },
        Err(e) => pb::SearchTextResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}
