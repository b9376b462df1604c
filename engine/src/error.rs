//! Errors of asset operations, in the engine's own terms. What a protocol makes of
//! them (gRPC status numbers for `McpError.code`, MCP error objects) is decided at the
//! edges, in the server (`server/src/convert.rs`).

use std::fmt;

/// Why an operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The request itself is malformed (bad path, bad JSON, move into itself).
    Invalid,
    /// The named asset, tool, prompt or resource does not exist.
    NotFound,
    /// The destination of a move or copy, or a folder to create, already exists.
    AlreadyExists,
    /// A limit was hit: queue deadline, a budget, the connection limit, disk full.
    Exhausted,
    /// The project is not in a state that allows the operation (missing parent folder,
    /// corrupt .meta, symbolic link, read-only disk).
    Precondition,
    /// An unexpected I/O or server failure.
    Internal,
    /// The server is shutting down, or the caller cancelled before it ran.
    Unavailable,
    /// The operation ran past its deadline (`op_timeout_ms` or the call's own) and
    /// stopped between two items; the message says how far it got.
    DeadlineExceeded,
    /// A write's precondition failed: the file is not the one the client read (its
    /// `expected_sha256` differs); nothing was written, the message has the current hash.
    Aborted,
}

impl ErrorKind {
    /// Every kind, in `index` order.
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::Invalid,
        ErrorKind::NotFound,
        ErrorKind::AlreadyExists,
        ErrorKind::Exhausted,
        ErrorKind::Precondition,
        ErrorKind::Internal,
        ErrorKind::Unavailable,
        ErrorKind::DeadlineExceeded,
        ErrorKind::Aborted,
    ];

    /// 1..=9, for counters indexed by outcome (0 is success).
    pub fn index(self) -> usize {
        ErrorKind::ALL.iter().position(|k| *k == self).map_or(0, |i| i + 1)
    }

    /// A short name for logs.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "invalid",
            ErrorKind::NotFound => "not found",
            ErrorKind::AlreadyExists => "already exists",
            ErrorKind::Exhausted => "exhausted",
            ErrorKind::Precondition => "precondition",
            ErrorKind::Internal => "internal",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::DeadlineExceeded => "deadline exceeded",
            ErrorKind::Aborted => "aborted",
        }
    }
}

/// A failed operation: a code and a message that names the field and the rule that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpError {
    /// Why it failed.
    pub kind: ErrorKind,
    /// One line for a human: which field, which rule.
    pub message: String,
    /// Optional extra context (the underlying OS error, for instance).
    pub details: String,
    /// For a delete refused because the asset is referenced: who references it (the
    /// message names at most 20; this is the whole list, for machines).
    pub referrers: Vec<crate::db::Asset>,
}

impl OpError {
    /// An error without details.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        OpError { kind, message: message.into(), details: String::new(), referrers: Vec::new() }
    }

    /// Shorthand for `Invalid`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }

    /// Shorthand for `NotFound`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    /// Shorthand for `Precondition`.
    pub fn precondition(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Precondition, message)
    }

    /// Adds details.
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = details.into();
        self
    }

    /// Attaches the assets that reference the one a refused delete named.
    pub fn with_referrers(mut self, referrers: Vec<crate::db::Asset>) -> Self {
        self.referrers = referrers;
        self
    }

    /// Maps a file-system error met while doing `what` to a client-facing error.
    /// Disk full is `Exhausted`, permission and read-only problems are
    /// `Precondition`, a vanished file `NotFound`, a file another program holds
    /// `Unavailable`, anything else `Internal`.
    pub fn io(what: &str, err: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let kind = match err.kind() {
            K::StorageFull | K::QuotaExceeded => ErrorKind::Exhausted,
            K::PermissionDenied | K::ReadOnlyFilesystem => ErrorKind::Precondition,
            K::NotFound => ErrorKind::NotFound,
            // Another program holds the file (Windows sharing violation, retried first).
            K::ResourceBusy => ErrorKind::Unavailable,
            _ => ErrorKind::Internal,
        };
        OpError::new(kind, format!("{what}: {err}")).with_details(format!("{:?}", err.kind()))
    }
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for OpError {}
