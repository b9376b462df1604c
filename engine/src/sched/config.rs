//! Every limit of the engine, with its default and what happens at it.

/// Engine limits. Defaults suit a 2-8 core machine serving up to ~1,000 connections.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// Stream connections served at once. At the limit a new stream is refused with
    /// RESOURCE_EXHAUSTED (unary calls are not counted).
    pub max_connections: usize,
    /// Requests of one connection accepted and not yet answered-and-taken. At the limit
    /// the engine says "stop reading" for that connection (HTTP/2 pushes back).
    pub window_per_conn: usize,
    /// Requests accepted server-wide and not yet answered-and-taken. At the limit every
    /// stream stops being read; unary calls over it are answered 8 at once.
    pub global_max_requests: usize,
    /// Encoded request bytes held server-wide. Same behaviour as `global_max_requests`.
    pub global_max_bytes: u64,
    /// Longest a request may wait in the queue before being answered with
    /// RESOURCE_EXHAUSTED instead of running (a client's `grpc-timeout` can shorten it).
    pub queue_timeout_ms: u64,
    /// Longest an operation may take from arrival to answer (a client's deadline can
    /// shorten it). Long operations (queries, walks) check it between items and stop
    /// with DEADLINE_EXCEEDED (4) saying how far they got; short ones finish.
    pub op_timeout_ms: u64,
    /// Smallest batch of operations handed to a worker.
    pub batch_min: usize,
    /// Largest batch handed to a worker.
    pub batch_max: usize,
    /// Batch size at start (then adapted between min and max).
    pub batch_initial: usize,
    /// With some workers busy, how long fewer than `batch` ready operations may wait to
    /// be joined by more. With every worker idle, work is dispatched at once.
    pub batch_max_wait_us: u64,
    /// Fewest workers (concurrent blocking batches) the adaptation may go down to.
    pub workers_min: usize,
    /// Most workers the adaptation may go up to.
    pub workers_max: usize,
    /// Workers at start.
    pub workers_initial: usize,
    /// How often the adaptation runs.
    pub adapt_interval_ms: u64,
    /// Mean queue wait above which, with workers saturated, one more worker is added.
    pub target_queue_wait_us: u64,
    /// Entries of the asset-metadata cache (LRU beyond it; about 200 bytes each, so
    /// the default 65,536 is ~13 MiB and holds a large project's working set).
    pub cache_capacity: usize,
    /// Lifetime of a cache entry where no file watcher runs: bounds staleness if the
    /// folder changes behind the server's back (e.g. the Unity Editor open on the
    /// same project). With a watcher, entries live until a change invalidates them.
    pub cache_ttl_ms: u64,
    /// Shards of the lock table and of the metadata cache, each one mutex: threads
    /// working on different paths meet on one only when their paths hash together.
    /// A Refresh or a query locks every shard of the lock table, so more is not free.
    pub shards: usize,
    /// Refresh keeps a folder `.meta` whose folder is missing (what git leaves of an
    /// empty folder) instead of deleting it as the Unity Editor does. Off by default
    /// (Editor parity); on for teams that want such a folder's GUID kept.
    pub keep_orphan_folder_metas: bool,
    /// Largest text asset ReadText, WriteText, EditText and SearchText handle, in
    /// bytes (larger: code 9 to read, code 3 to write; SearchText skips them).
    pub max_text_bytes: usize,
    /// Largest Unity YAML file (scene, prefab, material...) GetHierarchy, GetObject,
    /// SetProperty and FindReferences' usages read, in bytes (larger: code 9). The
    /// reader holds the file and one document's nodes at a time.
    pub max_yaml_bytes: usize,
    /// Bytes of script text whose parse trees are kept (least recently used dropped)
    /// so that ValidateScript, or the diagnostics of a write or an edit, re-parse only
    /// what changed since the file's last check. 0 keeps none: every check parses the
    /// whole script.
    pub script_tree_cache_bytes: usize,
    /// Threads one SearchText reads and matches files with (scoped to the call; the
    /// worker that runs it is one of them). More answer a search sooner and take that
    /// many cores from other work meanwhile.
    pub search_threads: usize,
    /// Whether the project's file system ignores case (Windows, macOS by default):
    /// then two spellings of a path name one asset, one lock and one cache entry.
    /// Unset, the server probes the project folder at start-up.
    pub case_insensitive: Option<bool>,
}

impl EngineConfig {
    /// Defaults scaled to `cpus` cores.
    pub fn for_cpus(cpus: usize) -> EngineConfig {
        let cpus = cpus.max(1);
        EngineConfig {
            max_connections: 1024,
            window_per_conn: 128,
            global_max_requests: 16 * 1024,
            global_max_bytes: 16 << 20,
            queue_timeout_ms: 5_000,
            op_timeout_ms: 30_000,
            batch_min: 1,
            batch_max: 64,
            batch_initial: 8,
            batch_max_wait_us: 100,
            workers_min: 1,
            workers_max: (4 * cpus).max(4),
            workers_initial: cpus.max(2),
            adapt_interval_ms: 100,
            target_queue_wait_us: 2_000,
            cache_capacity: 65_536,
            cache_ttl_ms: 5_000,
            shards: 64,
            keep_orphan_folder_metas: false,
            max_text_bytes: crate::db::DEFAULT_MAX_TEXT_BYTES,
            max_yaml_bytes: crate::db::DEFAULT_MAX_YAML_BYTES,
            script_tree_cache_bytes: crate::db::DEFAULT_SCRIPT_TREE_CACHE_BYTES,
            search_threads: cpus.min(8),
            case_insensitive: None,
        }
    }

    /// Checks that the bounds are coherent; the message names the setting.
    pub fn validate(&self) -> Result<(), String> {
        let positive = [
            ("max_connections", self.max_connections),
            ("window_per_conn", self.window_per_conn),
            ("global_max_requests", self.global_max_requests),
            ("batch_min", self.batch_min),
            ("workers_min", self.workers_min),
            ("cache_capacity", self.cache_capacity),
            ("max_text_bytes", self.max_text_bytes),
            ("max_yaml_bytes", self.max_yaml_bytes),
            ("search_threads", self.search_threads),
            ("shards", self.shards),
        ];
        for (name, v) in positive {
            if v == 0 {
                return Err(format!("{name} must be at least 1"));
            }
        }
        if self.global_max_requests > super::budget::MAX_REQUESTS_LIMIT || self.global_max_bytes > super::budget::MAX_BYTES_LIMIT {
            return Err(format!(
                "global_max_requests (at most {}) or global_max_bytes (at most {}) is too large",
                super::budget::MAX_REQUESTS_LIMIT,
                super::budget::MAX_BYTES_LIMIT
            ));
        }
        if self.shards > 4096 {
            return Err(format!("shards ({}) must be at most 4096", self.shards));
        }
        if self.global_max_bytes == 0 || self.adapt_interval_ms == 0 || self.op_timeout_ms == 0 {
            return Err("global_max_bytes, adapt_interval_ms and op_timeout_ms must be at least 1".into());
        }
        if !(self.batch_min <= self.batch_initial && self.batch_initial <= self.batch_max) {
            return Err(format!(
                "batch sizes must satisfy batch_min ({}) <= batch_initial ({}) <= batch_max ({})",
                self.batch_min, self.batch_initial, self.batch_max
            ));
        }
        if !(self.workers_min <= self.workers_initial && self.workers_initial <= self.workers_max) {
            return Err(format!(
                "workers must satisfy workers_min ({}) <= workers_initial ({}) <= workers_max ({})",
                self.workers_min, self.workers_initial, self.workers_max
            ));
        }
        Ok(())
    }
}

impl EngineConfig {
    /// The case rule this configuration says (unset: case-sensitive).
    pub fn case_rule(&self) -> crate::path::CaseRule {
        if self.case_insensitive == Some(true) {
            crate::path::CaseRule::Insensitive
        } else {
            crate::path::CaseRule::Sensitive
        }
    }
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig::for_cpus(2)
    }
}
