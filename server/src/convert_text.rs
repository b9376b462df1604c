//! Wire <-> domain for the text operations (ReadText, WriteText, EditText).

use crate::convert::{asset_pb, error_pb, outcome_of};
use unity_mcp_engine::db::{TextRead, TextWritten};
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
            diagnostics: vec![],
            folders_created: w.folders_created.into_iter().map(asset_pb).collect(),
            error: None,
        },
        Err(e) => pb::WriteTextResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// EditTextResponse from a result.
pub fn edit_text_response(result: OpResult) -> pb::EditTextResponse {
    match written_of(result) {
        Ok(w) => pb::EditTextResponse { asset: Some(asset_pb(w.asset)), sha256: w.sha256, diagnostics: vec![], error: None },
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
