//! Wire crate: the generated protobuf and gRPC types of `unity.mcp.v1`.
//!
//! Under `--cfg madsim` the same module holds the simulated tonic client and server.
#![allow(clippy::all)]

/// Generated messages, client and server of package `unity.mcp.v1`.
pub mod pb {
    tonic::include_proto!("unity.mcp.v1");
}

/// The encoded FileDescriptorSet of the contract, for gRPC server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/unity_mcp_descriptor.bin"));

pub use pb::*;

impl pb::StreamResponse {
    /// The error of the operation this answers (or of the request itself, when it
    /// could not be understood); `None` on success.
    pub fn operation_error(&self) -> Option<&pb::McpError> {
        use pb::stream_response::Message as M;
        match &self.message {
            None => self.error.as_ref(),
            Some(M::ImportAsset(x)) => x.error.as_ref(),
            Some(M::MoveAsset(x)) => x.error.as_ref(),
            Some(M::DeleteAsset(x)) => x.error.as_ref(),
            Some(M::Refresh(x)) => x.error.as_ref(),
            Some(M::FindAssets(x)) => x.error.as_ref(),
            Some(M::FindReferences(x)) => x.error.as_ref(),
            Some(M::GetDependencies(x)) => x.error.as_ref(),
            Some(M::CheckProject(x)) => x.error.as_ref(),
            Some(M::CopyAsset(x)) => x.error.as_ref(),
            Some(M::CreateFolder(x)) => x.error.as_ref(),
            Some(M::ReadText(x)) => x.error.as_ref(),
            Some(M::WriteText(x)) => x.error.as_ref(),
            Some(M::EditText(x)) => x.error.as_ref(),
            Some(M::SearchText(x)) => x.error.as_ref(),
            Some(M::CreateScript(x)) => x.error.as_ref(),
            Some(M::ValidateScript(x)) => x.error.as_ref(),
            Some(M::GetHierarchy(x)) => x.error.as_ref(),
            Some(M::GetObject(x)) => x.error.as_ref(),
            Some(M::SetProperty(x)) => x.error.as_ref(),
        }
    }
}
