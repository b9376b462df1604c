//! Baseline (a): a bare tonic server answering each Stream message at once with no
//! work. Usage: echo-server [ADDR] (default 127.0.0.1:50061).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:50061".into()).parse()?;
    eprintln!("echo baseline on {addr}");
    unity_mcp_benches::baseline::serve(unity_mcp_benches::baseline::Baseline::Echo, addr).await
}
