//! Full-stack simulation: the production server (driver, engine, tonic service) on a
//! simulated node, real tonic clients on other nodes, the in-memory project with
//! seeded disk faults and worker panics, network latency and clogs, server kill and
//! restart. Everything is chosen by madsim's seed; the same seed gives the same run.
//!
//! Checked on every seed (a violation panics, and madsim prints the seed):
//! - every stream answer comes in request order, once, with the request's id, or the
//!   stream ends with a status; a stream the client half-closes ends after all answers;
//! - replaying the server's commit log (operations where they ran, and cache hits)
//!   sequentially on a fresh copy of the project gives the same answers and the same
//!   final state, with the same GUIDs (none changes on a move);
//! - every client answer equals what the log says (or is a validation or shed error);
//! - the buffered requests never exceed the budgets, also with clients that never read;
//! - once faults stop, everything drains: no connection, job, buffer, reader task or
//!   pooled buffer is left;
//! - no panic escapes (a worker panic becomes code 13);
//! - each request executes at most once (a trace is in the commit log once);
//! - the expected wire answer is built here from the commit log and the contract,
//!   not by the server's own converter, so a conversion bug shows;
//! - only requests the simulation made invalid are answered 3 without running;
//! - at quiescence the asset index equals the disk, and every accepted request was
//!   answered, cancelled unrun, or discarded after its caller left.

use rand::{rngs::SmallRng, Rng, SeedableRng};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use unity_mcp_engine::fs::{FaultFn, FsCall, MemFs};
use unity_mcp_engine::sched::EngineConfig;
use unity_mcp_engine::{Asset, AssetDb, ErrorKind, Op, OpError, OpResult, Outcome, RandomGuids};
use unity_mcp_server::config::Config;
use unity_mcp_server::convert::OpKind;
use unity_mcp_server::driver::{Driver, Observer};
use unity_mcp_server::service::McpService;
use unity_mcp_wire::pb::{self, stream_request::Message as Req, unity_mcp_service_client::UnityMcpServiceClient};

const SERVER_IP: [u8; 4] = [10, 0, 0, 1];
const PORT: u16 = 50051;
/// How long a client waits for one answer before giving up (killed server).
const CLIENT_DEADLINE: Duration = Duration::from_secs(20);

/// Paths the clients operate on: folders, files in them, free places, and one bad path.
const PATHS: &[&str] = &[
    "Assets/A",
    "Assets/A/x.png",
    "Assets/A/y.cs",
    "Assets/A/Sub",
    "Assets/A/Sub/z.txt",
    "Assets/B",
    "Assets/B/w.mat",
    "Assets/C",
    "Assets/C/moved.png",
    "Assets/v.prefab",
    "Assets/../escape",
];

fn initial_project(fs: &MemFs) {
    fs.put_dir("Assets");
    for f in ["Assets/A/x.png", "Assets/A/y.cs", "Assets/A/Sub/z.txt", "Assets/B/w.mat", "Assets/v.prefab"] {
        fs.put_file(f, f.as_bytes());
    }
    fs.put_file("Assets/A/x.png.meta", b"fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\nTextureImporter:\n");
    fs.put_file("Assets/stale.png.meta", b"fileFormatVersion: 2\nguid: 00000000000000000000000000000abc\n");
    // Written on Windows: BOM, CRLF, no final newline.
    fs.put_file("Assets/B/w.mat.meta", b"\xEF\xBB\xBFfileFormatVersion: 2\r\nguid: 00000000000000000000000000000def\r\nNativeFormatImporter:\r\n  mainObjectFileID: 2100000");
}

/// What the server did, in the order it happened.
#[derive(Clone, Debug)]
enum Event {
    Executed { trace: u64, op: Op, result: OpResult },
    CacheHit { trace: u64, asset: Asset },
    FaultsOff,
}

#[derive(Default)]
struct Log(Mutex<Vec<Event>>);

impl Log {
    fn push(&self, e: Event) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(e);
    }
}

impl Observer for Log {
    fn executed(&self, trace: u64, op: &Op, result: &OpResult) {
        self.push(Event::Executed { trace, op: op.clone(), result: result.clone() });
    }
    fn cache_hit(&self, trace: u64, asset: &Asset) {
        self.push(Event::CacheHit { trace, asset: asset.clone() });
    }
}

/// Disk faults and worker panics, drawn from their own seeded generator only on
/// mutating calls, so a sequential replay with the same seed meets the same faults.
fn fault_hook(seed: u64, io_rate: f64, panic_rate: f64, on: Arc<AtomicBool>) -> FaultFn {
    let rng = Mutex::new(SmallRng::seed_from_u64(seed));
    Arc::new(move |call, path| {
        if call == FsCall::Read || !on.load(Ordering::SeqCst) {
            return None;
        }
        let mut rng = rng.lock().unwrap_or_else(|p| p.into_inner());
        let x: f64 = rng.gen();
        if x < panic_rate {
            drop(rng);
            panic!("injected worker panic on {call:?} of {path}");
        }
        if x < panic_rate + io_rate {
            return Some(match rng.gen_range(0..3) {
                0 => std::io::ErrorKind::StorageFull,
                1 => std::io::ErrorKind::PermissionDenied,
                _ => std::io::ErrorKind::Other,
            });
        }
        None
    })
}

/// How one client behaves.
#[derive(Clone, Copy, Debug)]
enum Behaviour {
    /// A stream with `window` requests in flight; half-closes after sending all.
    Pipeline { window: usize },
    /// Unary calls one after another.
    Unary,
    /// Sends on a stream, never reads, then goes away.
    NeverRead,
    /// A pipeline that drops its stream after `after` answers.
    Disconnect { window: usize, after: usize },
    /// A pipeline that reads slowly.
    Slow { window: usize, pause_ms: u64 },
}

#[derive(Default, Debug)]
struct ClientRecord {
    /// (trace, kind, made invalid) of each stream request sent, in order (None kind:
    /// no operation).
    sent: Vec<(u64, Option<OpKind>, bool)>,
    /// Stream answers received, in order.
    answers: Vec<pb::StreamResponse>,
    /// The stream ended with this status.
    status: Option<tonic::Status>,
    /// The client half-closed and expected every answer.
    expect_all: bool,
    /// Stream requests were accepted at all (connect and open succeeded).
    opened: bool,
}

/// The paths the simulation knows to be invalid (escaping the project, empty).
fn invalid_path(p: &str) -> bool {
    p.is_empty() || p.contains("..")
}

/// True if the simulation made `req` invalid on purpose (no operation, a bad path).
fn made_invalid(req: &pb::StreamRequest) -> bool {
    match &req.message {
        None => true,
        Some(Req::ImportAsset(r)) => invalid_path(&r.asset_path),
        Some(Req::MoveAsset(r)) => invalid_path(&r.src_path) || invalid_path(&r.dst_path),
        Some(Req::DeleteAsset(r)) => invalid_path(&r.asset_path),
        Some(Req::Refresh(_)) => false,
        Some(other) => panic!("the simulation does not send {other:?}"),
    }
}

fn random_request(rng: &mut SmallRng, trace: u64) -> (pb::StreamRequest, Option<OpKind>) {
    let p = |rng: &mut SmallRng| PATHS[rng.gen_range(0..PATHS.len())].to_string();
    let (message, kind) = match rng.gen_range(0..20) {
        0..=8 => (Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: p(rng) })), Some(OpKind::Import)),
        9..=13 => (Some(Req::MoveAsset(pb::MoveAssetRequest { src_path: p(rng), dst_path: p(rng) })), Some(OpKind::Move)),
        14..=16 => (Some(Req::DeleteAsset(pb::DeleteAssetRequest { asset_path: p(rng), ..Default::default() })), Some(OpKind::Delete)),
        17 => (Some(Req::Refresh(pb::RefreshRequest {})), Some(OpKind::Refresh)),
        18 => (Some(Req::ImportAsset(pb::ImportAssetRequest { asset_path: String::new() })), Some(OpKind::Import)),
        _ => (None, None),
    };
    (pb::StreamRequest { message, id: trace }, kind)
}

async fn connect(rng: &mut SmallRng) -> Option<UnityMcpServiceClient<tonic::transport::Channel>> {
    let addr = format!("http://{}:{PORT}", IpAddr::from(SERVER_IP));
    for _ in 0..20 {
        if let Ok(c) = UnityMcpServiceClient::connect(addr.clone()).await {
            return Some(c);
        }
        madsim::time::sleep(Duration::from_millis(rng.gen_range(10..200))).await;
    }
    None
}

async fn run_client(k: u64, behaviour: Behaviour, n: usize, seed: u64, rec: Arc<Mutex<ClientRecord>>) {
    let mut rng = SmallRng::seed_from_u64(seed);
    let Some(mut client) = connect(&mut rng).await else { return };
    if let Behaviour::Unary = behaviour {
        for i in 0..n {
            let (req, _) = random_request(&mut rng, 0);
            // Unary answers carry no trace; their commits are still replayed.
            // A deadline, as real clients set one: a call to a killed server may never end.
            let call = async {
                match req.message {
                    Some(Req::ImportAsset(r)) => client.import_asset(r).await.map(|_| ()),
                    Some(Req::MoveAsset(r)) => client.move_asset(r).await.map(|_| ()),
                    Some(Req::DeleteAsset(r)) => client.delete_asset(r).await.map(|_| ()),
                    Some(Req::Refresh(r)) => client.refresh(r).await.map(|_| ()),
                    Some(Req::FindAssets(r)) => client.find_assets(r).await.map(|_| ()),
                    Some(Req::FindReferences(r)) => client.find_references(r).await.map(|_| ()),
                    Some(Req::GetDependencies(r)) => client.get_dependencies(r).await.map(|_| ()),
                    Some(Req::CheckProject(r)) => client.check_project(r).await.map(|_| ()),
                    Some(Req::CopyAsset(r)) => client.copy_asset(r).await.map(|_| ()),
                    Some(Req::CreateFolder(r)) => client.create_folder(r).await.map(|_| ()),
                    Some(Req::ReadText(r)) => client.read_text(r).await.map(|_| ()),
                    Some(Req::WriteText(r)) => client.write_text(r).await.map(|_| ()),
                    Some(Req::EditText(r)) => client.edit_text(r).await.map(|_| ()),
                    Some(Req::SearchText(r)) => client.search_text(r).await.map(|_| ()),
                    Some(Req::CreateScript(r)) => client.create_script(r).await.map(|_| ()),
                    Some(Req::ValidateScript(r)) => client.validate_script(r).await.map(|_| ()),
                    Some(Req::GetHierarchy(r)) => client.get_hierarchy(r).await.map(|_| ()),
                    Some(Req::GetObject(r)) => client.get_object(r).await.map(|_| ()),
                    Some(Req::SetProperty(r)) => client.set_property(r).await.map(|_| ()),
                    None => client.get_project_info(pb::GetProjectInfoRequest {}).await.map(|_| ()),
                }
            };
            let _ = madsim::time::timeout(CLIENT_DEADLINE, call).await;
            if i % 5 == 4 {
                madsim::time::sleep(Duration::from_millis(rng.gen_range(0..20))).await;
            }
        }
        return;
    }
    let window = match behaviour {
        Behaviour::Pipeline { window } | Behaviour::Disconnect { window, .. } | Behaviour::Slow { window, .. } => window,
        _ => n.max(1),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<pb::StreamRequest>(window);
    let mut answers = match client.stream(tokio_stream::wrappers::ReceiverStream::new(rx)).await {
        Ok(r) => r.into_inner(),
        Err(status) => {
            rec.lock().unwrap_or_else(|p| p.into_inner()).status = Some(status);
            return;
        }
    };
    rec.lock().unwrap_or_else(|p| p.into_inner()).opened = true;
    let permits = Arc::new(tokio::sync::Semaphore::new(window));
    let sender = {
        let (rec, permits) = (rec.clone(), permits.clone());
        let mut rng = SmallRng::seed_from_u64(seed ^ 0x5eed);
        madsim::task::spawn(async move {
            for i in 0..n {
                let Ok(p) = permits.acquire().await else { return };
                p.forget();
                let trace = ((k + 1) << 32) | i as u64;
                let (req, kind) = random_request(&mut rng, trace);
                rec.lock().unwrap_or_else(|p| p.into_inner()).sent.push((trace, kind, made_invalid(&req)));
                if tx.send(req).await.is_err() {
                    return;
                }
                if rng.gen_bool(0.1) {
                    madsim::time::sleep(Duration::from_millis(rng.gen_range(0..30))).await;
                }
            }
            rec.lock().unwrap_or_else(|p| p.into_inner()).expect_all = true;
            // Dropping `tx` half-closes the stream.
        })
    };
    if let Behaviour::NeverRead = behaviour {
        madsim::time::sleep(Duration::from_millis(rng.gen_range(100..2_000))).await;
        sender.abort();
        rec.lock().unwrap_or_else(|p| p.into_inner()).expect_all = false;
        return;
    }
    let mut got = 0usize;
    loop {
        let Ok(next) = madsim::time::timeout(CLIENT_DEADLINE, answers.message()).await else {
            // No answer for a long time (a killed server): the client gives up.
            sender.abort();
            rec.lock().unwrap_or_else(|p| p.into_inner()).status = Some(tonic::Status::deadline_exceeded("client gave up"));
            return;
        };
        match next {
            Ok(Some(a)) => {
                rec.lock().unwrap_or_else(|p| p.into_inner()).answers.push(a);
                permits.add_permits(1);
                got += 1;
                match behaviour {
                    Behaviour::Disconnect { after, .. } if got >= after => {
                        sender.abort();
                        rec.lock().unwrap_or_else(|p| p.into_inner()).expect_all = false;
                        return;
                    }
                    Behaviour::Slow { pause_ms, .. } => madsim::time::sleep(Duration::from_millis(pause_ms)).await,
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(status) => {
                rec.lock().unwrap_or_else(|p| p.into_inner()).status = Some(status);
                sender.abort();
                return;
            }
        }
    }
    let _ = sender.await;
}

/// What the simulation measured (for the seeds-per-minute report).
#[derive(Clone, Copy, Debug, Default)]
pub struct RunStats {
    /// Clients run.
    pub clients: usize,
    /// Stream answers received.
    pub answers: usize,
    /// Operations the server executed.
    pub commits: usize,
    /// Server restarts.
    pub restarts: usize,
}

/// The gRPC code the contract (proto/unity_mcp.proto) gives each kind of failure,
/// written out here rather than taken from the server's converter.
fn contract_code(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::Invalid => 3,
        ErrorKind::DeadlineExceeded => 4,
        ErrorKind::Aborted => 10,
        ErrorKind::NotFound => 5,
        ErrorKind::AlreadyExists => 6,
        ErrorKind::Exhausted => 8,
        ErrorKind::Precondition => 9,
        ErrorKind::Internal => 13,
        ErrorKind::Unavailable => 14,
    }
}

/// The wire answer the contract says a committed `result` of a request of `kind`
/// with id `trace` must get, built field by field from the proto's definitions.
fn expected_answer(trace: u64, kind: OpKind, result: &OpResult) -> pb::StreamResponse {
    use pb::stream_response::Message as Ans;
    let error = |e: &OpError| Some(pb::McpError { code: contract_code(e.kind), message: e.message.clone(), details: e.details.clone() });
    let asset = |a: &Asset| pb::UnityAsset { guid: format!("{:032x}", a.guid.0), asset_path: a.path.as_str().to_string(), r#type: a.type_name.to_string() };
    let unexpected = |o: &Outcome| panic!("a {kind:?} request committed as {o:?}");
    let message = match (kind, result) {
        (OpKind::Import, Ok(Outcome::Asset(a))) => Ans::ImportAsset(pb::ImportAssetResponse { asset: Some(asset(a)), error: None }),
        (OpKind::Import, Err(e)) => Ans::ImportAsset(pb::ImportAssetResponse { asset: None, error: error(e) }),
        (OpKind::Move, Ok(Outcome::Asset(a))) => Ans::MoveAsset(pb::MoveAssetResponse { asset: Some(asset(a)), error: None }),
        (OpKind::Move, Err(e)) => Ans::MoveAsset(pb::MoveAssetResponse { asset: None, error: error(e) }),
        (OpKind::Delete, Ok(Outcome::Deleted { referenced_by })) => {
            Ans::DeleteAsset(pb::DeleteAssetResponse { success: true, error: None, referenced_by: referenced_by.iter().map(asset).collect() })
        }
        (OpKind::Delete, Err(e)) => Ans::DeleteAsset(pb::DeleteAssetResponse { success: false, error: error(e), referenced_by: e.referrers.iter().map(asset).collect() }),
        (OpKind::Refresh, Ok(Outcome::Refreshed(r))) => Ans::Refresh(pb::RefreshResponse {
            success: true,
            error: None,
            metas_created: r.metas_created,
            metas_removed: r.metas_removed,
            reidentified_count: r.reidentified_count,
            reidentified: r
                .reidentified
                .iter()
                .map(|e| pb::ReidentifiedAsset {
                    asset_path: e.path.as_str().to_string(),
                    old_guid: format!("{:032x}", e.old_guid.0),
                    new_guid: format!("{:032x}", e.new_guid.0),
                    kept_by: e.kept_by.as_str().to_string(),
                })
                .collect(),
        }),
        (OpKind::Refresh, Err(e)) => Ans::Refresh(pb::RefreshResponse { success: false, error: error(e), ..Default::default() }),
        (_, Ok(o)) => unexpected(o),
        (other, Err(_)) => panic!("the simulation does not send {other:?}"),
    };
    pb::StreamResponse { message: Some(message), id: trace, error: None }
}

fn same_result(real: &OpResult, model: &OpResult) -> bool {
    match (real, model) {
        // A panic's message is made where it is caught; compare the code.
        (Err(a), Err(b)) if a.kind == ErrorKind::Internal || b.kind == ErrorKind::Internal => a.kind == b.kind,
        _ => real == model,
    }
}

/// Runs one seeded scenario; panics on any violated invariant.
pub async fn run() -> RunStats {
    let base: u64 = madsim::rand::thread_rng().gen();
    let mut rng = SmallRng::seed_from_u64(base);
    let handle = madsim::runtime::Handle::current();
    let net = madsim::net::NetSim::current();

    // The scenario.
    let engine = EngineConfig {
        max_connections: rng.gen_range(4..40),
        window_per_conn: rng.gen_range(1..8),
        global_max_requests: rng.gen_range(8..128),
        global_max_bytes: 64 * 1024,
        queue_timeout_ms: if rng.gen_bool(0.2) { rng.gen_range(5..50) } else { 5_000 },
        batch_min: 1,
        batch_max: 8,
        batch_initial: rng.gen_range(1..8),
        batch_max_wait_us: rng.gen_range(0..500),
        workers_min: 1,
        workers_max: 4,
        workers_initial: rng.gen_range(1..5),
        adapt_interval_ms: 20,
        target_queue_wait_us: 1_000,
        cache_capacity: rng.gen_range(1..16),
        cache_ttl_ms: 60_000,
        // Not drawn from `rng`, so old seeds keep their scenarios.
        shards: 1 + (base % 8) as usize,
        // The replay runs every operation to its end: no operation may stop early.
        op_timeout_ms: 3_600_000,
        keep_orphan_folder_metas: false,
        max_text_bytes: unity_mcp_engine::db::DEFAULT_MAX_TEXT_BYTES,
        max_yaml_bytes: unity_mcp_engine::db::DEFAULT_MAX_YAML_BYTES,
        script_tree_cache_bytes: unity_mcp_engine::db::DEFAULT_SCRIPT_TREE_CACHE_BYTES,
        search_threads: 1,
        case_insensitive: None,
    };
    let cfg = Config { engine: engine.clone(), ..Config::default() };
    let guid_seed: u64 = rng.gen();
    let fault_seed: u64 = rng.gen();
    let io_rate = [0.0, 0.01, 0.05][rng.gen_range(0..3)];
    let panic_rate = if rng.gen_bool(0.3) { 0.01 } else { 0.0 };
    let faults_on = Arc::new(AtomicBool::new(true));

    let fs = MemFs::new("SimProject");
    initial_project(&fs);
    fs.set_fault(Some(fault_hook(fault_seed, io_rate, panic_rate, faults_on.clone())));
    let guids = Arc::new(RandomGuids::seeded(guid_seed));
    let log = Arc::new(Log::default());
    let current: Arc<Mutex<Option<Driver>>> = Arc::new(Mutex::new(None));
    let incarnations = Arc::new(std::sync::atomic::AtomicUsize::new(0));

    let server = {
        let (fs, guids, log, current, cfg, inc) = (fs.clone(), guids.clone(), log.clone(), current.clone(), cfg.clone(), incarnations.clone());
        handle
            .create_node()
            .name("server")
            .ip(IpAddr::from(SERVER_IP))
            .init(move || {
                let (fs, guids, log, current, cfg, inc) = (fs.clone(), guids.clone(), log.clone(), current.clone(), cfg.clone(), inc.clone());
                async move {
                    inc.fetch_add(1, Ordering::SeqCst);
                    let db = AssetDb::new(Arc::new(fs), guids);
                    // Exactly as the production server starts (`open_project_with`).
                    unity_mcp_server::server::index_project(&db);
                    let db = Arc::new(db);
                    let observer: Arc<dyn Observer> = log;
                    let driver = Driver::start_observed(db, cfg.engine.clone(), Some(observer));
                    *current.lock().unwrap_or_else(|p| p.into_inner()) = Some(driver.clone());
                    let addr = SocketAddr::from((SERVER_IP, PORT));
                    if let Err(e) = unity_mcp_server::server::serve_sim(addr, McpService::new(driver), &cfg).await {
                        panic!("server failed: {e}");
                    }
                }
            })
            .build()
    };
    madsim::time::sleep(Duration::from_millis(10)).await;

    // Bounds, sampled all along: buffering never exceeds the budgets, whatever clients do.
    let monitor_done = Arc::new(AtomicBool::new(false));
    let monitor = {
        let (current, done, engine) = (current.clone(), monitor_done.clone(), engine.clone());
        madsim::task::spawn(async move {
            while !done.load(Ordering::SeqCst) {
                let driver = current.lock().unwrap_or_else(|p| p.into_inner()).clone();
                if let Some(d) = driver {
                    let st = d.stats();
                    assert!(st.buffered_requests + st.reserved_reads <= engine.global_max_requests, "buffered beyond global_max_requests: {st:?}");
                    assert!(
                        st.buffered_requests + st.reserved_reads <= engine.window_per_conn * st.stream_connections + (st.connections - st.stream_connections),
                        "a stream buffered beyond its window: {st:?}"
                    );
                    assert!(st.stream_connections <= engine.max_connections, "{st:?}");
                }
                madsim::time::sleep(Duration::from_millis(2)).await;
            }
        })
    };

    // Clients.
    let n_clients = if rng.gen_bool(0.05) { 100 } else { rng.gen_range(1..=12) };
    let mut records = Vec::new();
    let mut tasks = Vec::new();
    let mut client_nodes = Vec::new();
    for k in 0..n_clients {
        let behaviour = match rng.gen_range(0..10) {
            0..=3 => Behaviour::Pipeline { window: rng.gen_range(1..16) },
            4 => Behaviour::Pipeline { window: 1 },
            5 => Behaviour::Unary,
            6 => Behaviour::NeverRead,
            7 => Behaviour::Disconnect { window: rng.gen_range(1..8), after: rng.gen_range(0..10) },
            _ => Behaviour::Slow { window: rng.gen_range(1..8), pause_ms: rng.gen_range(1..20) },
        };
        let n = if n_clients > 20 { rng.gen_range(1..10) } else { rng.gen_range(1..60) };
        let rec = Arc::new(Mutex::new(ClientRecord::default()));
        records.push((behaviour, rec.clone()));
        let node = handle.create_node().name(format!("client{k}")).ip(IpAddr::from([10, 0, 1 + (k / 250) as u8, 1 + (k % 250) as u8])).build();
        let seed: u64 = rng.gen();
        let start_ms = rng.gen_range(0..300);
        client_nodes.push(node.id());
        tasks.push(node.spawn(async move {
            madsim::time::sleep(Duration::from_millis(start_ms)).await;
            run_client(k as u64, behaviour, n, seed, rec).await;
        }));
    }

    // Faults, for a while; then the network heals and the disk behaves.
    let mut restarts = 0;
    let fault_rounds = rng.gen_range(0..6);
    for _ in 0..fault_rounds {
        madsim::time::sleep(Duration::from_millis(rng.gen_range(10..300))).await;
        match rng.gen_range(0..4) {
            0 => {
                handle.kill(server.id());
                madsim::time::sleep(Duration::from_millis(rng.gen_range(1..200))).await;
                handle.restart(server.id());
                restarts += 1;
            }
            1 => {
                let lo = rng.gen_range(0..5);
                net.update_config(|c| c.send_latency = Duration::from_millis(lo)..Duration::from_millis(lo + rng.gen_range(1..30)));
            }
            _ => {
                if !client_nodes.is_empty() {
                    let id = client_nodes[rng.gen_range(0..client_nodes.len())];
                    net.clog_node(id);
                    madsim::time::sleep(Duration::from_millis(rng.gen_range(1..500))).await;
                    net.unclog_node(id);
                }
            }
        }
    }
    net.update_config(|c| c.send_latency = Duration::from_millis(1)..Duration::from_millis(5));
    for id in &client_nodes {
        net.unclog_node(*id);
    }
    faults_on.store(false, Ordering::SeqCst);
    log.push(Event::FaultsOff);

    // Liveness: every client finishes once faults stop.
    let all = futures::future::join_all(tasks);
    if madsim::time::timeout(Duration::from_secs(120), all).await.is_err() {
        let stuck: Vec<String> = records
            .iter()
            .map(|(b, r)| {
                let r = r.lock().unwrap_or_else(|p| p.into_inner());
                format!("{b:?}: sent {} answered {} status {:?} expect_all {}", r.sent.len(), r.answers.len(), r.status.as_ref().map(|s| s.code()), r.expect_all)
            })
            .collect();
        let st = current.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|d| (d.stats(), d.live_tasks()));
        panic!("liveness: clients still waiting 120 s after faults stopped (restarts {restarts}); server {st:?}\n{}", stuck.join("\n"));
    }
    // ... and the server drains.
    let current_driver = || current.lock().unwrap_or_else(|p| p.into_inner()).clone().expect("server started");
    let mut driver = current_driver();
    let mut drained = false;
    for _ in 0..2_000 {
        // A restart may still be starting the last incarnation: always check the latest.
        driver = current_driver();
        let st = driver.stats();
        if st.connections == 0 && st.live_jobs == 0 && st.buffered_requests == 0 && st.buffered_bytes == 0 && st.busy_workers == 0 && driver.live_tasks() == 0 {
            drained = true;
            break;
        }
        madsim::time::sleep(Duration::from_millis(5)).await;
    }
    if !drained {
        let tail: Vec<String> = log.0.lock().unwrap_or_else(|p| p.into_inner()).iter().rev().take(4).map(|e| format!("{e:?}")).collect();
        panic!("did not drain at quiescence (restarts {restarts}, incarnations {}): {:?}, live tasks {}\nlast commits: {tail:#?}", incarnations.load(Ordering::SeqCst), driver.stats(), driver.live_tasks());
    }
    monitor_done.store(true, Ordering::SeqCst);
    let _ = monitor.await;
    let pool = driver.db().buffers().stats();
    assert_eq!(pool.outstanding, 0, "pooled buffers leaked: {pool:?}");
    // Every accepted request was answered, cancelled unrun, or discarded after its
    // caller left: none vanished, none was answered twice.
    let metrics = driver.metrics();
    assert_eq!(
        metrics.requests,
        metrics.answers() + metrics.cancelled + metrics.discarded,
        "requests {} != answers {} + cancelled {} + discarded {}",
        metrics.requests,
        metrics.answers(),
        metrics.cancelled,
        metrics.discarded
    );
    // The asset index says what the disk says.
    if let Err(e) = driver.db().verify_index() {
        if std::env::var("SIM_TRACE").is_ok() {
            for ev in log.0.lock().unwrap_or_else(|p| p.into_inner()).iter() {
                eprintln!("TRACE {ev:?}");
            }
        }
        panic!("index != disk at quiescence: {e}");
    }

    // The commit log, replayed sequentially on a fresh copy of the project.
    let events = log.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let ref_on = Arc::new(AtomicBool::new(true));
    let ref_fs = MemFs::new("SimProject");
    initial_project(&ref_fs);
    ref_fs.set_fault(Some(fault_hook(fault_seed, io_rate, panic_rate, ref_on.clone())));
    let ref_db = AssetDb::new(Arc::new(ref_fs.clone()), Arc::new(RandomGuids::seeded(guid_seed)));
    let mut by_trace: HashMap<u64, OpResult> = HashMap::new();
    let mut commit_index: HashMap<u64, (usize, Op)> = HashMap::new();
    let mut commits = 0;
    for e in &events {
        match e {
            Event::FaultsOff => ref_on.store(false, Ordering::SeqCst),
            Event::Executed { trace, op, result } => {
                commits += 1;
                let before = match op {
                    Op::Move { src, .. } => ref_db.info(src).ok(),
                    _ => None,
                };
                let model = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ref_db.apply(op)))
                    .unwrap_or_else(|_| Err(OpError::new(ErrorKind::Internal, "panicked")));
                assert!(same_result(result, &model), "commit of {op:?} (trace {trace}): server said {result:?}, model says {model:?}");
                if let (Some(b), Ok(Outcome::Asset(a))) = (before, result) {
                    assert_eq!(b.guid, a.guid, "a GUID changed on a move: {op:?}");
                }
                if *trace != 0 {
                    assert!(by_trace.insert(*trace, result.clone()).is_none(), "executed twice: trace {trace} ({op:?})");
                    commit_index.insert(*trace, (commits, op.clone()));
                }
            }
            Event::CacheHit { trace, asset } => {
                let model = ref_db.info(&asset.path);
                assert_eq!(model.as_ref().ok(), Some(asset), "a cached answer differs from the disk (trace {trace})");
                // Unary calls carry no trace (0): only stream requests are told apart.
                if *trace != 0 {
                    assert!(by_trace.insert(*trace, Ok(Outcome::Asset(asset.clone()))).is_none(), "executed twice: trace {trace} (cache hit)");
                }
            }
        }
    }
    assert_eq!(fs.snapshot(), ref_fs.snapshot(), "final project differs from the sequential replay");

    // Every stream answer: in order, once, the right one.
    let mut answers_total = 0;
    for (behaviour, rec) in &records {
        let rec = rec.lock().unwrap_or_else(|p| p.into_inner());
        answers_total += rec.answers.len();
        assert!(rec.answers.len() <= rec.sent.len(), "{behaviour:?}: more answers than requests");
        for (i, a) in rec.answers.iter().enumerate() {
            let (trace, kind, invalid) = rec.sent[i];
            assert_eq!(a.id, trace, "{behaviour:?}: answer {i} out of order");
            let expected = match (kind, by_trace.get(&trace)) {
                (Some(kind), Some(result)) => Some(expected_answer(trace, kind, result)),
                _ => None,
            };
            match expected {
                Some(e) => assert_eq!(a, &e, "{behaviour:?}: answer {i} differs from what the server committed"),
                None => {
                    let code = a.operation_error().map(|e| e.code);
                    if invalid {
                        assert_eq!(code, Some(3), "{behaviour:?}: answer {i} ({a:?}) to an invalid request is not INVALID_ARGUMENT");
                    } else {
                        assert_eq!(code, Some(8), "{behaviour:?}: answer {i} ({a:?}) was never committed and is no shed error");
                    }
                }
            }
        }
        // Conflicting requests of one stream commit in the order they were sent.
        let ran: Vec<&(usize, Op)> = rec.sent.iter().filter_map(|(t, _, _)| commit_index.get(t)).collect();
        for (i, (ia, a)) in ran.iter().enumerate() {
            for (ib, b) in &ran[i + 1..] {
                if a.conflicts_with(b) {
                    assert!(ia < ib, "{behaviour:?}: {a:?} was sent before the conflicting {b:?} but committed after it");
                }
            }
        }
        if rec.expect_all && rec.status.is_none() && rec.opened {
            assert_eq!(rec.answers.len(), rec.sent.len(), "{behaviour:?}: the stream ended without answering everything");
        }
    }
    RunStats { clients: n_clients, answers: answers_total, commits, restarts }
}
