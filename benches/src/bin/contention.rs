//! Engine-only contention benchmark (no network): T threads drive one shared
//! [`Endpoint`] straight through its API, each with its own connections, and each
//! also acting as a worker (takes batches, runs them on an in-memory project,
//! routes the results). Two workloads:
//!
//! - `hot`: cache-hot imports of 2,000 existing textures in 20 folders (the cache is
//!   warmed first);
//! - `mix`: 89.5% of those imports, 10% moves of a texture out of its folder and back
//!   (each invalidates the cache and conflicts with imports of that file), 0.5%
//!   imports of one of the 20 folders (conflicts with every import inside it, and
//!   re-imports its 100 textures).
//!
//! The project is in memory (`MemFs`, one lock around its tree): disk work in the mix
//! does not scale with threads here, the engine around it is what is measured.
//!
//! Prints answers per second at each thread count and the ratio to one thread, all
//! from one run. On a machine with k cores, thread counts above k only oversubscribe.
//!
//! `cargo run --release -p unity-mcp-benches --bin contention -- --threads 1,2 --secs 3`

use clap::Parser;
use rand::{rngs::SmallRng, Rng, SeedableRng};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use unity_mcp_engine::fs::MemFs;
use unity_mcp_engine::sched::{ConnId, ConnKind, Connection, Delivery, Endpoint, EngineConfig, Submission};
use unity_mcp_engine::{AssetDb, AssetPath, Op, RandomGuids};

#[derive(Parser, Debug)]
struct Args {
    /// Thread counts to measure, comma-separated.
    #[arg(long, default_value = "1,2", value_delimiter = ',')]
    threads: Vec<usize>,
    /// Seconds measured per point (after half a second of warm-up).
    #[arg(long, default_value_t = 3)]
    secs: u64,
    /// Connections per thread.
    #[arg(long, default_value_t = 8)]
    conns: usize,
    /// Requests in flight per connection.
    #[arg(long, default_value_t = 32)]
    window: usize,
    /// Repetitions of the whole table (medians are reported).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Workloads to run: hot, mix or both.
    #[arg(long, default_value = "hot,mix", value_delimiter = ',')]
    workloads: Vec<String>,
    /// Measure one point in this process and print only answers/s (the table runs
    /// every point in a fresh process of its own, so no point inherits another's
    /// threads, allocator arenas or caches).
    #[arg(long, hide = true)]
    one: bool,
}

const TEXTURES: usize = 2_000;

/// Folders the textures are spread over (`CONTENTION_FOLDERS`, default 20).
fn folders() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| std::env::var("CONTENTION_FOLDERS").ok().and_then(|v| v.parse().ok()).unwrap_or(20).max(1))
}

fn folder(i: usize) -> String {
    format!("Assets/Textures/F{:02}", i % folders())
}

fn texture(i: usize) -> AssetPath {
    AssetPath::from_trusted(format!("{}/t{i}.png", folder(i)))
}

/// The project: 2,000 textures, imported once so their metas exist and the cache holds them.
fn project() -> Arc<AssetDb> {
    let fs = MemFs::new("P");
    for f in 0..folders() {
        fs.put_dir(&folder(f));
    }
    fs.put_dir("Assets/Moved");
    for i in 0..TEXTURES {
        fs.put_file(texture(i).as_str(), b"\x89PNG\r\n\x1a\n");
    }
    let db = Arc::new(AssetDb::new(Arc::new(fs), Arc::new(RandomGuids::seeded(1))));
    let _ = db.build_index();
    db
}

struct World {
    ep: Endpoint,
    db: Arc<AssetDb>,
    conns: Vec<unity_mcp_engine::sync::Padded<Mutex<Connection<u64>>>>,
    index: HashMap<ConnId, usize>,
}

impl World {
    fn deliver(&self, done: Vec<unity_mcp_engine::sched::Done>, now: u64) {
        for d in done {
            if let Some(&i) = self.index.get(&d.conn) {
                let mut c = self.conns[i].lock().unwrap_or_else(|p| p.into_inner());
                if c.handle_result(&self.ep, d.seq, d.result, now) == Delivery::Recorded {
                    c.take_wake();
                    c.ack_wake();
                }
            }
        }
    }

    /// Takes and runs one batch if there is one (looking first, without a lock,
    /// whether anything is ready, as the server's workers do).
    fn work(&self, now: u64) -> bool {
        if !self.ep.has_ready() {
            return false;
        }
        let Some(batch) = self.ep.poll_dispatch(now) else { return false };
        let results = batch.jobs.iter().map(|d| self.db.apply(&d.op)).collect();
        let done = self.ep.handle_batch_done(now, batch, results);
        self.deliver(done, now);
        true
    }
}

/// The import of each texture, built once (a request's path costs one allocation,
/// as a decoded request's does, not a `format!`).
fn imports() -> &'static [Op] {
    static OPS: std::sync::OnceLock<Vec<Op>> = std::sync::OnceLock::new();
    OPS.get_or_init(|| (0..TEXTURES).map(|i| Op::Import(texture(i))).collect())
}

fn op_for(rng: &mut SmallRng, mix: bool, moved: &mut [bool]) -> Op {
    let i = rng.gen_range(0..TEXTURES);
    if !mix {
        return imports()[i].clone();
    }
    match rng.gen_range(0..1000) {
        0..=894 => imports()[i].clone(),
        895..=994 => {
            let away = AssetPath::from_trusted(format!("Assets/Moved/t{i}.png"));
            let op = if moved[i] { Op::Move { src: away, dst: texture(i) } } else { Op::Move { src: texture(i), dst: away } };
            moved[i] = !moved[i];
            op
        }
        _ => Op::Import(AssetPath::from_trusted(folder(i))),
    }
}

/// Answers per second with `threads` threads.
fn measure(threads: usize, args: &Args, mix: bool) -> f64 {
    let cfg = EngineConfig {
        window_per_conn: args.window,
        max_connections: std::env::var("CONTENTION_MAXCONN").ok().and_then(|v| v.parse().ok()).unwrap_or(1024),
        workers_min: threads,
        workers_initial: threads,
        workers_max: threads,
        queue_timeout_ms: 600_000,
        cache_ttl_ms: 600_000,
        ..EngineConfig::default()
    };
    let ep = Endpoint::new(cfg, 0);
    let mut conns = Vec::new();
    let mut index = HashMap::new();
    for i in 0..threads * args.conns {
        let c = ep.connect::<u64>(0, ConnKind::Stream).unwrap_or_else(|e| panic!("connect: {e}"));
        index.insert(c.id(), i);
        conns.push(unity_mcp_engine::sync::Padded(Mutex::new(c)));
    }
    let world = Arc::new(World { ep, db: project(), conns, index });
    // Warm the cache: import every texture once.
    let start = Instant::now();
    let now = move || start.elapsed().as_micros() as u64;
    {
        let mut c = world.conns[0].lock().unwrap_or_else(|p| p.into_inner());
        for i in 0..TEXTURES {
            c.handle_request(&world.ep, now(), Submission { work: Ok(Op::Import(texture(i))), ctx: 0, deadline_us: None, bytes: 64, trace: 0 });
            drop(c);
            while world.work(now()) {}
            c = world.conns[0].lock().unwrap_or_else(|p| p.into_inner());
            while c.poll_answer(&world.ep).is_some() {}
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    let measuring = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicU64::new(0));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (world, stop, measuring, answered) = (world.clone(), stop.clone(), measuring.clone(), answered.clone());
            let conns = args.conns;
            std::thread::spawn(move || {
                let mut rng = SmallRng::seed_from_u64(t as u64 + 11);
                let mut moved = vec![false; TEXTURES];
                let mine: Vec<usize> = (t * conns..(t + 1) * conns).collect();
                let mut local = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    for &i in &mine {
                        let mut c = world.conns[i].lock().unwrap_or_else(|p| p.into_inner());
                        while c.reserve_read(&world.ep) {
                            let op = op_for(&mut rng, mix, &mut moved);
                            c.handle_request(&world.ep, now(), Submission { work: Ok(op), ctx: 0, deadline_us: None, bytes: 64, trace: 0 });
                        }
                        while c.poll_answer(&world.ep).is_some() {
                            local += 1;
                        }
                        c.take_wake();
                        c.ack_wake();
                    }
                    while world.work(now()) {}
                    if measuring.load(Ordering::Relaxed) {
                        answered.fetch_add(local, Ordering::Relaxed);
                    }
                    local = 0;
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    measuring.store(true, Ordering::Relaxed);
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_secs(args.secs));
    let n = answered.load(Ordering::Relaxed);
    let secs = t0.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }
    if std::env::var_os("CONTENTION_DEBUG").is_some() {
        eprintln!("{threads} threads: {:?}", world.ep.stats());
    }
    n as f64 / secs
}

/// One point, measured in a fresh process.
fn point(threads: usize, args: &Args, mix: bool) -> f64 {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("own executable: {e}"));
    let out = std::process::Command::new(exe)
        .args(["--one", "--threads", &threads.to_string(), "--secs", &args.secs.to_string()])
        .args(["--conns", &args.conns.to_string(), "--window", &args.window.to_string()])
        .args(["--workloads", if mix { "mix" } else { "hot" }])
        .output()
        .unwrap_or_else(|e| panic!("run a point: {e}"));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or_else(|_| panic!("a point failed: {}", String::from_utf8_lossy(&out.stderr)))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    // As the server does: arenas give pages back on a schedule, not on every swing.
    unity_mcp_server::memory::defer_trimming();
    let args = Args::parse();
    if args.one {
        let mix = args.workloads.first().is_some_and(|w| w == "mix");
        println!("{}", measure(args.threads.first().copied().unwrap_or(1), &args, mix));
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("# engine-only contention: {} connections x window {} per thread, {} s per point, median of {} rounds, {cores} cores", args.conns, args.window, args.secs, args.rounds);
    println!();
    println!("| workload | threads | answers/s | vs 1 thread |");
    println!("|---|---|---|---|");
    for (name, mix) in [("hot (cache-hot imports)", false), ("mix (imports, 10% moves, 0.5% folder imports)", true)] {
        if !args.workloads.iter().any(|w| w == if mix { "mix" } else { "hot" }) {
            continue;
        }
        let mut base = None;
        for &t in &args.threads {
            let rate = median((0..args.rounds.max(1)).map(|_| point(t, &args, mix)).collect());
            let b = *base.get_or_insert(rate);
            println!("| {name} | {t} | {:.0} | {:.2}x |", rate, rate / b);
        }
    }
}
