//! Proof that the full-stack simulation's checks can fail: each planted bug must be
//! caught within a bounded number of full-stack seeds.
#![cfg(all(madsim, mutations))]

use unity_mcp_engine::mutation::{self, Mutation};

/// Full-stack seeds tried before a mutation counts as missed.
const BUDGET: u64 = 300;

/// Runs one full-stack seed; the message of the panic that failed it, if it failed.
fn run_seed(seed: u64, m: Option<Mutation>) -> Option<String> {
    // A fresh thread per seed, as madsim does; the mutation switch is per thread.
    std::thread::spawn(move || {
        mutation::set(m);
        let ok = unity_mcp_sim::quietly(|| {
            std::panic::catch_unwind(|| {
                let rt = madsim::runtime::Runtime::with_seed_and_config(seed, madsim::Config::default());
                rt.block_on(unity_mcp_sim::full_stack::run());
            })
            .is_ok()
        });
        if ok {
            None
        } else {
            Some(unity_mcp_sim::take_last_panic().unwrap_or_else(|| "(no message)".into()))
        }
    })
    .join()
    .unwrap_or_else(|_| Some("(the seed's thread died)".into()))
}

/// Asserts `m` is caught within the budget by a check that names what it breaks (one
/// of `invariants` in the failure message, not any panic); returns after how many seeds.
fn caught(m: Mutation, invariants: &[&str]) -> u64 {
    let mut found = None;
    for i in 0..BUDGET {
        if let Some(message) = run_seed(0xFEED + i, Some(m)) {
            assert!(
                invariants.iter().any(|inv| message.contains(inv)),
                "{m:?} failed seed {} for another reason than the invariant it breaks ({invariants:?}): {message}",
                0xFEED + i
            );
            found = Some(i + 1);
            break;
        }
    }
    println!("mutation {m:?}: caught after {found:?} full-stack seeds (budget {BUDGET})");
    assert!((0..found.unwrap_or(0).min(50)).all(|i| run_seed(0xFEED + i, None).is_none()), "the clean server fails a seed");
    found.unwrap_or_else(|| panic!("{m:?} was not caught within {BUDGET} full-stack seeds"))
}

#[test]
fn mutation_full_stack_drop_answer() {
    // A dropped answer shifts the ones after it: they arrive where it was expected.
    caught(Mutation::DropAnswer, &["without answering everything", "clients still waiting", "!= answers", "did not drain", "out of order"]);
}

#[test]
fn mutation_full_stack_swap_answers() {
    caught(Mutation::SwapAnswers, &["out of order", "differs from what the server committed"]);
}

#[test]
fn mutation_full_stack_skip_cache_invalidation_on_move() {
    caught(Mutation::SkipMoveInvalidation, &["a cached answer differs from the disk"]);
}

#[test]
fn mutation_full_stack_leak_pooled_object() {
    caught(Mutation::LeakPooled, &["pooled buffers leaked"]);
}

#[test]
fn mutation_full_stack_conflicting_operations_overlap() {
    caught(Mutation::ConflictOverlap, &["committed after it", "commit of", "differs from the sequential replay", "a cached answer differs"]);
}

#[test]
fn mutation_full_stack_ignore_window() {
    caught(Mutation::IgnoreWindow, &["buffered beyond"]);
}

#[test]
fn mutation_full_stack_skip_intention_lock() {
    caught(Mutation::SkipIntentionLock, &["committed after it", "commit of", "differs from the sequential replay", "a cached answer differs"]);
}

#[test]
fn mutation_full_stack_skip_index_on_move() {
    caught(Mutation::SkipIndexOnMove, &["index != disk"]);
}
