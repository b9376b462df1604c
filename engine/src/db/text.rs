//! ReadText, WriteText and EditText: text assets read and changed through the
//! span-edit core ([`crate::text`]), with SHA-256 preconditions so that two agents
//! editing one file never lose an update silently. Writes are atomic (temporary +
//! rename); a replaced file keeps its `.meta`, GUID, BOM and line endings; a new one
//! gets its `.meta` (and its missing parent folders theirs). The index re-reads what
//! a written file mentions before the answer leaves.

use super::{Asset, AssetDb};
use crate::error::{ErrorKind, OpError};
use crate::fs::EntryKind;
use crate::path::AssetPath;
use crate::text::{apply_edits, sha256_hex, Text};

/// Default bound on a text asset read, written or edited (config `max_text_bytes`).
pub const DEFAULT_MAX_TEXT_BYTES: usize = 8 << 20;

/// What ReadText answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextRead {
    /// The lines asked for, with their endings as in the file (no BOM).
    pub text: String,
    /// SHA-256 of the whole file's bytes (the precondition for a later write).
    pub sha256: String,
    /// Lines in the whole file.
    pub total_lines: u32,
    /// "lf" or "crlf".
    pub line_ending: &'static str,
    /// The file starts with a UTF-8 BOM.
    pub bom: bool,
    /// The asset, when it has a `.meta`.
    pub asset: Option<Asset>,
}

/// What WriteText and EditText answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextWritten {
    /// The asset as written.
    pub asset: Asset,
    /// SHA-256 of the bytes written.
    pub sha256: String,
    /// The file did not exist before.
    pub created: bool,
    /// Folders created for it, outermost first.
    pub folders_created: Vec<Asset>,
    /// ValidateScript's findings on a written `.cs`, `.asmdef` or `.asmref` (the
    /// write happened anyway; they inform).
    pub diagnostics: Vec<crate::script::Diagnostic>,
}

impl AssetDb {
    /// Bounds the text assets read, written or edited at `max_text_bytes`.
    pub fn with_max_text_bytes(mut self, max_text_bytes: usize) -> AssetDb {
        self.max_text_bytes = max_text_bytes;
        self
    }

    /// The file at `path` as bytes, or why it is not a text asset this server reads.
    pub(crate) fn text_bytes(&self, path: &AssetPath) -> Result<Vec<u8>, OpError> {
        match self.entry("asset_path", path)? {
            Some(EntryKind::File) => {}
            Some(_) => return Err(OpError::precondition(format!("asset_path: '{path}' is a folder, not a text asset"))),
            None => return Err(OpError::not_found(format!("asset_path: '{path}' does not exist"))),
        }
        self.fs.read(path.as_str(), self.max_text_bytes).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                OpError::precondition(format!("asset_path: '{path}' is larger than {} bytes (max_text_bytes)", self.max_text_bytes))
            } else {
                OpError::io(&format!("asset_path: cannot read '{path}'"), &e)
            }
        })
    }

    /// Checks `expected` against the file's current hash (`None`: file missing).
    pub(super) fn check_precondition(path: &AssetPath, expected: Option<&str>, current: Option<&str>) -> Result<(), OpError> {
        match (expected, current) {
            (Some(want), Some(have)) if !crate::mutation::active(crate::mutation::Mutation::SkipTextPrecondition) && want != have => Err(OpError::new(
                ErrorKind::Aborted,
                format!("expected_sha256: '{path}' has changed since it was read (its SHA-256 is now {have}); nothing was written: read it again"),
            )),
            (Some(_), None) => Err(OpError::new(
                ErrorKind::Aborted,
                format!("expected_sha256: '{path}' does not exist (any more); nothing was written"),
            )),
            _ => Ok(()),
        }
    }

    /// ReadText: lines of a text asset, and the whole file's hash.
    pub fn read_text(&self, path: &AssetPath, start_line: u32, line_count: u32) -> Result<TextRead, OpError> {
        let bytes = self.text_bytes(path)?;
        let text = Text::decode(&bytes).map_err(|e| OpError::precondition(format!("asset_path: '{path}' is not a text asset: {e}")))?;
        Ok(TextRead {
            text: text.slice_lines(start_line as usize, line_count as usize).to_string(),
            sha256: sha256_hex(&bytes),
            total_lines: text.total_lines().min(u32::MAX as usize) as u32,
            line_ending: text.ending.name(),
            bom: text.bom,
            asset: self.info(path).ok(),
        })
    }

    /// WriteText: creates or replaces a text asset.
    pub fn write_text(&self, path: &AssetPath, new_text: &str, expected: Option<&str>) -> Result<TextWritten, OpError> {
        let new_text = new_text.strip_prefix('\u{feff}').unwrap_or(new_text);
        if new_text.len() > self.max_text_bytes {
            return Err(OpError::invalid(format!("text: {} bytes; the limit is {} (max_text_bytes)", new_text.len(), self.max_text_bytes)));
        }
        if new_text.contains('\0') {
            return Err(OpError::invalid("text: contains a NUL character; text assets never do"));
        }
        let existing = match self.entry("asset_path", path)? {
            Some(EntryKind::File) => Some(self.text_bytes(path)?),
            Some(_) => return Err(OpError::precondition(format!("asset_path: '{path}' is a folder"))),
            None => None,
        };
        Self::check_precondition(path, expected, existing.as_ref().map(|b| sha256_hex(b)).as_deref())?;
        let (bytes, created) = match &existing {
            // Replacing: the file's BOM and line endings stay.
            Some(old) => {
                let old = Text::decode(old).map_err(|e| OpError::precondition(format!("asset_path: '{path}' is not a text asset: {e}")))?;
                let mut out = Vec::with_capacity(new_text.len() + 3);
                if old.bom {
                    out.extend_from_slice(crate::text::BOM);
                }
                out.extend_from_slice(old.with_file_endings(new_text).as_bytes());
                (out, false)
            }
            // New files: no BOM, `\n`.
            None => (new_text.replace("\r\n", "\n").into_bytes(), true),
        };
        let folders_created = if created { self.create_parents(path)? } else { Vec::new() };
        self.fs.write_atomic(path.as_str(), &bytes).map_err(|e| OpError::io(&format!("asset_path: cannot write '{path}'"), &e))?;
        let asset = self.after_text_write(path)?;
        let diagnostics = self.diagnostics_after_write(path, &bytes);
        Ok(TextWritten { asset, sha256: sha256_hex(&bytes), created, folders_created, diagnostics })
    }

    /// EditText: span edits, all or nothing.
    pub fn edit_text(&self, path: &AssetPath, edits: &[crate::text::TextEdit], expected: Option<&str>) -> Result<TextWritten, OpError> {
        let old = self.text_bytes(path)?;
        Self::check_precondition(path, expected, Some(&sha256_hex(&old)))?;
        let bytes = apply_edits(&old, edits).map_err(|e| {
            if e.starts_with("not a text file") {
                OpError::precondition(format!("asset_path: '{path}' is {e}"))
            } else {
                OpError::invalid(e)
            }
        })?;
        if bytes.len() > self.max_text_bytes {
            return Err(OpError::invalid(format!("edits: the result would be {} bytes; the limit is {} (max_text_bytes)", bytes.len(), self.max_text_bytes)));
        }
        self.fs.write_atomic(path.as_str(), &bytes).map_err(|e| OpError::io(&format!("asset_path: cannot write '{path}'"), &e))?;
        let asset = self.after_text_write(path)?;
        let diagnostics = self.diagnostics_after_write(path, &bytes);
        Ok(TextWritten { asset, sha256: sha256_hex(&bytes), created: false, folders_created: Vec::new(), diagnostics })
    }

    /// Missing folders above `path`, created outermost first with their `.meta`s
    /// (under `Assets/` or an existing package folder).
    fn create_parents(&self, path: &AssetPath) -> Result<Vec<Asset>, OpError> {
        let mut missing = Vec::new();
        let mut at = path.parent();
        while let Some(dir) = at {
            if !dir.as_str().contains('/') || (dir.as_str().starts_with("Packages/") && dir.as_str().matches('/').count() == 1) {
                // `Assets` and a package's own folder are never created here.
                match self.entry("asset_path", &dir)? {
                    Some(EntryKind::Dir) => break,
                    _ => return Err(OpError::precondition(format!("asset_path: '{dir}' does not exist"))),
                }
            }
            match self.entry("asset_path", &dir)? {
                Some(EntryKind::Dir) => break,
                Some(_) => return Err(OpError::precondition(format!("asset_path: '{dir}' is a file, not a folder"))),
                None => missing.push(dir.clone()),
            }
            at = dir.parent();
        }
        let mut created = Vec::with_capacity(missing.len());
        for dir in missing.into_iter().rev() {
            created.push(self.create_folder(&dir)?);
        }
        Ok(created)
    }

    /// After a write: the `.meta` (kept, or created for a new file) and the index's
    /// view of what the file mentions.
    fn after_text_write(&self, path: &AssetPath) -> Result<Asset, OpError> {
        match self.read_meta(path)? {
            Some((meta, _)) => {
                // Its GUID stays; what it mentions is read again (unless the GUID is a
                // copy's, which Import or Refresh re-identifies).
                match self.registry.owner(meta.guid) {
                    Some(owner) if owner != *path && self.holds(&owner, meta.guid) => self.registry.mark_ambiguous(meta.guid),
                    _ => self.hold(meta.guid, path, false),
                }
                Ok(Asset::at(meta.guid, path, &self.kind_at(path, EntryKind::File)))
            }
            None => {
                let kind = self.kind_at(path, EntryKind::File);
                let guid = self.write_new_meta(path, &kind)?;
                Ok(Asset::at(guid, path, &kind))
            }
        }
    }
}
