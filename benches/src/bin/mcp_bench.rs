//! Sequential MCP tool calls per second, side by side in one run: over stdio
//! (`unity-mcp mcp`), over streamable HTTP (`serve --mcp-listen`) and gRPC's CallTool
//! (`serve`), each a fresh server on the same sample project, the same cache-hot
//! `import_asset` call, one call in flight at a time.
//!
//! The MCP clients here speak the wire format directly (newline-delimited JSON-RPC
//! over stdio; JSON-RPC POSTs over HTTP/1.1) so that the figure is the server's cost,
//! not a client SDK's. `cargo run --release -p unity-mcp-benches --bin mcp_bench`.

use anyhow::{bail, Context};
use clap::Parser;
use hdrhistogram::Histogram;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use unity_mcp_wire::pb;

#[derive(Parser, Debug)]
struct Args {
    /// The unity-mcp binary (build it with `cargo build --release`).
    #[arg(long, default_value = "target/release/unity-mcp")]
    binary: PathBuf,
    /// Calls measured per transport (after as many warm-up calls / 10).
    #[arg(long, default_value_t = 20_000)]
    calls: u64,
    /// Where to write the Markdown table (stdout too).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// The asset every call imports: it has a .meta, so after the first call the answer
/// comes from the engine's cache.
const ASSET: &str = "Assets/Textures/player.png";

struct Measured {
    transport: &'static str,
    calls_per_s: f64,
    p50_us: u64,
    p99_us: u64,
}

fn measure<F>(transport: &'static str, calls: u64, mut one: F) -> anyhow::Result<Measured>
where
    F: FnMut() -> anyhow::Result<()>,
{
    for _ in 0..calls / 10 {
        one()?;
    }
    let mut h = Histogram::<u64>::new(3)?;
    let start = Instant::now();
    for _ in 0..calls {
        let t = Instant::now();
        one()?;
        h.record(t.elapsed().as_micros() as u64)?;
    }
    let secs = start.elapsed().as_secs_f64();
    Ok(Measured { transport, calls_per_s: calls as f64 / secs, p50_us: h.value_at_quantile(0.5), p99_us: h.value_at_quantile(0.99) })
}

fn call_params(id: u64) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": "import_asset", "arguments": {"asset_path": ASSET}}})
}

fn init_params() -> Value {
    json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "mcp_bench", "version": "1"}}})
}

fn check_result(v: &Value) -> anyhow::Result<()> {
    if v["result"]["isError"] != json!(false) {
        bail!("unexpected answer: {v}");
    }
    Ok(())
}

fn stdio(rt: &tokio::runtime::Runtime, args: &Args, project: &std::path::Path) -> anyhow::Result<Measured> {
    let mut child = tokio::process::Command::new(&args.binary);
    child.args(["mcp", "--project"]).arg(project).env("RUST_LOG", "warn");
    let mut child = rt.block_on(async { child.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn() })?;
    let mut stdin = child.stdin.take().context("stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().context("stdout")?);
    let mut line = String::new();
    let mut exchange = |msg: Option<Value>, notify: Option<Value>| -> anyhow::Result<Value> {
        rt.block_on(async {
            if let Some(n) = notify {
                stdin.write_all(format!("{n}\n").as_bytes()).await?;
            }
            let Some(m) = msg else { return Ok(Value::Null) };
            stdin.write_all(format!("{m}\n").as_bytes()).await?;
            stdin.flush().await?;
            line.clear();
            stdout.read_line(&mut line).await?;
            Ok(serde_json::from_str(&line)?)
        })
    };
    exchange(Some(init_params()), None)?;
    exchange(None, Some(json!({"jsonrpc": "2.0", "method": "notifications/initialized"})))?;
    let mut id = 1;
    let m = measure("MCP stdio", args.calls, || {
        id += 1;
        check_result(&exchange(Some(call_params(id)), None)?)
    });
    let _ = rt.block_on(child.kill());
    m
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").map(|l| l.local_addr().map(|a| a.port()).unwrap_or(0)).unwrap_or(0)
}

/// A running `unity-mcp serve`, killed on drop.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(args: &Args, project: &std::path::Path, grpc: u16, mcp: Option<u16>) -> anyhow::Result<Served> {
    let mut cmd = std::process::Command::new(&args.binary);
    cmd.args(["serve", "--project"]).arg(project).args(["--listen", &format!("127.0.0.1:{grpc}")]);
    if let Some(p) = mcp {
        cmd.args(["--mcp-listen", &format!("127.0.0.1:{p}")]);
    }
    let s = Served(cmd.env("RUST_LOG", "warn").stdout(Stdio::null()).stderr(Stdio::null()).spawn()?);
    let port = mcp.unwrap_or(grpc);
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(s);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("server did not start")
}

fn grpc(rt: &tokio::runtime::Runtime, args: &Args, project: &std::path::Path) -> anyhow::Result<Measured> {
    let port = free_port();
    let _s = serve(args, project, port, None)?;
    let mut client = rt.block_on(pb::unity_mcp_service_client::UnityMcpServiceClient::connect(format!("http://127.0.0.1:{port}")))?;
    let input = json!({"asset_path": ASSET}).to_string();
    measure("gRPC CallTool", args.calls, || {
        let r = rt.block_on(client.call_tool(pb::CallToolRequest { tool_id: "import_asset".into(), input_json: input.clone() }))?;
        if r.into_inner().error.is_some() {
            bail!("CallTool failed");
        }
        Ok(())
    })
}

/// One JSON-RPC message POSTed to /mcp on a kept-alive HTTP/1.1 connection; the
/// answer's JSON (from an SSE `data:` line or a JSON body) and the session id.
async fn post(
    sender: &mut hyper::client::conn::http1::SendRequest<http_body_util::Full<hyper::body::Bytes>>,
    port: u16,
    session: Option<&str>,
    body: &Value,
) -> anyhow::Result<(Value, Option<String>)> {
    use http_body_util::BodyExt;
    let mut req = hyper::Request::post(format!("http://127.0.0.1:{port}/mcp"))
        .header("host", format!("127.0.0.1:{port}"))
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-06-18");
    if let Some(s) = session {
        req = req.header("mcp-session-id", s);
    }
    let resp = sender.send_request(req.body(http_body_util::Full::new(body.to_string().into()))?).await?;
    let session = resp.headers().get("mcp-session-id").and_then(|v| v.to_str().ok()).map(str::to_string);
    let bytes = resp.into_body().collect().await?.to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    let json = text
        .lines()
        .filter_map(|l| l.strip_prefix("data:"))
        .map(str::trim)
        .find(|d| d.starts_with('{'))
        .unwrap_or(text.trim());
    Ok((if json.is_empty() { Value::Null } else { serde_json::from_str(json)? }, session))
}

fn http(rt: &tokio::runtime::Runtime, args: &Args, project: &std::path::Path) -> anyhow::Result<Measured> {
    let (grpc_port, port) = (free_port(), free_port());
    let _s = serve(args, project, grpc_port, Some(port))?;
    let mut sender = rt.block_on(async {
        let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        stream.set_nodelay(true)?;
        let (sender, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
        tokio::spawn(conn);
        anyhow::Ok(sender)
    })?;
    let (_, session) = rt.block_on(post(&mut sender, port, None, &init_params()))?;
    let session = session.context("no Mcp-Session-Id")?;
    rt.block_on(post(&mut sender, port, Some(&session), &json!({"jsonrpc": "2.0", "method": "notifications/initialized"})))?;
    let mut id = 1;
    measure("MCP streamable HTTP", args.calls, || {
        id += 1;
        let (v, _) = rt.block_on(post(&mut sender, port, Some(&session), &call_params(id)))?;
        check_result(&v)
    })
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("project");
    unity_mcp_server::sample::write_sample(&project)?;
    let results = [grpc(&rt, &args, &project)?, stdio(&rt, &args, &project)?, http(&rt, &args, &project)?];
    let base = results[0].calls_per_s;
    let mut table = format!(
        "Sequential tool calls (import_asset, cache-hot), {} calls each, one in flight\n\n| transport | calls/s | per call (us) | p50 (us) | p99 (us) | cost vs gRPC |\n|---|---|---|---|---|---|\n",
        args.calls
    );
    for m in &results {
        table.push_str(&format!(
            "| {} | {:.0} | {:.1} | {} | {} | {:.2}x |\n",
            m.transport,
            m.calls_per_s,
            1e6 / m.calls_per_s,
            m.p50_us,
            m.p99_us,
            base / m.calls_per_s
        ));
    }
    print!("{table}");
    if let Some(out) = &args.out {
        std::fs::write(out, &table)?;
    }
    Ok(())
}
