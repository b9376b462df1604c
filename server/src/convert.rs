//! Wire <-> domain conversion at the edge: protobuf messages in, validated [`Op`]s to
//! the engine, [`OpResult`]s back out as protobuf responses with `McpError` set.

use unity_mcp_engine::{Asset, ErrorKind, Op, OpError, OpResult, Outcome};
use unity_mcp_wire::pb;

/// Which of the four operations a request asked for (decides the response's shape,
/// even when the request failed validation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpKind {
    /// ImportAsset.
    Import,
    /// MoveAsset.
    Move,
    /// DeleteAsset.
    Delete,
    /// Refresh.
    Refresh,
    /// FindAssets.
    FindAssets,
    /// FindReferences.
    FindReferences,
    /// GetDependencies.
    GetDependencies,
    /// CheckProject.
    CheckProject,
    /// CopyAsset.
    CopyAsset,
    /// CreateFolder.
    CreateFolder,
    /// ReadText.
    ReadText,
    /// WriteText.
    WriteText,
    /// EditText.
    EditText,
    /// SearchText.
    SearchText,
    /// CreateScript.
    CreateScript,
    /// ValidateScript.
    ValidateScript,
    /// GetHierarchy.
    GetHierarchy,
    /// GetObject.
    GetObject,
    /// SetProperty.
    SetProperty,
}

/// The gRPC status number the contract gives each engine error kind
/// (`McpError.code`, and the MCP front end's error objects).
pub fn grpc_code(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::Invalid => 3,
        ErrorKind::NotFound => 5,
        ErrorKind::AlreadyExists => 6,
        ErrorKind::Exhausted => 8,
        ErrorKind::Precondition => 9,
        ErrorKind::Internal => 13,
        ErrorKind::Unavailable => 14,
        ErrorKind::DeadlineExceeded => 4,
        ErrorKind::Aborted => 10,
    }
}

/// `McpError` from an engine error.
pub fn error_pb(e: &OpError) -> pb::McpError {
    pb::McpError { code: grpc_code(e.kind), message: e.message.clone(), details: e.details.clone() }
}

/// `UnityAsset` from an engine asset (its path string moves, no copy).
pub fn asset_pb(a: Asset) -> pb::UnityAsset {
    pb::UnityAsset { guid: a.guid.to_string(), asset_path: a.path.into_string(), r#type: a.type_name.to_string() }
}

/// The error for a StreamRequest with no operation set.
pub fn empty_request_error() -> OpError {
    OpError::invalid("message: StreamRequest has no operation set (expected import_asset, move_asset, delete_asset, refresh, find_assets, find_references, get_dependencies, check_project, copy_asset, create_folder, read_text, write_text, edit_text, search_text, create_script, validate_script, get_hierarchy, get_object or set_property)")
}

/// Validates a StreamRequest: its id, and its kind with the validated op (or the
/// validation error). `None` when no operation is set.
pub fn decode_stream_request(req: &pb::StreamRequest) -> (u64, Option<(OpKind, Result<Op, OpError>)>) {
    use pb::stream_request::Message as M;
    let decoded = req.message.as_ref().map(|m| match m {
        M::ImportAsset(r) => (OpKind::Import, Op::import(&r.asset_path)),
        M::MoveAsset(r) => (OpKind::Move, Op::move_asset(&r.src_path, &r.dst_path)),
        M::DeleteAsset(r) => (OpKind::Delete, Op::delete_with(&r.asset_path, r.only_if_unreferenced)),
        M::Refresh(_) => (OpKind::Refresh, Ok(Op::Refresh)),
        M::FindAssets(r) => (OpKind::FindAssets, Op::find_assets(&r.guid, &r.path_glob, &r.r#type, r.limit)),
        M::FindReferences(r) => (OpKind::FindReferences, Op::find_references(&r.asset_path, &r.guid)),
        M::GetDependencies(r) => (OpKind::GetDependencies, Op::dependencies(&r.asset_path, r.recursive)),
        M::CheckProject(_) => (OpKind::CheckProject, Ok(Op::Query(unity_mcp_engine::Query::Check))),
        M::CopyAsset(r) => (OpKind::CopyAsset, Op::copy(&r.src_path, &r.dst_path)),
        M::CreateFolder(r) => (OpKind::CreateFolder, Op::create_folder(&r.asset_path)),
        M::ReadText(r) => (OpKind::ReadText, read_text_op(r)),
        M::WriteText(r) => (OpKind::WriteText, write_text_op(r)),
        M::EditText(r) => (OpKind::EditText, edit_text_op(r)),
        M::SearchText(r) => (OpKind::SearchText, Op::search_text(&r.pattern, &r.path_glob, r.limit, r.case_insensitive)),
        M::CreateScript(r) => (OpKind::CreateScript, create_script_op(r)),
        M::ValidateScript(r) => (OpKind::ValidateScript, validate_script_op(r)),
        M::GetHierarchy(r) => (OpKind::GetHierarchy, crate::convert_scene::get_hierarchy_op(r)),
        M::GetObject(r) => (OpKind::GetObject, crate::convert_scene::get_object_op(r)),
        M::SetProperty(r) => (OpKind::SetProperty, crate::convert_scene::set_property_op(r)),
    });
    (req.id, decoded)
}

pub use crate::convert_text::{create_script_op, edit_text_op, read_text_op, validate_script_op, write_text_op};

pub(crate) fn unexpected(outcome: &Outcome) -> OpError {
    OpError::new(ErrorKind::Internal, format!("internal: unexpected outcome {outcome:?}"))
}

/// The outcome `pick` accepts, or an internal error naming the one that came.
pub(crate) fn outcome_of<T>(result: OpResult, pick: impl FnOnce(Outcome) -> Result<T, Outcome>) -> Result<T, OpError> {
    pick(result?).map_err(|other| unexpected(&other))
}

fn asset_of(result: OpResult) -> Result<Asset, OpError> {
    outcome_of(result, |o| match o {
        Outcome::Asset(a) => Ok(a),
        other => Err(other),
    })
}

/// ImportAssetResponse from a result.
pub fn import_response(result: OpResult) -> pb::ImportAssetResponse {
    match asset_of(result) {
        Ok(a) => pb::ImportAssetResponse { asset: Some(asset_pb(a)), error: None },
        Err(e) => pb::ImportAssetResponse { asset: None, error: Some(error_pb(&e)) },
    }
}

/// MoveAssetResponse from a result.
pub fn move_response(result: OpResult) -> pb::MoveAssetResponse {
    match asset_of(result) {
        Ok(a) => pb::MoveAssetResponse { asset: Some(asset_pb(a)), error: None },
        Err(e) => pb::MoveAssetResponse { asset: None, error: Some(error_pb(&e)) },
    }
}

/// DeleteAssetResponse from a result.
pub fn delete_response(result: OpResult) -> pb::DeleteAssetResponse {
    match result {
        Ok(Outcome::Deleted { referenced_by }) => pb::DeleteAssetResponse { success: true, error: None, referenced_by: referenced_by.into_iter().map(asset_pb).collect() },
        Ok(other) => pb::DeleteAssetResponse { success: false, error: Some(error_pb(&unexpected(&other))), ..Default::default() },
        // A refused `only_if_unreferenced` delete lists its referrers for machines too.
        Err(e) => pb::DeleteAssetResponse {
            success: false,
            error: Some(error_pb(&e)),
            referenced_by: e.referrers.into_iter().map(asset_pb).collect(),
        },
    }
}

/// RefreshResponse from a result.
pub fn refresh_response(result: OpResult) -> pb::RefreshResponse {
    match result {
        Ok(Outcome::Refreshed(r)) => pb::RefreshResponse {
            success: true,
            error: None,
            metas_created: r.metas_created,
            metas_removed: r.metas_removed,
            reidentified_count: r.reidentified_count,
            reidentified: r
                .reidentified
                .into_iter()
                .map(|e| pb::ReidentifiedAsset {
                    asset_path: e.path.into_string(),
                    old_guid: e.old_guid.to_string(),
                    new_guid: e.new_guid.to_string(),
                    kept_by: e.kept_by.into_string(),
                })
                .collect(),
        },
        Ok(other) => pb::RefreshResponse { success: false, error: Some(error_pb(&unexpected(&other))), ..Default::default() },
        Err(e) => pb::RefreshResponse { success: false, error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// FindAssetsResponse from a result.
pub fn find_assets_response(result: OpResult) -> pb::FindAssetsResponse {
    match result {
        Ok(Outcome::Found { assets, truncated }) => {
            pb::FindAssetsResponse { assets: assets.into_iter().map(asset_pb).collect(), truncated, error: None }
        }
        Ok(other) => pb::FindAssetsResponse { error: Some(error_pb(&unexpected(&other))), ..Default::default() },
        Err(e) => pb::FindAssetsResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// FindReferencesResponse from a result.
pub fn find_references_response(result: OpResult) -> pb::FindReferencesResponse {
    match result {
        Ok(Outcome::Referrers { referrers, usages }) => pb::FindReferencesResponse {
            referrers: referrers.into_iter().map(asset_pb).collect(),
            usages: crate::convert_scene::usages_pb(usages),
            error: None,
        },
        Ok(other) => pb::FindReferencesResponse { error: Some(error_pb(&unexpected(&other))), ..Default::default() },
        Err(e) => pb::FindReferencesResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// GetDependenciesResponse from a result.
pub fn dependencies_response(result: OpResult) -> pb::GetDependenciesResponse {
    match result {
        Ok(Outcome::Dependencies { dependencies, unresolved }) => pb::GetDependenciesResponse {
            dependencies: dependencies.into_iter().map(asset_pb).collect(),
            unresolved_guids: unresolved.into_iter().map(|g| g.to_string()).collect(),
            error: None,
        },
        Ok(other) => pb::GetDependenciesResponse { error: Some(error_pb(&unexpected(&other))), ..Default::default() },
        Err(e) => pb::GetDependenciesResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// CheckProjectResponse from a result.
pub fn check_response(result: OpResult) -> pb::CheckProjectResponse {
    match result {
        Ok(Outcome::Problems(problems)) => pb::CheckProjectResponse {
            problems: problems
                .into_iter()
                .map(|p| pb::ProjectProblem {
                    kind: p.kind.to_string(),
                    asset_path: p.asset_path,
                    guid: p.guid.map(|g| g.to_string()).unwrap_or_default(),
                    detail: p.detail,
                })
                .collect(),
            error: None,
        },
        Ok(other) => pb::CheckProjectResponse { problems: vec![], error: Some(error_pb(&unexpected(&other))) },
        Err(e) => pb::CheckProjectResponse { problems: vec![], error: Some(error_pb(&e)) },
    }
}

/// CopyAssetResponse from a result.
pub fn copy_response(result: OpResult) -> pb::CopyAssetResponse {
    match asset_of(result) {
        Ok(a) => pb::CopyAssetResponse { asset: Some(asset_pb(a)), error: None },
        Err(e) => pb::CopyAssetResponse { asset: None, error: Some(error_pb(&e)) },
    }
}

/// CreateFolderResponse from a result.
pub fn create_folder_response(result: OpResult) -> pb::CreateFolderResponse {
    match asset_of(result) {
        Ok(a) => pb::CreateFolderResponse { asset: Some(asset_pb(a)), error: None },
        Err(e) => pb::CreateFolderResponse { asset: None, error: Some(error_pb(&e)) },
    }
}

/// The StreamResponse answering request `id` of kind `kind`.
pub fn stream_response(id: u64, kind: OpKind, result: OpResult) -> pb::StreamResponse {
    use pb::stream_response::Message as M;
    let message = match kind {
        OpKind::Import => M::ImportAsset(import_response(result)),
        OpKind::Move => M::MoveAsset(move_response(result)),
        OpKind::Delete => M::DeleteAsset(delete_response(result)),
        OpKind::Refresh => M::Refresh(refresh_response(result)),
        OpKind::FindAssets => M::FindAssets(find_assets_response(result)),
        OpKind::FindReferences => M::FindReferences(find_references_response(result)),
        OpKind::GetDependencies => M::GetDependencies(dependencies_response(result)),
        OpKind::CheckProject => M::CheckProject(check_response(result)),
        OpKind::CopyAsset => M::CopyAsset(copy_response(result)),
        OpKind::CreateFolder => M::CreateFolder(create_folder_response(result)),
        OpKind::ReadText => M::ReadText(crate::convert_text::read_text_response(result)),
        OpKind::WriteText => M::WriteText(crate::convert_text::write_text_response(result)),
        OpKind::EditText => M::EditText(crate::convert_text::edit_text_response(result)),
        OpKind::SearchText => M::SearchText(crate::convert_text::search_text_response(result)),
        OpKind::CreateScript => M::CreateScript(crate::convert_text::create_script_response(result)),
        OpKind::ValidateScript => M::ValidateScript(crate::convert_text::validate_script_response(result)),
        OpKind::GetHierarchy => M::GetHierarchy(crate::convert_scene::get_hierarchy_response(result)),
        OpKind::GetObject => M::GetObject(crate::convert_scene::get_object_response(result)),
        OpKind::SetProperty => M::SetProperty(crate::convert_scene::set_property_response(result)),
    };
    pb::StreamResponse { message: Some(message), id, error: None }
}

/// The StreamResponse for a request with no operation set.
pub fn stream_error_response(id: u64, e: &OpError) -> pb::StreamResponse {
    pb::StreamResponse { message: None, id, error: Some(error_pb(e)) }
}
