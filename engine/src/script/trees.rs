//! The parse trees of recently checked scripts, by path: ValidateScript and the
//! diagnostics of WriteText / EditText re-parse only what changed since the file's
//! last check. Bounded by the configured text the trees cover
//! (`[engine] script_tree_cache_bytes`); least recently used dropped first.

use super::csharp::Parsed;
use std::sync::Mutex;

/// Trees by asset path, within a byte budget.
pub struct TreeCache {
    /// Entries in use order; its own lock, held only to take or put one entry.
    entries: Mutex<Entries>,
    /// Most bytes of configured text the kept trees may cover (a tree takes 17-26 bytes
    /// of memory per byte of text); 0 keeps none.
    budget_bytes: usize,
}

struct Entries {
    /// Trees by path, least recently used first out.
    lru: lru::LruCache<String, Parsed>,
    /// Sum of the entries' `text_bytes`.
    bytes: usize,
}

impl TreeCache {
    /// A cache keeping trees of at most `budget_bytes` of text.
    pub fn new(budget_bytes: usize) -> TreeCache {
        TreeCache { entries: Mutex::new(Entries { lru: lru::LruCache::unbounded(), bytes: 0 }), budget_bytes }
    }

    /// Takes the trees of `path`'s last check out (a concurrent check of the same path
    /// parses from scratch meanwhile).
    pub fn take(&self, path: &str) -> Option<Parsed> {
        let mut e = crate::db::lock(&self.entries);
        let parsed = e.lru.pop(path)?;
        e.bytes -= parsed.text_bytes();
        Some(parsed)
    }

    /// Keeps `parsed` as `path`'s latest trees, dropping the least recently used
    /// beyond the budget (a script larger than the whole budget is not kept).
    pub fn keep(&self, path: &str, parsed: Parsed) {
        let size = parsed.text_bytes();
        if size > self.budget_bytes {
            return;
        }
        let mut e = crate::db::lock(&self.entries);
        if let Some(old) = e.lru.put(path.to_string(), parsed) {
            e.bytes -= old.text_bytes();
        }
        e.bytes += size;
        while e.bytes > self.budget_bytes {
            let Some((_, dropped)) = e.lru.pop_lru() else { break };
            e.bytes -= dropped.text_bytes();
        }
        debug_assert!(e.bytes <= self.budget_bytes);
    }

    /// (entries, bytes of text) kept now.
    pub fn usage(&self) -> (usize, usize) {
        let e = crate::db::lock(&self.entries);
        (e.lru.len(), e.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::csharp::{check_reusing, ScriptContext};

    fn parsed(text: &str) -> Parsed {
        let ctx = ScriptContext::default();
        check_reusing(text, &ctx, None, &mut || false).and_then(|(_, p)| p).expect("parsed")
    }

    #[test]
    fn keeps_within_its_budget_least_recently_used_out() {
        let a = "class A { void F() { } }\n";
        let size = parsed(a).text_bytes();
        let cache = TreeCache::new(2 * size);
        cache.keep("a", parsed(a));
        cache.keep("b", parsed(a));
        assert_eq!(cache.usage(), (2, 2 * size));
        assert!(cache.take("a").is_some());
        cache.keep("a", parsed(a)); // now b is the least recently used
        cache.keep("c", parsed(a));
        assert_eq!(cache.usage(), (2, 2 * size));
        assert!(cache.take("b").is_none());
        assert!(cache.take("c").is_some() && cache.take("a").is_some());
        assert_eq!(cache.usage(), (0, 0));
        // A script larger than the whole budget is not kept; a budget of 0 keeps none.
        cache.keep("big", parsed(&a.repeat(3)));
        assert_eq!(cache.usage(), (0, 0));
        let none = TreeCache::new(0);
        none.keep("a", parsed(a));
        assert_eq!(none.usage(), (0, 0));
    }
}
