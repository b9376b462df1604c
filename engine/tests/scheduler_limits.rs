//! The scheduler at each of its limits.

use unity_mcp_engine::sched::{ConnKind, EngineConfig, Scheduler, Submission};
use unity_mcp_engine::{ErrorKind, Op, OpError, Outcome};

fn cfg() -> EngineConfig {
    EngineConfig {
        max_connections: 2,
        window_per_conn: 3,
        global_max_requests: 5,
        global_max_bytes: 1_000,
        queue_timeout_ms: 10,
        batch_min: 1,
        batch_max: 4,
        batch_initial: 2,
        batch_max_wait_us: 0,
        workers_min: 1,
        workers_max: 2,
        workers_initial: 1,
        ..EngineConfig::default()
    }
}

fn sub(op: Op) -> Submission<u32> {
    Submission { work: Ok(op), ctx: 0, deadline_us: None, bytes: 10, trace: 0 }
}

fn import(p: &str) -> Op {
    Op::import(p).unwrap()
}

#[test]
fn connections_beyond_the_limit_are_refused_but_unary_calls_are_not() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let a = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_connect(0, ConnKind::Stream).unwrap();
    let e = s.handle_connect(0, ConnKind::Stream).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Exhausted);
    assert!(e.message.contains("max_connections"));
    s.handle_connect(0, ConnKind::Unary).unwrap();
    s.handle_disconnect(a, 0);
    s.handle_connect(0, ConnKind::Stream).unwrap();
    assert_eq!(s.metrics().refused_connections, 1);
}

#[test]
fn window_full_stops_reading_and_taking_an_answer_resumes() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    for i in 0..3 {
        assert!(s.wants_read(c), "request {i}");
        s.handle_request(c, 0, sub(import(&format!("Assets/{i}.png"))));
    }
    assert!(!s.wants_read(c), "window of 3 is full");
    assert_eq!(s.metrics().backpressure_events, 1);
    let b = s.poll_dispatch(0).unwrap();
    let n = b.jobs.len();
    s.handle_batch_done(1, b, (0..n).map(|_| Ok(Outcome::Deleted { referenced_by: vec![] })).collect());
    assert!(!s.wants_read(c), "answered but not yet taken still counts");
    assert!(s.poll_answer(c).is_some());
    assert!(s.wants_read(c));
}

#[test]
fn global_budget_full_stops_every_stream_and_sheds_unary() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let a = s.handle_connect(0, ConnKind::Stream).unwrap();
    let b = s.handle_connect(0, ConnKind::Stream).unwrap();
    for i in 0..3 {
        s.handle_request(a, 0, sub(import(&format!("Assets/a{i}.png"))));
    }
    for i in 0..2 {
        s.handle_request(b, 0, sub(import(&format!("Assets/b{i}.png"))));
    }
    assert!(!s.wants_read(b), "5 requests is the global limit");
    let u = s.handle_connect(0, ConnKind::Unary).unwrap();
    let seq = s.handle_request(u, 0, sub(import("Assets/u.png"))).unwrap();
    let ans = s.poll_answer(u).unwrap();
    assert_eq!(ans.seq, seq);
    let e = ans.result.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Exhausted);
    assert!(e.message.contains("global_max_requests"), "{}", e.message);
    assert_eq!(s.stats().buffered_requests, 5);
}

#[test]
fn byte_budget_counts_request_sizes() {
    let mut s: Scheduler<u32> = Scheduler::new(EngineConfig { global_max_bytes: 25, ..cfg() }, 0);
    let a = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(a, 0, sub(import("Assets/1.png")));
    s.handle_request(a, 0, sub(import("Assets/2.png")));
    assert!(s.wants_read(a));
    s.handle_request(a, 0, sub(import("Assets/3.png")));
    assert!(!s.wants_read(a), "30 bytes >= 25");
    assert_eq!(s.stats().buffered_bytes, 30);
}

#[test]
fn a_request_past_its_deadline_is_shed_with_a_clear_message() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    // Occupy the only worker, then queue more behind it.
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    s.handle_request(c, 0, sub(import("Assets/b.png")));
    let busy = s.poll_dispatch(0).unwrap();
    s.handle_request(c, 0, Submission { deadline_us: Some(5_000), ..sub(import("Assets/c.png")) });
    assert!(s.poll_timeout().unwrap() <= 5_000);
    s.handle_tick(5_000);
    s.handle_batch_done(20_000, busy, vec![Ok(Outcome::Deleted { referenced_by: vec![] }), Ok(Outcome::Deleted { referenced_by: vec![] })]);
    let answers: Vec<_> = std::iter::from_fn(|| s.poll_answer(c)).collect();
    assert_eq!(answers.len(), 3);
    let e = answers[2].result.as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::Exhausted);
    assert!(e.message.contains("waited 5 ms") && e.message.contains("deadline"), "{}", e.message);
    assert_eq!(s.metrics().shed_deadline, 1);
    s.handle_disconnect(c, 20_000);
    assert!(s.is_quiescent());
}

#[test]
fn queue_timeout_applies_without_a_client_deadline() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    let _running = s.poll_dispatch(0).unwrap();
    s.handle_tick(9_999);
    assert!(s.poll_answer(c).is_none());
    s.handle_tick(10_000);
    assert_eq!(s.metrics().shed_deadline, 1, "the blocked duplicate waited 10 ms");
}

#[test]
fn conflicting_operations_wait_and_disjoint_ones_batch_together() {
    let mut s: Scheduler<u32> = Scheduler::new(EngineConfig { workers_initial: 2, window_per_conn: 10, global_max_requests: 10, ..cfg() }, 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, sub(Op::move_asset("Assets/F", "Assets/G").unwrap()));
    s.handle_request(c, 0, sub(import("Assets/F/x.png")));
    s.handle_request(c, 0, sub(import("Assets/y.png")));
    s.handle_request(c, 0, sub(import("Assets/z.png")));
    let b1 = s.poll_dispatch(0).unwrap();
    let ops: Vec<_> = b1.jobs.iter().map(|d| d.op.name()).collect();
    assert_eq!(ops, vec!["move_asset", "import_asset"], "batch of 2: the move and y.png; x.png waits");
    assert_eq!(b1.jobs[1].seq, 2);
    let b2 = s.poll_dispatch(0).unwrap();
    assert_eq!(b2.jobs.len(), 1);
    assert_eq!(b2.jobs[0].seq, 3);
    assert!(s.poll_dispatch(0).is_none(), "x.png is blocked by the folder move");
    s.handle_batch_done(1, b1, vec![Ok(Outcome::Deleted { referenced_by: vec![] }), Ok(Outcome::Deleted { referenced_by: vec![] })]);
    let b3 = s.poll_dispatch(1).unwrap();
    assert_eq!(b3.jobs[0].seq, 1);
}

#[test]
fn refresh_is_a_barrier() {
    let mut s: Scheduler<u32> = Scheduler::new(EngineConfig { workers_initial: 2, ..cfg() }, 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    let b1 = s.poll_dispatch(0).unwrap();
    s.handle_request(c, 0, sub(Op::Refresh));
    s.handle_request(c, 0, sub(import("Assets/b.png")));
    assert!(s.poll_dispatch(0).is_none(), "refresh waits for a.png, b.png waits for refresh");
    s.handle_batch_done(1, b1, vec![Ok(Outcome::Deleted { referenced_by: vec![] })]);
    let b2 = s.poll_dispatch(1).unwrap();
    assert_eq!(b2.jobs.len(), 1);
    assert_eq!(b2.jobs[0].op.name(), "refresh");
    assert!(s.poll_dispatch(1).is_none());
}

#[test]
fn one_request_in_flight_dispatches_at_once() {
    let mut s: Scheduler<u32> = Scheduler::new(EngineConfig { batch_max_wait_us: 1_000_000, ..cfg() }, 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    let b = s.poll_dispatch(0).expect("never wait to fill a batch when workers are idle");
    assert_eq!(b.jobs.len(), 1);
}

#[test]
fn partial_batches_wait_at_most_max_wait_while_workers_are_busy() {
    let mut s: Scheduler<u32> = Scheduler::new(EngineConfig { batch_max_wait_us: 500, workers_initial: 2, batch_initial: 4, ..cfg() }, 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    let _busy = s.poll_dispatch(0).unwrap();
    s.handle_request(c, 100, sub(import("Assets/b.png")));
    assert!(s.poll_dispatch(100).is_none(), "hold a partial batch briefly while a worker is busy");
    assert_eq!(s.poll_timeout(), Some(600));
    assert!(s.poll_dispatch(600).is_some(), "flushed at max-wait");
}

#[test]
fn validation_errors_are_answered_in_order() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, Submission { ctx: 1, ..sub(import("Assets/a.png")) });
    s.handle_request(c, 0, Submission { work: Err(OpError::invalid("asset_path: is empty")), ctx: 2, deadline_us: None, bytes: 1, trace: 0 });
    assert!(s.poll_answer(c).is_none(), "the error waits behind the first request");
    let b = s.poll_dispatch(0).unwrap();
    s.handle_batch_done(1, b, vec![Ok(Outcome::Deleted { referenced_by: vec![] })]);
    assert_eq!(s.poll_woken(), Some(c));
    let ctxs: Vec<u32> = std::iter::from_fn(|| s.poll_answer(c)).map(|a| a.ctx).collect();
    assert_eq!(ctxs, vec![1, 2]);
}

#[test]
fn disconnect_drops_queued_work_and_running_work_finishes() {
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    s.handle_request(c, 0, sub(import("Assets/a.png")));
    let b = s.poll_dispatch(0).unwrap();
    s.handle_disconnect(c, 1);
    assert_eq!(s.metrics().cancelled, 1);
    assert!(!s.is_quiescent(), "the running job is still out");
    s.handle_batch_done(2, b, vec![Ok(Outcome::Deleted { referenced_by: vec![] })]);
    assert!(s.is_quiescent(), "{:?}", s.stats());
    assert!(s.handle_request(c, 3, sub(import("Assets/a.png"))).is_none(), "a stale handle is ignored");
}

#[test]
fn cache_answers_hot_imports_and_is_invalidated_by_moves() {
    use unity_mcp_engine::meta::Guid;
    use unity_mcp_engine::{Asset, AssetPath};
    let mut s: Scheduler<u32> = Scheduler::new(cfg(), 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    let asset = Asset { guid: Guid(9), path: AssetPath::from_trusted("Assets/F/a.png"), type_name: "Texture2D", folder: false };
    s.handle_request(c, 0, sub(import("Assets/F/a.png")));
    let b = s.poll_dispatch(0).unwrap();
    s.handle_batch_done(1, b, vec![Ok(Outcome::Asset(asset.clone()))]);
    s.poll_answer(c).unwrap();
    s.handle_request(c, 2, sub(import("Assets/F/a.png")));
    assert!(s.poll_dispatch(2).is_none(), "answered from the cache");
    assert_eq!(s.poll_answer(c).unwrap().result, Ok(Outcome::Asset(asset.clone())));
    assert_eq!(s.stats().cache.hits, 1);
    // A move of the folder: the import queued behind it must not be served from cache.
    s.handle_request(c, 3, sub(Op::move_asset("Assets/F", "Assets/G").unwrap()));
    s.handle_request(c, 3, sub(import("Assets/F/a.png")));
    let b = s.poll_dispatch(3).unwrap();
    assert_eq!(b.jobs.len(), 1);
    s.handle_batch_done(4, b, vec![Ok(Outcome::Deleted { referenced_by: vec![] })]);
    assert_eq!(s.stats().cache_entries, 0, "invalidated by prefix");
    assert!(s.poll_dispatch(4).is_some(), "the import now runs on a worker");
    // TTL: 5 s by default.
    assert!(s.peek_cached(&AssetPath::from_trusted("Assets/F/a.png"), 5).is_none());
}

#[test]
fn adaptation_moves_within_bounds_under_load() {
    let config = EngineConfig { workers_initial: 1, workers_max: 2, target_queue_wait_us: 10, adapt_interval_ms: 1, batch_max_wait_us: 0, ..cfg() };
    let mut s: Scheduler<u32> = Scheduler::new(EngineConfig { window_per_conn: 100, global_max_requests: 100, global_max_bytes: 1 << 20, queue_timeout_ms: 1_000_000, ..config }, 0);
    let c = s.handle_connect(0, ConnKind::Stream).unwrap();
    let mut now = 0;
    let mut max_batch = 0;
    for round in 0..20 {
        for i in 0..10 {
            s.handle_request(c, now, sub(import(&format!("Assets/{round}_{i}.png"))));
        }
        while let Some(b) = s.poll_dispatch(now) {
            now += 1_000;
            let n = b.jobs.len();
            s.handle_batch_done(now, b, (0..n).map(|_| Ok(Outcome::Deleted { referenced_by: vec![] })).collect());
            s.handle_tick(now);
            max_batch = max_batch.max(s.stats().batch_size);
        }
        while s.poll_answer(c).is_some() {}
    }
    let st = s.stats();
    assert_eq!(st.worker_target, 2, "grew to workers_max and no further");
    assert_eq!(max_batch, 4, "grew to batch_max under backlog and no further");
    // Idle: shrinks back to the minimums.
    for _ in 0..10 {
        now += 1_000;
        s.handle_tick(now);
    }
    let st = s.stats();
    assert_eq!(st.worker_target, 1);
}
