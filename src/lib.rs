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
