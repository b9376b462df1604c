//! Errors answered to clients. Codes are gRPC status numbers, as `McpError.code` requires.

use std::fmt;

/// The gRPC status numbers this service answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum Code {
    /// The request itself is malformed (bad path, bad JSON, move into itself).
    InvalidArgument = 3,
    /// The named asset, tool, prompt or resource does not exist.
    NotFound = 5,
    /// The destination of a move already exists.
    AlreadyExists = 6,
    /// A limit was hit: queue deadline, connection limit, disk full.
    ResourceExhausted = 8,
    /// The project is not in a state that allows the operation (missing parent folder,
    /// corrupt .meta, symbolic link, read-only disk).
    FailedPrecondition = 9,
    /// An unexpected I/O or server failure.
    Internal = 13,
    /// The server is shutting down or otherwise not serving.
    Unavailable = 14,
}

impl Code {
    /// The gRPC status number.
    pub fn as_i32(self) -> i32 {
        self as i32
    }
}

/// A failed operation: a code and a message that names the field and the rule that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpError {
    /// gRPC status number of the failure.
    pub code: Code,
    /// One line for a human: which field, which rule.
    pub message: String,
    /// Optional extra context (the underlying OS error, for instance).
    pub details: String,
}

impl OpError {
    /// An error without details.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        OpError { code, message: message.into(), details: String::new() }
    }

    /// Shorthand for code 3.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(Code::InvalidArgument, message)
    }

    /// Shorthand for code 5.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Code::NotFound, message)
    }

    /// Shorthand for code 9.
    pub fn precondition(message: impl Into<String>) -> Self {
        Self::new(Code::FailedPrecondition, message)
    }

    /// Adds details.
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = details.into();
        self
    }

    /// Maps a file-system error met while doing `what` to a client-facing error.
    /// Disk full is RESOURCE_EXHAUSTED (as gRPC's own docs suggest), permission and
    /// read-only problems are FAILED_PRECONDITION, anything else is INTERNAL.
    pub fn io(what: &str, err: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let code = match err.kind() {
            K::StorageFull | K::QuotaExceeded => Code::ResourceExhausted,
            K::PermissionDenied | K::ReadOnlyFilesystem => Code::FailedPrecondition,
            K::NotFound => Code::NotFound,
            _ => Code::Internal,
        };
        OpError::new(code, format!("{what}: {err}")).with_details(format!("{:?}", err.kind()))
    }
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "code {}: {}", self.code.as_i32(), self.message)
    }
}

impl std::error::Error for OpError {}
