//! Generates the wire types from `proto/` without a `protoc` binary: protox compiles the
//! .proto to a FileDescriptorSet in pure Rust, which also feeds server reflection.
use protox::prost::Message;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let proto = "proto/unity_mcp.proto";
    println!("cargo:rerun-if-changed={proto}");
    let fds = protox::compile([proto], ["proto"])?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let fds_path = out_dir.join("unity_mcp_descriptor.bin");
    std::fs::write(&fds_path, fds.encode_to_vec())?;
    tonic_build::configure()
        .file_descriptor_set_path(&fds_path)
        .skip_protoc_run()
        .compile_protos(&[proto], &["proto"])?;
    Ok(())
}
