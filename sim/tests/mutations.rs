//! Proof that the checks can fail: each planted bug (built with `--cfg mutations`) must be
//! caught by the engine-level simulation within a bounded number of seeds.
#![cfg(mutations)]

use unity_mcp_engine::mutation::{self, Mutation};
use unity_mcp_sim::engine_sim::run_seed;

/// Seeds tried before a mutation counts as missed.
const BUDGET: u64 = 2_000;

/// Asserts `m` is caught within the budget; returns after how many seeds.
fn caught(m: Mutation) -> u64 {
    mutation::set(Some(m));
    let found = (0..BUDGET).find(|&i| run_seed(0xC0FFEE + i).is_err()).map(|i| i + 1);
    mutation::set(None);
    println!("mutation {m:?}: caught after {found:?} engine-level seeds (budget {BUDGET})");
    // The same seeds pass without it.
    assert!((0..found.unwrap_or(0).min(200)).all(|i| run_seed(0xC0FFEE + i).is_ok()), "the clean engine fails a seed");
    found.unwrap_or_else(|| panic!("{m:?} was not caught within {BUDGET} seeds"))
}

#[test]
fn mutation_drop_answer() {
    caught(Mutation::DropAnswer);
}

#[test]
fn mutation_swap_answers() {
    caught(Mutation::SwapAnswers);
}

#[test]
fn mutation_skip_cache_invalidation_on_move() {
    caught(Mutation::SkipMoveInvalidation);
}

#[test]
fn mutation_leak_pooled_object() {
    caught(Mutation::LeakPooled);
}

#[test]
fn mutation_conflicting_operations_overlap() {
    caught(Mutation::ConflictOverlap);
}

#[test]
fn mutation_skip_intention_lock() {
    caught(Mutation::SkipIntentionLock);
}

#[test]
fn mutation_ignore_window() {
    caught(Mutation::IgnoreWindow);
}

#[test]
fn mutation_text_precondition_not_checked() {
    caught(Mutation::SkipTextPrecondition);
}

#[test]
fn mutation_refresh_trusts_stale_stamps() {
    caught(Mutation::TrustStaleStamp);
}

#[test]
fn mutation_skip_index_update_on_move() {
    caught(Mutation::SkipIndexOnMove);
}

#[test]
fn mutation_ignore_case_rule() {
    // Only a case-insensitive file system has a case rule to ignore.
    mutation::set(Some(Mutation::IgnoreCaseRule));
    let found = (0..BUDGET).find(|&i| unity_mcp_sim::engine_sim::run_seed_case_insensitive(0xC0FFEE + i).is_err()).map(|i| i + 1);
    mutation::set(None);
    println!("mutation IgnoreCaseRule: caught after {found:?} case-insensitive seeds (budget {BUDGET})");
    assert!((0..found.unwrap_or(0).min(200)).all(|i| unity_mcp_sim::engine_sim::run_seed_case_insensitive(0xC0FFEE + i).is_ok()), "the clean engine fails a seed");
    assert!(found.is_some(), "IgnoreCaseRule was not caught within {BUDGET} seeds");
}
