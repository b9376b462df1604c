//! Micro-benchmarks of the engine's hot paths: validation, a scheduler step, a cache
//! hit, .meta render and parse.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use unity_mcp_engine::cache::MetaCache;
use unity_mcp_engine::kind::kind_of_file;
use unity_mcp_engine::meta::{parse, render, Guid};
use unity_mcp_engine::sched::{ConnKind, EngineConfig, Scheduler, Submission};
use unity_mcp_engine::{Asset, AssetPath, Op, Outcome};

fn validation(c: &mut Criterion) {
    c.bench_function("validate asset path", |b| b.iter(|| AssetPath::parse("asset_path", black_box("Assets/Art/Textures/Characters/hero_diffuse.png"))));
    c.bench_function("reject traversal", |b| b.iter(|| AssetPath::parse("asset_path", black_box("Assets/../../etc/passwd")).is_err()));
}

fn meta(c: &mut Criterion) {
    let kind = kind_of_file("hero.png");
    let text = render(Guid(0x1234_5678_9abc_def0_1234_5678_9abc_def0), &kind);
    c.bench_function("render texture .meta", |b| b.iter(|| render(black_box(Guid(42)), &kind)));
    c.bench_function("parse texture .meta", |b| b.iter(|| parse(black_box(text.as_bytes())).is_ok()));
}

fn cache(c: &mut Criterion) {
    let mut cache = MetaCache::new(10_000, u64::MAX / 2);
    for i in 0..10_000 {
        let p = AssetPath::from_trusted(format!("Assets/Gen/F{:03}/a{i}.png", i / 100));
        cache.insert(Asset { guid: Guid(i as u128), path: p, type_name: "Texture2D", folder: false }, 0);
    }
    let key = AssetPath::from_trusted("Assets/Gen/F042/a4242.png");
    c.bench_function("cache hit", |b| b.iter(|| cache.get(black_box(&key), 1).is_some()));
}

fn scheduler(c: &mut Criterion) {
    // One request through the engine: submit, dispatch, complete, take the answer.
    let cfg = EngineConfig { workers_max: 8, workers_initial: 8, ..EngineConfig::default() };
    let mut s: Scheduler<u64> = Scheduler::new(cfg, 0);
    let conn = s.handle_connect(0, ConnKind::Stream).unwrap_or_else(|e| panic!("{e}"));
    let op = Op::import("Assets/Gen/F001/a101.png").unwrap_or_else(|e| panic!("{e}"));
    let mut now = 0u64;
    c.bench_function("scheduler step (submit, dispatch, done, answer)", |b| {
        b.iter_batched(
            || op.clone(),
            |op| {
                now += 1;
                s.handle_request(conn, now, Submission { work: Ok(op), ctx: now, deadline_us: None, bytes: 40, trace: 0 });
                let batch = s.poll_dispatch(now).unwrap_or_else(|| panic!("nothing dispatched"));
                s.handle_batch_done(now, batch, vec![Ok(Outcome::Deleted { referenced_by: vec![] })]);
                black_box(s.poll_answer(conn))
            },
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, validation, meta, cache, scheduler);
criterion_main!(benches);
