//! Proof that the full-stack simulation's checks can fail: each planted bug must be
//! caught within a bounded number of full-stack seeds.
#![cfg(all(madsim, mutations))]

use unity_mcp_engine::mutation::{self, Mutation};

/// Full-stack seeds tried before a mutation counts as missed.
const BUDGET: u64 = 300;

fn run_seed(seed: u64, m: Option<Mutation>) -> bool {
    // A fresh thread per seed, as madsim does; the mutation switch is per thread.
    std::thread::spawn(move || {
        mutation::set(m);
        unity_mcp_sim::quietly(|| {
            let rt = madsim::runtime::Runtime::with_seed_and_config(seed, madsim::Config::default());
            rt.block_on(unity_mcp_sim::full_stack::run());
        })
    })
    .join()
    .is_ok()
}

fn caught(m: Mutation) -> u64 {
    let found = (0..BUDGET).find(|&i| !run_seed(0xFEED + i, Some(m))).map(|i| i + 1);
    println!("mutation {m:?}: caught after {found:?} full-stack seeds (budget {BUDGET})");
    assert!((0..found.unwrap_or(0).min(50)).all(|i| run_seed(0xFEED + i, None)), "the clean server fails a seed");
    found.unwrap_or_else(|| panic!("{m:?} was not caught within {BUDGET} full-stack seeds"))
}

#[test]
fn mutation_full_stack_drop_answer() {
    caught(Mutation::DropAnswer);
}

#[test]
fn mutation_full_stack_swap_answers() {
    caught(Mutation::SwapAnswers);
}

#[test]
fn mutation_full_stack_skip_cache_invalidation_on_move() {
    caught(Mutation::SkipMoveInvalidation);
}

#[test]
fn mutation_full_stack_leak_pooled_object() {
    caught(Mutation::LeakPooled);
}

#[test]
fn mutation_full_stack_conflicting_operations_overlap() {
    caught(Mutation::ConflictOverlap);
}

#[test]
fn mutation_full_stack_ignore_window() {
    caught(Mutation::IgnoreWindow);
}

#[test]
fn mutation_full_stack_skip_intention_lock() {
    caught(Mutation::SkipIntentionLock);
}
