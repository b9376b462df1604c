//! Wire <-> domain for the Unity YAML operations (GetHierarchy, GetObject,
//! SetProperty) and FindReferences' usages.

use crate::convert::{asset_pb, error_pb, outcome_of};
use unity_mcp_engine::db::{ReferenceUsage, SceneNode};
use unity_mcp_engine::{Op, OpError, OpResult, Outcome};
use unity_mcp_wire::pb;

/// Validates a GetHierarchyRequest.
pub fn get_hierarchy_op(r: &pb::GetHierarchyRequest) -> Result<Op, OpError> {
    Op::get_hierarchy(&r.asset_path, r.max_depth, r.limit)
}

/// Validates a GetObjectRequest.
pub fn get_object_op(r: &pb::GetObjectRequest) -> Result<Op, OpError> {
    Op::get_object(&r.asset_path, r.file_id)
}

/// Validates a SetPropertyRequest.
pub fn set_property_op(r: &pb::SetPropertyRequest) -> Result<Op, OpError> {
    Op::set_property(&r.asset_path, r.file_id, &r.property_path, &r.value_json, &r.expected_sha256)
}

/// A node on the wire (an explicit stack: a deep hierarchy must not overflow).
pub fn node_pb(n: SceneNode) -> pb::SceneNode {
    let SceneNode { file_id, name, active, tag, layer, components, children, prefab } = n;
    pb::SceneNode {
        file_id,
        name,
        active,
        tag,
        layer,
        components: components
            .into_iter()
            .map(|c| pb::SceneComponent { file_id: c.file_id, r#type: c.type_name, script: c.script.map(asset_pb), enabled: c.enabled })
            .collect(),
        children: children.into_iter().map(node_pb).collect(),
        prefab: prefab.map(asset_pb),
    }
}

/// ReferenceUsages on the wire.
pub fn usages_pb(u: Vec<ReferenceUsage>) -> Vec<pb::ReferenceUsage> {
    u.into_iter()
        .map(|u| pb::ReferenceUsage { asset_path: u.asset_path, file_id: u.file_id, object_name: u.object_name, property_path: u.property_path })
        .collect()
}

/// GetHierarchyResponse from a result.
pub fn get_hierarchy_response(result: OpResult) -> pb::GetHierarchyResponse {
    let h = outcome_of(result, |o| match o {
        Outcome::Hierarchy(h) => Ok(h),
        other => Err(other),
    });
    match h {
        Ok(h) => pb::GetHierarchyResponse { roots: h.roots.into_iter().map(node_pb).collect(), truncated: h.truncated, node_count: h.node_count, error: None },
        Err(e) => pb::GetHierarchyResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// GetObjectResponse from a result.
pub fn get_object_response(result: OpResult) -> pb::GetObjectResponse {
    let o = outcome_of(result, |o| match o {
        Outcome::Object(o) => Ok(o),
        other => Err(other),
    });
    match o {
        Ok(o) => pb::GetObjectResponse { class_id: o.class_id, r#type: o.type_name, file_id: o.file_id, properties_json: o.properties_json, yaml: o.yaml, error: None },
        Err(e) => pb::GetObjectResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}

/// SetPropertyResponse from a result.
pub fn set_property_response(result: OpResult) -> pb::SetPropertyResponse {
    let s = outcome_of(result, |o| match o {
        Outcome::PropertySet(s) => Ok(s),
        other => Err(other),
    });
    match s {
        Ok(s) => pb::SetPropertyResponse { sha256: s.sha256, old_value_json: s.old_value_json, error: None },
        Err(e) => pb::SetPropertyResponse { error: Some(error_pb(&e)), ..Default::default() },
    }
}
