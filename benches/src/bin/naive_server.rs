//! Baseline (b): the seed sketch's pattern doing the same real disk work (see
//! `unity_mcp_benches::baseline`). Usage: naive-server PROJECT [ADDR] (default 127.0.0.1:50062).

use std::path::PathBuf;
use std::sync::Arc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let project = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: naive-server PROJECT [ADDR]"))?);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:50062".into()).parse()?;
    eprintln!("naive baseline on {addr} serving {}", project.display());
    unity_mcp_benches::baseline::serve(unity_mcp_benches::baseline::Baseline::Naive(Arc::new(project)), addr).await
}
