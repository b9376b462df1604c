//! The scheduler against the sequential model, as a proptest over event sequences
//! (shrinks a failure to a minimal sequence). The seeded runner covers volume.

use proptest::prelude::*;
use unity_mcp_engine::sched::EngineConfig;
use unity_mcp_sim::engine_sim::{run_events, Ev, OpSpec, FILES, PATHS};

fn ops_over(path: impl Fn() -> BoxedStrategy<usize>) -> impl Strategy<Value = OpSpec> {
    prop_oneof![
        8 => path().prop_map(OpSpec::Import),
        4 => (path(), path()).prop_map(|(a, b)| OpSpec::Move(a, b)),
        2 => path().prop_map(OpSpec::Delete),
        1 => Just(OpSpec::Refresh),
        1 => Just(OpSpec::Invalid),
    ]
}

fn events(op: BoxedStrategy<OpSpec>, advance_weight: u32) -> impl Strategy<Value = Ev> {
    prop_oneof![
        1 => Just(Ev::Connect),
        10 => (0..4usize, op, proptest::option::weighted(0.2, 1..30u8), 1..400u16)
            .prop_map(|(conn, op, deadline_ms, bytes)| Ev::Request { conn, op, deadline_ms, bytes }),
        5 => Just(Ev::Dispatch),
        4 => (0..4usize).prop_map(|batch| Ev::Step { batch }),
        4 => (0..4usize).prop_map(|batch| Ev::Finish { batch }),
        1 => (0..4usize).prop_map(|conn| Ev::Disconnect { conn }),
        advance_weight => (0..20u8).prop_map(|ms| Ev::Advance { ms }),
        3 => Just(Ev::Drain),
        1 => (0..FILES.len()).prop_map(|file| Ev::Touch { file }),
    ]
}

fn config() -> impl Strategy<Value = EngineConfig> {
    (1..5usize, 1..4usize, 0..2u64, 1..4usize, prop_oneof![Just(6usize), Just(40)], 1..5usize).prop_map(|(window, workers, wait, batch, global, shards)| EngineConfig {
        max_connections: 3,
        window_per_conn: window,
        global_max_requests: global,
        global_max_bytes: 4_000,
        queue_timeout_ms: 25,
        op_timeout_ms: 60_000,
        batch_min: 1,
        batch_max: 4,
        batch_initial: batch,
        batch_max_wait_us: wait * 500,
        workers_min: 1,
        workers_max: 3,
        workers_initial: workers,
        adapt_interval_ms: 7,
        target_queue_wait_us: 1_000,
        cache_capacity: 3,
        cache_ttl_ms: 1_000,
        shards,
        keep_orphan_folder_metas: false,
        max_text_bytes: unity_mcp_engine::db::DEFAULT_MAX_TEXT_BYTES,
        max_yaml_bytes: unity_mcp_engine::db::DEFAULT_MAX_YAML_BYTES,
        script_tree_cache_bytes: unity_mcp_engine::db::DEFAULT_SCRIPT_TREE_CACHE_BYTES,
        search_threads: 1,
        case_insensitive: None,
    })
}

fn with_connections(mut evs: Vec<Ev>) -> Vec<Ev> {
    evs.splice(0..0, [Ev::Connect, Ev::Connect]);
    evs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn scheduler_matches_the_sequential_model(cfg in config(), seed in any::<u64>(),
        evs in proptest::collection::vec(events(ops_over(|| (0..PATHS.len()).boxed()).boxed(), 2), 1..120)) {
        run_events(cfg, seed, &with_connections(evs));
    }

    #[test]
    fn cached_answers_always_equal_the_disk(cfg in config(), seed in any::<u64>(),
        evs in proptest::collection::vec(events(ops_over(|| prop::sample::select(vec![0usize, 1, 5, 6, 8]).boxed()).boxed(), 0), 1..200)) {
        run_events(cfg, seed, &with_connections(evs));
    }
}
