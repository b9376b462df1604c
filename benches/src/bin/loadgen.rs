//! Load generator for the unity-mcp server (and the baselines).
//!
//! `loadgen gen-project DIR` writes a project of N assets; `loadgen run` drives a
//! server with C separate HTTP/2 connections (one Stream each), W requests in flight
//! per stream (closed loop) or a target rate (open loop, latency measured from the
//! intended send time, so a slow server cannot hide its queueing), then reports
//! throughput, latency percentiles, errors by code and the server's CPU and RSS.

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use hdrhistogram::Histogram;
use indicatif::{ProgressBar, ProgressStyle};
use rand::{rngs::SmallRng, Rng, SeedableRng};
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;
use unity_mcp_benches::{procstat, project, report};
use unity_mcp_wire::pb::{self, stream_request::Message as Req, unity_mcp_service_client::UnityMcpServiceClient};

#[derive(Parser)]
#[command(name = "loadgen", about = "Load generator for unity-mcp: closed or open loop, stream or unary, with latency percentiles and server CPU/RSS")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write a project of N generated assets (with .meta files) into DIR.
    GenProject {
        /// Where (must not exist).
        dir: PathBuf,
        /// How many assets.
        #[arg(long, default_value_t = 10_000)]
        assets: usize,
        /// Seed of the GUIDs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Drive a running server and report.
    Run(RunArgs),
    /// Time whole-project Refresh calls (unary), after waiting for the server to
    /// answer; prints one line of JSON: {"first_ms": .., "ms": [..], "median_ms": ..}.
    Refresh {
        /// Server address.
        #[arg(long, default_value = "http://127.0.0.1:50051")]
        addr: String,
        /// Refresh calls timed (the first, right after start-up, is reported apart).
        #[arg(long, default_value_t = 6)]
        times: usize,
        /// How long to wait for the server to answer at all.
        #[arg(long, default_value_t = 120.0)]
        wait_secs: f64,
    },
    /// Time SearchText calls (unary) against a running server; prints one line of JSON:
    /// {"ms": [..], "median_ms": .., "matches": ..}.
    Search {
        /// Server address.
        #[arg(long, default_value = "http://127.0.0.1:50051")]
        addr: String,
        /// The pattern.
        pattern: String,
        /// Calls timed (after one untimed warm-up call).
        #[arg(long, default_value_t = 5)]
        times: usize,
    },
    /// Plot several JSON reports into one SVG (latency, or RSS over time with --rss).
    Plot {
        /// The reports.
        reports: Vec<PathBuf>,
        /// Output SVG.
        #[arg(long)]
        out: PathBuf,
        /// Plot RSS over time instead of latency.
        #[arg(long)]
        rss: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum Workload {
    /// Imports of existing assets (answers from the metadata cache when warm).
    Hot,
    /// New files imported, existing ones imported, moved, deleted; an occasional refresh.
    Mixed,
    /// Each connection keeps sending and never reads an answer (memory bound check).
    NeverRead,
    /// Small EditText calls (a comment line inserted) to distinct generated files of
    /// the extension `--edit-ext`, round robin.
    Edit,
}

#[derive(Parser, Clone)]
struct RunArgs {
    /// Server address.
    #[arg(long, default_value = "http://127.0.0.1:50051")]
    addr: String,
    /// The project the server serves (mixed writes new files into it; names of the
    /// generated assets come from --assets).
    #[arg(long)]
    project: Option<PathBuf>,
    /// Assets in the generated project.
    #[arg(long, default_value_t = 10_000)]
    assets: usize,
    /// Separate HTTP/2 connections, one stream each.
    #[arg(long, short = 'c', default_value_t = 100)]
    connections: usize,
    /// Requests in flight per stream (closed loop).
    #[arg(long, short = 'w', default_value_t = 32)]
    inflight: usize,
    /// Open loop: total requests per second across connections (overrides -w).
    #[arg(long)]
    rate: Option<u64>,
    /// Seconds of warm-up (not measured).
    #[arg(long, default_value_t = 2.0)]
    warmup_secs: f64,
    /// Seconds measured.
    #[arg(long, default_value_t = 10.0)]
    duration_secs: f64,
    /// What to send.
    #[arg(long, value_enum, default_value = "hot")]
    workload: Workload,
    /// Unary ImportAsset calls instead of streams.
    #[arg(long)]
    unary: bool,
    /// PID of the server, to report its CPU and RSS.
    #[arg(long)]
    server_pid: Option<u32>,
    /// A stream with requests out and no answer for this long counts as stalled.
    #[arg(long, default_value_t = 5.0)]
    stall_secs: f64,
    /// The edit workload edits files of this extension (txt: text only; cs: each edit
    /// also returns the script's diagnostics).
    #[arg(long, default_value = "txt")]
    edit_ext: String,
    /// Label in the report.
    #[arg(long, default_value = "run")]
    label: String,
    /// Write the report as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write a latency plot (SVG) here.
    #[arg(long)]
    svg: Option<PathBuf>,
    /// No progress bar (for logs).
    #[arg(long)]
    quiet: bool,
}

/// Shared measurement state.
struct Meter {
    hist: Mutex<Histogram<u64>>,
    codes: Mutex<BTreeMap<String, u64>>,
    answers: AtomicU64,
    measuring: AtomicBool,
    stop: AtomicBool,
    stalled: AtomicBool,
}

impl Meter {
    fn record(&self, latency: Duration, code: String) {
        if !self.measuring.load(Ordering::Relaxed) {
            return;
        }
        self.answers.fetch_add(1, Ordering::Relaxed);
        let us = (latency.as_micros() as u64).clamp(1, 3_600_000_000);
        if let Ok(mut h) = self.hist.lock() {
            let _ = h.record(us);
        }
        if let Ok(mut c) = self.codes.lock() {
            *c.entry(code).or_insert(0) += 1;
        }
    }
}

fn code_of(r: &pb::StreamResponse) -> String {
    r.operation_error().map_or_else(|| "0".to_string(), |e| e.code.to_string())
}

fn import(p: String) -> Req {
    Req::ImportAsset(pb::ImportAssetRequest { asset_path: p })
}

/// Produces one connection's requests.
struct Generator {
    workload: Workload,
    conn: usize,
    assets: usize,
    project: Option<PathBuf>,
    rng: SmallRng,
    cycle: u64,
    step: usize,
    sent: u64,
    /// The edit workload's file extension.
    edit_ext: String,
}

impl Generator {
    fn next(&mut self) -> anyhow::Result<pb::StreamRequest> {
        self.sent += 1;
        let id = self.sent;
        let hot = |rng: &mut SmallRng, n: usize| import(project::asset_path(rng.gen_range(0..n)));
        let message = match self.workload {
            Workload::Hot | Workload::NeverRead => hot(&mut self.rng, self.assets),
            Workload::Edit => {
                // Distinct files: each connection walks its own stride of the assets
                // whose extension is `edit_ext`.
                let of_ext: Vec<usize> = (0..project::EXTS.len()).filter(|&e| project::EXTS[e] == self.edit_ext).collect();
                let Some(&e) = of_ext.first() else { bail!("--edit-ext {} is not a generated extension", self.edit_ext) };
                let per_ext = self.assets / project::EXTS.len();
                let k = (self.conn as u64 * 7919 + self.sent) as usize % per_ext.max(1);
                Req::EditText(pb::EditTextRequest {
                    asset_path: project::asset_path(k * project::EXTS.len() + e),
                    // A comment line: a script stays valid C# however many edits land.
                    edits: vec![pb::TextEdit { start_line: 1, start_column: 1, end_line: 1, end_column: 1, new_text: "// x\n".into() }],
                    expected_sha256: String::new(),
                })
            }
            Workload::Mixed => {
                if self.conn == 0 && self.sent % 20_000 == 0 {
                    return Ok(pb::StreamRequest { id, message: Some(Req::Refresh(pb::RefreshRequest {})) });
                }
                let dir = format!("Assets/Bench/c{}", self.conn);
                let new = format!("{dir}/n{}.txt", self.cycle);
                let moved = format!("{dir}/m{}.txt", self.cycle);
                let m = match self.step {
                    0 => {
                        // A new file appears on disk (as an artist's tool would add it).
                        let root = self.project.as_ref().context("--project is needed for the mixed workload")?;
                        std::fs::create_dir_all(root.join(&dir))?;
                        std::fs::write(root.join(&new), b"new asset\n")?;
                        import(new)
                    }
                    1..=4 => hot(&mut self.rng, self.assets),
                    5 => import(new),
                    6 => Req::MoveAsset(pb::MoveAssetRequest { src_path: new, dst_path: moved }),
                    7 => import(moved),
                    _ => Req::DeleteAsset(pb::DeleteAssetRequest { asset_path: moved, only_if_unreferenced: false }),
                };
                self.step += 1;
                if self.step == 9 {
                    self.step = 0;
                    self.cycle += 1;
                }
                m
            }
        };
        Ok(pb::StreamRequest { id, message: Some(message) })
    }
}

async fn connect(addr: &str) -> anyhow::Result<UnityMcpServiceClient<tonic::transport::Channel>> {
    let ch = tonic::transport::Endpoint::from_shared(addr.to_string())?.tcp_nodelay(true).connect().await.with_context(|| format!("connect {addr}"))?;
    Ok(UnityMcpServiceClient::new(ch).max_decoding_message_size(1 << 20))
}

async fn stream_conn(args: Arc<RunArgs>, meter: Arc<Meter>, conn: usize) -> anyhow::Result<()> {
    let mut client = connect(&args.addr).await?;
    let mut gen = Generator {
        workload: args.workload,
        conn,
        assets: args.assets,
        project: args.project.clone(),
        rng: SmallRng::seed_from_u64(conn as u64 + 1),
        cycle: 0,
        step: 0,
        sent: 0,
        edit_ext: args.edit_ext.clone(),
    };
    let window = if args.rate.is_some() { 4096 } else { args.inflight.max(1) };
    let (tx, rx) = tokio::sync::mpsc::channel::<pb::StreamRequest>(window);
    let times: Arc<Mutex<VecDeque<Instant>>> = Arc::new(Mutex::new(VecDeque::new()));
    let permits = Arc::new(tokio::sync::Semaphore::new(args.inflight.max(1)));
    let mut answers = client.stream(tokio_stream::wrappers::ReceiverStream::new(rx)).await?.into_inner();

    let sender = {
        let (times, permits, meter, args) = (times.clone(), permits.clone(), meter.clone(), args.clone());
        tokio::spawn(async move {
            let per_conn_rate = args.rate.map(|r| (r as f64 / args.connections as f64).max(0.001));
            let mut next = Instant::now();
            while !meter.stop.load(Ordering::Relaxed) {
                let intended = match per_conn_rate {
                    Some(rate) => {
                        next += Duration::from_secs_f64(1.0 / rate);
                        tokio::time::sleep_until(next).await;
                        next
                    }
                    None if args.workload == Workload::NeverRead => Instant::now(),
                    None => {
                        let Ok(p) = permits.acquire().await else { return Ok(()) };
                        p.forget();
                        Instant::now()
                    }
                };
                let req = gen.next()?;
                if let Ok(mut t) = times.lock() {
                    t.push_back(intended);
                }
                if tx.send(req).await.is_err() {
                    return Ok(());
                }
            }
            Ok::<(), anyhow::Error>(())
        })
    };
    if args.workload == Workload::NeverRead {
        // Keep the stream open and never read: the server must bound itself.
        while !meter.stop.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        drop(answers);
        sender.abort();
        return Ok(());
    }
    let stall = Duration::from_secs_f64(args.stall_secs);
    loop {
        match tokio::time::timeout(stall, answers.message()).await {
            Ok(Ok(Some(r))) => {
                let t0 = times.lock().ok().and_then(|mut t| t.pop_front());
                if let Some(t0) = t0 {
                    meter.record(t0.elapsed(), code_of(&r));
                }
                permits.add_permits(1);
            }
            Ok(Ok(None)) => break,
            Ok(Err(status)) => {
                meter.record(Duration::ZERO, format!("status:{:?}", status.code()));
                break;
            }
            Err(_) => {
                let outstanding = times.lock().map(|t| t.len()).unwrap_or(0);
                if meter.stop.load(Ordering::Relaxed) {
                    break;
                }
                if outstanding > 0 {
                    meter.stalled.store(true, Ordering::Relaxed);
                    break;
                }
            }
        }
        if meter.stop.load(Ordering::Relaxed) {
            break;
        }
    }
    sender.abort();
    Ok(())
}

async fn unary_conn(args: Arc<RunArgs>, meter: Arc<Meter>, conn: usize) -> anyhow::Result<()> {
    let client = connect(&args.addr).await?;
    let mut tasks = Vec::new();
    for k in 0..args.inflight.max(1) {
        let (mut client, meter, args) = (client.clone(), meter.clone(), args.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = SmallRng::seed_from_u64((conn * 1000 + k) as u64);
            while !meter.stop.load(Ordering::Relaxed) {
                let t0 = Instant::now();
                let req = pb::ImportAssetRequest { asset_path: project::asset_path(rng.gen_range(0..args.assets)) };
                let code = match client.import_asset(req).await {
                    Ok(r) => r.into_inner().error.map_or_else(|| "0".to_string(), |e| e.code.to_string()),
                    Err(s) => format!("status:{:?}", s.code()),
                };
                meter.record(t0.elapsed(), code);
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    Ok(())
}

async fn run(args: RunArgs) -> anyhow::Result<report::Report> {
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    if args.workload == Workload::Mixed && args.project.is_none() {
        bail!("--project is needed for the mixed workload (it writes new files into it)");
    }
    let args = Arc::new(args);
    let meter = Arc::new(Meter {
        hist: Mutex::new(Histogram::new_with_bounds(1, 3_600_000_000, 3)?),
        codes: Mutex::new(BTreeMap::new()),
        answers: AtomicU64::new(0),
        measuring: AtomicBool::new(false),
        stop: AtomicBool::new(false),
        stalled: AtomicBool::new(false),
    });
    let mut conns = Vec::new();
    for c in 0..args.connections {
        let (args, meter) = (args.clone(), meter.clone());
        conns.push(tokio::spawn(async move {
            let r = if args.unary { unary_conn(args, meter, c).await } else { stream_conn(args, meter, c).await };
            if let Err(e) = &r {
                eprintln!("connection {c}: {e:#}");
            }
        }));
    }
    let bar = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new((args.warmup_secs + args.duration_secs) as u64) };
    bar.set_style(ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len}s {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar.set_prefix(args.label.clone());
    bar.set_message("warming up");
    tokio::time::sleep(Duration::from_secs_f64(args.warmup_secs)).await;
    bar.set_position(args.warmup_secs as u64);

    let ticks0 = args.server_pid.and_then(procstat::cpu_ticks);
    let start = Instant::now();
    meter.measuring.store(true, Ordering::Relaxed);
    let mut rss_over_time = Vec::new();
    let end = start + Duration::from_secs_f64(args.duration_secs);
    let mut last = (start, 0u64);
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(250).min(end.saturating_duration_since(Instant::now()))).await;
        if let Some((rss, _)) = args.server_pid.and_then(procstat::rss) {
            rss_over_time.push((start.elapsed().as_secs_f64(), rss));
        }
        let n = meter.answers.load(Ordering::Relaxed);
        let rate = (n - last.1) as f64 / last.0.elapsed().as_secs_f64().max(1e-9);
        last = (Instant::now(), n);
        bar.set_position((args.warmup_secs + start.elapsed().as_secs_f64()) as u64);
        bar.set_message(format!("{rate:.0} answers/s, {n} measured"));
        if meter.stalled.load(Ordering::Relaxed) {
            bar.set_message("STALLED: the server stopped answering");
            break;
        }
    }
    meter.measuring.store(false, Ordering::Relaxed);
    let seconds = start.elapsed().as_secs_f64();
    let ticks1 = args.server_pid.and_then(procstat::cpu_ticks);
    let rss = args.server_pid.and_then(procstat::rss);
    meter.stop.store(true, Ordering::Relaxed);
    bar.finish();
    for c in conns {
        let _ = tokio::time::timeout(Duration::from_secs_f64(args.stall_secs + 1.0), c).await;
    }
    let h = meter.hist.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.clone();
    let q = |p: f64| if h.is_empty() { 0 } else { h.value_at_quantile(p) };
    let latency_us: BTreeMap<String, u64> =
        [("p50", q(0.5)), ("p95", q(0.95)), ("p99", q(0.99)), ("p99.9", q(0.999)), ("max", h.max())].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let curve = [0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99].iter().map(|p| (*p, q(p / 100.0))).collect();
    let answers = meter.answers.load(Ordering::Relaxed);
    Ok(report::Report {
        label: args.label.clone(),
        command,
        workload: format!("{:?}{}", args.workload, if args.unary { " (unary)" } else { "" }).to_lowercase(),
        connections: args.connections,
        inflight: if args.rate.is_some() { 0 } else { args.inflight },
        target_rate: args.rate.unwrap_or(0),
        seconds,
        answers,
        throughput: answers as f64 / seconds,
        latency_us,
        codes: meter.codes.lock().map(|c| c.clone()).unwrap_or_default(),
        stalled: meter.stalled.load(Ordering::Relaxed),
        server_cpu_percent: match (ticks0, ticks1) {
            (Some(a), Some(b)) => Some((b - a) as f64 / procstat::ticks_per_second() as f64 / seconds * 100.0),
            _ => None,
        },
        server_rss_end: rss.map(|r| r.0),
        server_rss_peak: rss.map(|r| r.1),
        rss_over_time,
        curve,
    })
}

/// Times `times` Refresh calls one after another (the server's index is built
/// before it listens, so the first answer comes from a ready server).
async fn time_refresh(addr: &str, times: usize, wait_secs: f64) -> anyhow::Result<()> {
    let give_up = Instant::now() + Duration::from_secs_f64(wait_secs);
    let mut client = loop {
        match UnityMcpServiceClient::connect(addr.to_string()).await {
            Ok(c) => break c.max_decoding_message_size(64 << 20),
            Err(e) if Instant::now() > give_up => bail!("server at {addr} did not answer: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    client.get_project_info(pb::GetProjectInfoRequest {}).await.context("project info")?;
    let mut ms = Vec::with_capacity(times);
    for _ in 0..times {
        let t = std::time::Instant::now();
        let r = client.refresh(pb::RefreshRequest {}).await.context("refresh")?.into_inner();
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        if let Some(e) = r.error {
            bail!("refresh failed: {}", e.message);
        }
    }
    let first = ms.first().copied().unwrap_or(f64::NAN);
    let mut rest: Vec<f64> = ms.iter().skip(1).copied().collect();
    rest.sort_by(f64::total_cmp);
    let median = rest.get(rest.len() / 2).copied().unwrap_or(first);
    println!("{}", serde_json::json!({ "first_ms": first, "ms": ms, "median_ms": median }));
    Ok(())
}

/// Times `times` SearchText calls after one warm-up call.
async fn time_search(addr: &str, pattern: &str, times: usize) -> anyhow::Result<()> {
    let mut client = UnityMcpServiceClient::connect(addr.to_string()).await?.max_decoding_message_size(64 << 20);
    let req = pb::SearchTextRequest { pattern: pattern.to_string(), path_glob: String::new(), limit: 10_000, case_insensitive: false };
    let warm = client.search_text(req.clone()).await?.into_inner();
    if let Some(e) = warm.error {
        bail!("search failed: {}", e.message);
    }
    let mut ms = Vec::with_capacity(times);
    for _ in 0..times {
        let t = Instant::now();
        client.search_text(req.clone()).await?;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let mut sorted = ms.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    println!("{}", serde_json::json!({ "ms": ms, "median_ms": median, "matches": warm.matches.len(), "truncated": warm.truncated }));
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().cmd {
        Cmd::GenProject { dir, assets, seed } => {
            project::generate(&dir, assets, seed)?;
            eprintln!("wrote a project of {assets} assets to {}", dir.display());
        }
        Cmd::Run(args) => {
            let (json, svg) = (args.json.clone(), args.svg.clone());
            let r = run(args).await?;
            println!(
                "{}: {:.0} answers/s, p50 {} us, p99 {} us, p99.9 {} us, max {} us, codes {:?}{}{}{}",
                r.label,
                r.throughput,
                r.latency_us["p50"],
                r.latency_us["p99"],
                r.latency_us["p99.9"],
                r.latency_us["max"],
                r.codes,
                r.server_cpu_percent.map(|c| format!(", server CPU {c:.0}%")).unwrap_or_default(),
                r.server_rss_peak.map(|m| format!(", server RSS peak {:.1} MiB", m as f64 / 1048576.0)).unwrap_or_default(),
                if r.stalled { ", STALLED" } else { "" }
            );
            if let Some(p) = json {
                std::fs::write(&p, serde_json::to_string_pretty(&r)?)?;
            }
            if let Some(p) = svg {
                std::fs::write(&p, report::latency_svg(&[&r]))?;
            }
        }
        Cmd::Refresh { addr, times, wait_secs } => time_refresh(&addr, times, wait_secs).await?,
        Cmd::Search { addr, pattern, times } => time_search(&addr, &pattern, times).await?,
        Cmd::Plot { reports, out, rss } => {
            let rs: Vec<report::Report> =
                reports.iter().map(|p| Ok(serde_json::from_str(&std::fs::read_to_string(p)?)?)).collect::<anyhow::Result<_>>()?;
            let refs: Vec<&report::Report> = rs.iter().collect();
            std::fs::write(&out, if rss { report::rss_svg(&refs) } else { report::latency_svg(&refs) })?;
        }
    }
    Ok(())
}
