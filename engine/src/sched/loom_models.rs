//! loom models of the scheduler's shared structures: the lock table, the budgets,
//! a cache shard, and the race between a worker taking a job and its connection
//! cancelling it. Small configurations, every interleaving up to the preemption
//! bound. Run (as CI does):
//! `RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=2 cargo test -p unity-mcp-engine --lib --release loom_`

use super::budget::Budgets;
use super::job::Job;
use super::locks::LockTable;
use super::{ConnId, ConnKind, Endpoint, EngineConfig, JobId, Submission};
use crate::cache::SharedCache;
use crate::db::Asset;
use crate::meta::Guid;
use crate::op::{Op, Outcome};
use crate::path::AssetPath;
use crate::sync::{Arc, AtomicUsize, Ordering};
use loom::sync::atomic::AtomicBool;
use loom::thread;

fn p(s: &str) -> AssetPath {
    AssetPath::from_trusted(s)
}

/// Jobs of one model and what each saw when it ran.
struct Bench {
    table: LockTable,
    jobs: Vec<Arc<Job>>,
    running: Vec<AtomicBool>,
    runs: Vec<AtomicUsize>,
    order: Vec<AtomicUsize>,
    ticket: AtomicUsize,
}

impl Bench {
    fn new(shards: usize, ops: Vec<Op>) -> Arc<Bench> {
        let table = LockTable::new(shards);
        let jobs = ops
            .into_iter()
            .enumerate()
            .map(|(i, op)| {
                let locks = table.plan(&op);
                Arc::new(Job::new(JobId(i as u64), ConnId(0), i as u64, i as u64, std::sync::Arc::new(op), 0, u64::MAX, u64::MAX, locks))
            })
            .collect::<Vec<_>>();
        let n = jobs.len();
        Arc::new(Bench {
            table,
            jobs,
            running: (0..n).map(|_| AtomicBool::new(false)).collect(),
            runs: (0..n).map(|_| AtomicUsize::new(0)).collect(),
            order: (0..n).map(|_| AtomicUsize::new(0)).collect(),
            ticket: AtomicUsize::new(1),
        })
    }

    /// Enqueues job `i`; runs it (and whatever its release makes ready) if granted.
    fn submit(&self, i: usize) {
        if self.table.acquire(&self.jobs[i]) {
            self.run_from(i);
        }
    }

    fn run_from(&self, first: usize) {
        let mut todo = vec![first];
        while let Some(i) = todo.pop() {
            self.running[i].store(true, Ordering::SeqCst);
            for (k, other) in self.jobs.iter().enumerate() {
                if k != i && other.op.conflicts_with(&self.jobs[i].op) {
                    assert!(!self.running[k].load(Ordering::SeqCst), "{:?} runs beside conflicting {:?}", self.jobs[i].op, other.op);
                }
            }
            self.runs[i].fetch_add(1, Ordering::SeqCst);
            self.order[i].store(self.ticket.fetch_add(1, Ordering::SeqCst), Ordering::SeqCst);
            self.running[i].store(false, Ordering::SeqCst);
            let mut ready = Vec::new();
            self.table.release(&self.jobs[i], true, &mut ready);
            for j in ready {
                if let Some(k) = self.jobs.iter().position(|x| Arc::ptr_eq(x, &j)) {
                    todo.push(k);
                }
            }
        }
    }

    fn settled(&self) {
        for (i, r) in self.runs.iter().enumerate() {
            assert_eq!(r.load(Ordering::SeqCst), 1, "job {i} ran {} times", r.load(Ordering::SeqCst));
        }
        assert_eq!(self.table.entries(), 0, "requests left in the table");
    }
}

#[test]
fn loom_lock_table_folder_move_and_file_inside_never_overlap() {
    loom::model(|| {
        // Two shards: the folder and the file inside hash apart or together.
        let b = Bench::new(
            2,
            vec![Op::Move { src: p("Assets/A"), dst: p("Assets/C") }, Op::Import(p("Assets/A/x.png")), Op::Import(p("Assets/B/y.png"))],
        );
        let b1 = b.clone();
        let t = thread::spawn(move || b1.submit(1));
        let b2 = b.clone();
        let u = thread::spawn(move || b2.submit(2));
        b.submit(0);
        t.join().unwrap();
        u.join().unwrap();
        b.settled();
    });
}

#[test]
fn loom_lock_table_keeps_arrival_order_and_refresh_is_a_barrier() {
    loom::model(|| {
        let b = Bench::new(2, vec![Op::Import(p("Assets/A/x.png")), Op::Refresh, Op::Delete(p("Assets/A/x.png"))]);
        // Job 0 arrives first; then, concurrently, a Refresh and a delete of the same file.
        b.submit(0);
        let b1 = b.clone();
        let t = thread::spawn(move || b1.submit(1));
        b.submit(2);
        t.join().unwrap();
        b.settled();
        let at = |i: usize| b.order[i].load(Ordering::SeqCst);
        assert!(at(0) < at(1) && at(0) < at(2), "an earlier conflicting job ran later");
    });
}

#[test]
fn loom_budgets_never_reserve_past_the_limit() {
    loom::model(|| {
        let budgets = Arc::new(Budgets::new(1, 1_000, 1));
        // Reservations outstanding, counted by the model itself.
        let live = Arc::new(AtomicUsize::new(0));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (b, live) = (budgets.clone(), live.clone());
                thread::spawn(move || {
                    // As a connection does: take a place, charge its bytes, give both back.
                    let taken = b.try_take(2);
                    if taken > 0 {
                        assert!(live.fetch_add(taken, Ordering::SeqCst) < 1 && taken == 1, "two places under global_max_requests = 1");
                        b.take_bytes(10);
                        live.fetch_sub(taken, Ordering::SeqCst);
                        b.give_back(taken, 10);
                    }
                })
            })
            .collect();
        // A unary call without a reservation is counted (and shed if the budget was
        // full): it may pass the limit for the moment it takes to answer it.
        let _shed = budgets.admit(5);
        budgets.give_back(1, 5);
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!((budgets.held(), budgets.bytes()), (0, 0), "budget leaked");
    });
}

#[test]
fn loom_cache_shard_invalidation_wins_over_a_racing_lookup() {
    loom::model(|| {
        let cache = Arc::new(SharedCache::new(4, 1_000, 1));
        let asset = Asset { guid: Guid(7), path: p("Assets/A/x.png"), type_name: "Texture2D", folder: false };
        cache.insert(asset.clone(), 0);
        let c = cache.clone();
        let t = thread::spawn(move || c.get(&p("Assets/A/x.png"), 1));
        cache.invalidate_prefix(&p("Assets/A"));
        let seen = t.join().unwrap();
        // The racing lookup saw the whole entry or nothing, and counted what it saw:
        // a hit exactly when it returned the entry.
        let stats = cache.stats();
        match seen {
            Some(a) => {
                assert_eq!(a, asset, "a lookup returned something else than what was cached");
                assert_eq!((stats.hits, stats.misses), (1, 0), "a returned entry was not counted as a hit");
            }
            None => assert_eq!((stats.hits, stats.misses), (0, 1), "a lookup that found nothing was not counted as a miss"),
        }
        assert!(cache.get(&p("Assets/A/x.png"), 1).is_none(), "an invalidated entry came back");
        assert_eq!(cache.len(), 0);
    });
}

#[test]
fn loom_a_job_is_run_or_cancelled_never_both() {
    loom::model(|| {
        let ep = Arc::new(Endpoint::new(EngineConfig { workers_initial: 1, workers_min: 1, workers_max: 1, shards: 1, ..EngineConfig::default() }, 0));
        let mut conn = match ep.connect::<()>(0, ConnKind::Stream) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let sub = Submission { work: Ok(Op::Import(p("Assets/x.png"))), ctx: (), deadline_us: None, bytes: 1, trace: 0 };
        assert!(conn.reserve_read(&ep));
        assert_eq!(conn.handle_request(&ep, 0, sub), Some(0));
        let e2 = ep.clone();
        let worker = thread::spawn(move || {
            let batch = e2.poll_dispatch(1)?;
            let results = batch.jobs.iter().map(|_| Ok(Outcome::Found { assets: Vec::new(), truncated: false })).collect();
            Some(e2.handle_batch_done(2, batch, results))
        });
        let finished_now = conn.handle_disconnect(&ep, 1);
        let done = worker.join().unwrap();
        let mut finished = finished_now;
        for d in done.into_iter().flatten() {
            assert!(!finished_now, "a cancelled job also ran");
            finished = conn.handle_result(&ep, d.seq, d.result, 3) == super::Delivery::Finished;
        }
        assert!(finished, "the connection never finished");
        assert!(ep.is_quiescent(), "{:?}", ep.stats());
    });
}
