//! Scripts: C# and assembly-definition diagnostics (ValidateScript, and the
//! diagnostics WriteText, EditText and CreateScript return), the assembly a script
//! compiles into, and CreateScript's templates. Pure: the project is read by
//! [`crate::db`], which hands the texts in.

pub mod asmdef;
pub mod csharp;
pub mod preproc;
#[cfg(test)]
mod props;
pub mod template;
pub mod trees;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The Editor (or a player build) fails on it.
    Error,
    /// The Editor compiles it, but something will not work as meant.
    Warning,
}

impl Severity {
    /// "error" or "warning", as the wire says it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding about a script or an asmdef.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in Unicode scalar values.
    pub column: u32,
    /// What is wrong, and what to do about it.
    pub message: String,
    /// The rule's name: `syntax`, `unity-class-name`, `editor-api-in-runtime`,
    /// `asmdef-json`, `asmdef-name`, `asmdef-reference`, `asmdef-cycle`.
    pub rule: &'static str,
}

impl Diagnostic {
    /// A diagnostic.
    pub fn new(severity: Severity, line: u32, column: u32, message: impl Into<String>, rule: &'static str) -> Diagnostic {
        Diagnostic { severity, line, column, message: message.into(), rule }
    }
}
