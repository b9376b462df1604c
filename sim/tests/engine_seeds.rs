//! Engine-level simulation over many seeds (see `unity_mcp_sim::engine_sim`).
//!
//! ENGINE_SIM_SEEDS (default 2,000; CI runs 100,000) seeds from ENGINE_SIM_BASE (default:
//! from the clock, printed first), on every core, plus every seed in
//! sim/regressions/engine.txt. A failure prints the command that reproduces it.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;
use unity_mcp_sim::engine_sim::{run_seed, run_seed_case_insensitive};

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn engine_seeds() {
    let count = env_u64("ENGINE_SIM_SEEDS").unwrap_or(2_000);
    let base = env_u64("ENGINE_SIM_BASE").unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    let regressions: Vec<u64> = include_str!("../regressions/engine.txt")
        .lines()
        .filter_map(|l| l.split('#').next()).filter_map(|l| l.trim().parse().ok())
        .collect();
    println!("engine simulation: base seed {base}, {count} seeds, {} regression seeds", regressions.len());
    let case_regressions: Vec<u64> = include_str!("../regressions/engine_case.txt")
        .lines()
        .filter_map(|l| l.split('#').next()).filter_map(|l| l.trim().parse().ok())
        .collect();
    // (seed, on a case-insensitive file system): a quarter of the fresh seeds run as
    // on Windows and macOS.
    let seeds: Vec<(u64, bool)> = regressions
        .iter()
        .map(|s| (*s, false))
        .chain(case_regressions.iter().map(|s| (*s, true)))
        .chain((0..count).map(|i| (base.wrapping_add(i), i % 4 == 3)))
        .collect();
    let next = AtomicUsize::new(0);
    let (requests, commits, properties_set) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    let failures = std::sync::Mutex::new(Vec::new());
    let start = Instant::now();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(seed, case)) = seeds.get(i) else { return };
                let outcome = if case { run_seed_case_insensitive(seed) } else { run_seed(seed) };
                match outcome {
                    Ok(st) => {
                        requests.fetch_add(st.requests as u64, Ordering::Relaxed);
                        commits.fetch_add(st.commits as u64, Ordering::Relaxed);
                        properties_set.fetch_add(st.properties_set as u64, Ordering::Relaxed);
                    }
                    Err(e) => failures.lock().unwrap_or_else(|p| p.into_inner()).push((seed, case, e)),
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    println!(
        "engine simulation: {} seeds in {secs:.1} s ({:.0} seeds/min), {} requests, {} commits, {} SetProperty that succeeded",
        seeds.len(),
        seeds.len() as f64 / secs * 60.0,
        requests.load(Ordering::Relaxed),
        commits.load(Ordering::Relaxed),
        properties_set.load(Ordering::Relaxed)
    );
    // The mix reaches SetProperty on Unity YAML (not only its refusals).
    assert!(seeds.len() < 1000 || properties_set.load(Ordering::Relaxed) > 0, "no SetProperty succeeded in the operation mix");
    let failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    for (seed, case, e) in &failures {
        let file = if *case { "engine_case.txt (a case-insensitive seed)" } else { "engine.txt" };
        println!("FAILED seed {seed}: {e}\n  then add {seed} to sim/regressions/{file}; it reruns there with every test run");
    }
    assert!(failures.is_empty(), "{} seeds failed", failures.len());
}
