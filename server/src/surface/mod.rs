//! The MCP surface: tools (with JSON Schemas), resources and prompts. Pure: the server
//! runs what these parse through the same path as the asset RPCs.

pub mod present;
pub mod prompts;
pub mod resources;
pub mod tools;
