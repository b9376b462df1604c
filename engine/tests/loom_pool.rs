//! Model checking of the pool under every interleaving (loom).
//! Run: RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=3 cargo test -p unity-mcp-engine --test loom_pool --release
#![cfg(loom)]

use loom::thread;
use unity_mcp_engine::pool::{buffer_pool, Pool};

fn settled(pool: &Pool<Vec<u8>>, max_idle: usize) {
    let s = pool.stats();
    assert_eq!(s.outstanding, 0, "a guard did not return its object");
    assert!(s.idle <= max_idle, "max_idle exceeded: {s:?}");
    assert_eq!(s.created - s.discarded, s.idle as u64, "objects lost or duplicated: {s:?}");
}

#[test]
fn two_threads_get_and_return() {
    loom::model(|| {
        let pool = buffer_pool(1, 4, 64);
        let p2 = pool.clone();
        let t = thread::spawn(move || {
            let mut a = p2.get();
            a.push(1);
            drop(a);
            let b = p2.get();
            assert!(b.is_empty(), "a returned buffer came back dirty");
        });
        let mut c = pool.get();
        c.push(2);
        let s = pool.stats();
        assert!(s.outstanding >= 1);
        drop(c);
        t.join().unwrap();
        settled(&pool, 1);
    });
}

#[test]
fn three_threads_with_a_shrinking_bound() {
    loom::model(|| {
        let pool = buffer_pool(2, 4, 64);
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let p = pool.clone();
                thread::spawn(move || {
                    let mut g = p.get();
                    g.push(i);
                })
            })
            .collect();
        pool.set_max_idle(1);
        let g = pool.get();
        drop(g);
        for h in handles {
            h.join().unwrap();
        }
        settled(&pool, 1);
        pool.trim(0);
        settled(&pool, 0);
    });
}
