//! The full-stack simulation under madsim (see `unity_mcp_sim::full_stack`), over many
//! seeds, with a determinism check on a share of them.
//!
//! SIM_SEEDS (default 200; CI runs 2,000+) seeds from SIM_BASE (default: from the clock,
//! printed first), plus every seed in sim/regressions/full_stack.txt; SIM_DETERMINISM_PCT
//! (default 5) percent of them are run twice and must draw the same random sequence.
//! Run: RUSTFLAGS="--cfg madsim" SIM_BASE=1 SIM_SEEDS=100 \
//!      cargo test -p unity-mcp-sim --test full_stack --release -- --nocapture
#![cfg(madsim)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use unity_mcp_sim::full_stack;

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Process-wide state that seeds itself lazily from the OS (hashbrown's foldhash
/// seed, used by `lru`, and std's hash keys) would draw from the simulator's random
/// stream the first time only, so a seed would run differently after another one.
/// Touch it once outside any simulation.
fn warm_up_process_globals() {
    let mut c: lru::LruCache<u32, u32> = lru::LruCache::new(std::num::NonZeroUsize::MIN);
    c.put(1, 1);
    let mut m = std::collections::HashMap::new();
    m.insert(1, 1);
}

fn run_one(seed: u64, check: bool) -> Result<full_stack::RunStats, String> {
    let out = std::thread::spawn(move || {
        let config = madsim::Config::default();
        if check {
            // check_determinism runs the seed on threads of its own.
            madsim::runtime::Runtime::check_determinism(seed, config, full_stack::run)
        } else {
            unity_mcp_sim::quietly(|| madsim::runtime::Runtime::with_seed_and_config(seed, config).block_on(full_stack::run()))
        }
    })
    .join();
    out.map_err(|e| e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_else(|| "panic".into()))
}

#[test]
fn full_stack_seeds() {
    warm_up_process_globals();
    unity_mcp_sim::quietly(|| ());
    let count = env_u64("SIM_SEEDS").unwrap_or(200);
    let pct = env_u64("SIM_DETERMINISM_PCT").unwrap_or(5);
    let base = env_u64("SIM_BASE").unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64 >> 8).unwrap_or(1)
    });
    let regressions: Vec<u64> = include_str!("../regressions/full_stack.txt")
        .lines()
        .filter_map(|l| l.split('#').next())
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    println!("full-stack simulation: base seed {base}, {count} seeds, {} regression seeds, {pct}% checked for determinism", regressions.len());
    let seeds: Vec<u64> = regressions.iter().copied().chain((0..count).map(|i| base.wrapping_add(i))).collect();
    let next = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let totals = std::sync::Mutex::new(full_stack::RunStats::default());
    let start = Instant::now();
    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&seed) = seeds.get(i) else { return };
                let check = pct > 0 && seed % 100 < pct;
                match run_one(seed, check) {
                    Ok(st) => {
                        let mut t = totals.lock().unwrap_or_else(|p| p.into_inner());
                        t.clients += st.clients;
                        t.answers += st.answers;
                        t.commits += st.commits;
                        t.restarts += st.restarts;
                    }
                    Err(e) => failures.lock().unwrap_or_else(|p| p.into_inner()).push((seed, e)),
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let t = *totals.lock().unwrap_or_else(|p| p.into_inner());
    println!(
        "full-stack simulation: {} seeds in {secs:.1} s ({:.0} seeds/min): {} clients, {} answers, {} commits, {} server restarts",
        seeds.len(),
        seeds.len() as f64 / secs * 60.0,
        t.clients,
        t.answers,
        t.commits,
        t.restarts
    );
    let failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    for (seed, e) in &failures {
        println!(
            "FAILED seed {seed}: {}\n  reproduce: RUSTFLAGS=\"--cfg madsim\" CARGO_TARGET_DIR=target/madsim SIM_BASE={seed} SIM_SEEDS=1 SIM_DETERMINISM_PCT=0 cargo test --release -p unity-mcp-sim --test full_stack -- --nocapture\n  then add {seed} to sim/regressions/full_stack.txt",
            e.lines().next().unwrap_or("")
        );
    }
    assert!(failures.is_empty(), "{} seeds failed", failures.len());
}
