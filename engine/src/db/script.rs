//! ValidateScript and CreateScript, and the diagnostics WriteText and EditText return
//! for `.cs`, `.asmdef` and `.asmref` files: the project side of [`crate::script`]
//! (which assembly owns a script, the project's asmdefs and define symbols).

use super::{Asset, AssetDb, Stop};
use crate::error::{ErrorKind, OpError};
use crate::fs::EntryKind;
use crate::path::AssetPath;
use crate::script::asmdef::{self, Known};
use crate::script::csharp::{self, ScriptContext};
use crate::script::template::{self, ScriptKind};
use crate::script::Diagnostic;
use crate::text::Text;
use std::collections::HashSet;

/// Largest `.asmdef`/`.asmref` read for the rules (real ones are under 2 KiB).
const MAX_ASMDEF_BYTES: usize = 256 * 1024;

/// Writes of larger scripts answer no diagnostics (a write must not wait seconds on a
/// parse); ValidateScript checks them, under the request's deadline.
pub const MAX_WRITE_DIAGNOSTICS_BYTES: usize = 1 << 20;

/// Default bytes of script text whose parse trees are kept for the next check of
/// the same file (`script_tree_cache_bytes`): a tree takes 17-26 bytes of memory per
/// byte of text (measured on real 1,100-1,500-line scripts), so 1 MiB of text (the
/// last twenty-five or so 1,000-line scripts checked) is at most ~26 MiB of trees.
pub const DEFAULT_SCRIPT_TREE_CACHE_BYTES: usize = 1 << 20;

/// Most entries visited under `Library/PackageCache/` looking for asmdef names.
const MAX_PACKAGE_CACHE_ENTRIES: usize = 200_000;

/// What ValidateScript answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validation {
    /// Findings, sorted by line.
    pub diagnostics: Vec<Diagnostic>,
    /// The assembly the file compiles into (empty when unknown: text without a path,
    /// a package script with no asmdef).
    pub assembly: String,
}

/// What CreateScript answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptCreated {
    /// The new script.
    pub asset: Asset,
    /// Its text.
    pub text: String,
    /// Folders created for it, outermost first.
    pub folders_created: Vec<Asset>,
    /// ValidateScript's findings on it.
    pub diagnostics: Vec<Diagnostic>,
}

/// The assembly that owns a script.
#[derive(Clone, Debug, Default)]
struct Owner {
    /// Its name (empty: not compiled).
    name: String,
    /// Compiled for the Editor only.
    editor_only: bool,
    /// The owning asmdef's `rootNamespace`.
    root_namespace: Option<String>,
}

/// The kinds of file ValidateScript knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    CSharp,
    Asmdef,
    Asmref,
}

fn file_kind(path: &AssetPath) -> Option<FileKind> {
    match path.extension().as_deref() {
        Some("cs") => Some(FileKind::CSharp),
        Some("asmdef") => Some(FileKind::Asmdef),
        Some("asmref") => Some(FileKind::Asmref),
        _ => None,
    }
}

/// Code 3 for a path ValidateScript has no rules for.
fn not_a_script(path: &AssetPath) -> OpError {
    OpError::invalid(format!("asset_path: '{path}' is not a script: ValidateScript checks .cs, .asmdef and .asmref files"))
}

impl AssetDb {
    /// A small JSON file as text, `None` when missing or unreadable.
    fn small_text(&self, path: &str) -> Option<String> {
        let bytes = self.fs.read(path, MAX_ASMDEF_BYTES).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(text.strip_prefix('\u{feff}').map(String::from).unwrap_or(text))
    }

    /// The asmdef or asmref in `dir`, if any (Unity allows one per folder).
    fn assembly_file_in(&self, dir: &str) -> Option<String> {
        let entries = self.fs.list_dir(dir).ok()?;
        entries.into_iter().find_map(|(name, kind)| {
            let lower = name.to_ascii_lowercase();
            (kind == EntryKind::File && (lower.ends_with(".asmdef") || lower.ends_with(".asmref"))).then(|| format!("{dir}/{name}"))
        })
    }

    /// The name and fields of the asmdef an asmref's reference names.
    fn asmdef_referenced(&self, reference: &str) -> Option<(String, asmdef::Asmdef)> {
        if let Some(hex) = reference.strip_prefix("GUID:") {
            let guid = crate::meta::Guid::parse(hex.trim())?;
            let path = self.registry.owner(guid)?;
            let a = asmdef::parse(&self.small_text(path.as_str())?).ok()?;
            return Some((a.name.clone().unwrap_or_default(), a));
        }
        let known = self.project_asmdefs();
        known.into_iter().find_map(|k| k.asmdef.filter(|a| a.name.as_deref() == Some(reference))).map(|a| (reference.to_string(), a))
    }

    /// Nearest asmdef/asmref up the folders; else Unity's predefined assemblies.
    fn owner_of(&self, path: &AssetPath) -> Owner {
        let mut at = path.parent();
        while let Some(dir) = at {
            if let Some(file) = self.assembly_file_in(dir.as_str()) {
                let text = self.small_text(&file).unwrap_or_default();
                let found = if file.to_ascii_lowercase().ends_with(".asmdef") {
                    asmdef::parse(&text).ok().map(|a| (a.name.clone().unwrap_or_default(), a))
                } else {
                    asmdef::parse_asmref(&text).ok().and_then(|r| self.asmdef_referenced(&r))
                };
                return match found {
                    Some((name, a)) => Owner { name, editor_only: a.editor_only, root_namespace: a.root_namespace },
                    None => Owner::default(),
                };
            }
            at = dir.parent();
        }
        match asmdef::predefined_assembly(path.as_str()) {
            Some(name) => Owner { name: name.to_string(), editor_only: name.contains("-Editor"), root_namespace: None },
            None => Owner::default(),
        }
    }

    /// The project's asmdefs (from the index), with their GUIDs.
    fn project_asmdefs(&self) -> Vec<Known> {
        let mut out: Vec<Known> = self
            .registry
            .entries()
            .into_iter()
            .filter(|(_, h)| h.path.as_str().to_ascii_lowercase().ends_with(".asmdef"))
            .take(asmdef::MAX_ASMDEFS)
            .map(|(g, h)| Known { path: h.path.to_string(), guid: Some(g.to_string()), asmdef: self.small_text(h.path.as_str()).and_then(|t| asmdef::parse(&t).ok()) })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Assembly names under `Library/PackageCache/` (packages the Editor resolved),
    /// when that folder exists; bounded by [`MAX_PACKAGE_CACHE_ENTRIES`].
    fn package_cache_names(&self, stop: &Stop) -> Result<Vec<String>, OpError> {
        let mut names = Vec::new();
        let mut dirs = vec!["Library/PackageCache".to_string()];
        let mut visited = 0usize;
        while let Some(dir) = dirs.pop() {
            stop.tick()?;
            let Ok(entries) = self.fs.list_dir(&dir) else { continue };
            for (name, kind) in entries {
                visited += 1;
                if visited > MAX_PACKAGE_CACHE_ENTRIES {
                    return Ok(names);
                }
                let path = format!("{dir}/{name}");
                match kind {
                    EntryKind::Dir => dirs.push(path),
                    EntryKind::File if name.to_ascii_lowercase().ends_with(".asmdef") => {
                        if let Some(n) = self.small_text(&path).and_then(|t| asmdef::parse(&t).ok()).and_then(|a| a.name) {
                            names.push(n);
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(names)
    }

    /// `scriptingDefineSymbols` of ProjectSettings (every platform's, together).
    fn project_defines(&self) -> Vec<String> {
        let Ok(bytes) = self.fs.read("ProjectSettings/ProjectSettings.asset", 4 << 20) else { return Vec::new() };
        let text = String::from_utf8_lossy(&bytes);
        let mut out: Vec<String> = Vec::new();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(rest) = line.trim_start().strip_prefix("scriptingDefineSymbols:") else { continue };
            let indent = line.len() - line.trim_start().len();
            let mut values: Vec<String> = vec![rest.trim().to_string()];
            for more in lines.by_ref() {
                if more.len() - more.trim_start().len() <= indent {
                    break;
                }
                values.push(more.split_once(':').map_or(more, |(_, v)| v).trim().to_string());
            }
            for v in values {
                out.extend(v.split(';').map(str::trim).filter(|s| crate::script::preproc::is_identifier(s)).map(String::from));
            }
            break;
        }
        out.sort();
        out.dedup();
        out
    }

    /// Keeps the parse trees of at most `bytes` of recently checked script text.
    pub fn with_script_tree_cache_bytes(mut self, bytes: usize) -> AssetDb {
        self.script_trees = crate::script::trees::TreeCache::new(bytes);
        self
    }

    /// The findings on `text` as the file at `path` (or as a loose C# snippet), in
    /// text order.
    fn diagnose(&self, path: Option<&AssetPath>, text: &str, stop: &Stop) -> Result<Validation, OpError> {
        let mut v = self.findings(path, text, stop)?;
        v.diagnostics.sort_by_key(|d| (d.line, d.column));
        Ok(v)
    }

    /// [`Self::diagnose`]'s findings, rule by rule.
    fn findings(&self, path: Option<&AssetPath>, text: &str, stop: &Stop) -> Result<Validation, OpError> {
        let Some(path) = path else {
            let defines = self.project_defines();
            let ctx = ScriptContext { stem: None, player: None, defines: &defines };
            return Ok(Validation { diagnostics: self.checked(None, text, &ctx, stop)?, assembly: String::new() });
        };
        match file_kind(path) {
            Some(FileKind::CSharp) => {
                let owner = self.owner_of(path);
                let defines = self.project_defines();
                let stem = path.file_name().rsplit_once('.').map_or(path.file_name(), |(s, _)| s);
                let player = (!owner.name.is_empty()).then_some(!owner.editor_only);
                let ctx = ScriptContext { stem: Some(stem), player, defines: &defines };
                Ok(Validation { diagnostics: self.checked(Some(path), text, &ctx, stop)?, assembly: owner.name })
            }
            Some(FileKind::Asmdef) => {
                let known = self.project_asmdefs();
                let cache = self.package_cache_names(stop)?;
                let extra: HashSet<&str> = cache.iter().map(String::as_str).collect();
                let diagnostics = asmdef::check(path.as_str(), text, &known, &extra);
                let assembly = asmdef::parse(text).ok().and_then(|a| a.name).unwrap_or_default();
                Ok(Validation { diagnostics, assembly })
            }
            Some(FileKind::Asmref) => match asmdef::parse_asmref(text) {
                Err(d) => Ok(Validation { diagnostics: vec![d], assembly: String::new() }),
                Ok(r) => match self.asmdef_referenced(&r) {
                    Some((name, _)) => Ok(Validation { diagnostics: Vec::new(), assembly: name }),
                    None => Ok(Validation {
                        diagnostics: vec![Diagnostic::new(
                            crate::script::Severity::Warning,
                            1,
                            1,
                            format!("reference '{r}' resolves to no assembly definition in the project"),
                            "asmdef-reference",
                        )],
                        assembly: String::new(),
                    }),
                },
            },
            None => Err(not_a_script(path)),
        }
    }

    /// The C# checks, stopped (with the stop's error) by a deadline or a cancel even
    /// in the middle of a parse. A file's check starts from the trees of its last one
    /// and keeps its own for the next.
    fn checked(&self, path: Option<&AssetPath>, text: &str, ctx: &ScriptContext<'_>, stop: &Stop) -> Result<Vec<Diagnostic>, OpError> {
        let prior = path.and_then(|p| self.script_trees.take(p.as_str()));
        match csharp::check_reusing(text, ctx, prior, &mut || stop.check_now().is_err()) {
            Some((d, parsed)) => {
                if let (Some(p), Some(parsed)) = (path, parsed) {
                    self.script_trees.keep(p.as_str(), parsed);
                }
                Ok(d)
            }
            None => Err(stop.check_now().err().unwrap_or_else(|| OpError::new(ErrorKind::DeadlineExceeded, "validation stopped"))),
        }
    }

    /// The diagnostics a write of `bytes` to `path` returns (none for other files).
    pub(crate) fn diagnostics_after_write(&self, path: &AssetPath, bytes: &[u8]) -> Vec<Diagnostic> {
        if file_kind(path).is_none() || bytes.len() > MAX_WRITE_DIAGNOSTICS_BYTES {
            return Vec::new();
        }
        let Ok(text) = Text::decode(bytes) else { return Vec::new() };
        self.diagnose(Some(path), text.body, &Stop::never()).map(|v| v.diagnostics).unwrap_or_default()
    }

    /// ValidateScript: `text` as the file at `path`, or the file's own text.
    pub fn validate_script_within(&self, path: Option<&AssetPath>, text: Option<&str>, stop: &Stop) -> Result<Validation, OpError> {
        match (path, text) {
            (_, Some(text)) => {
                if text.len() > self.max_text_bytes {
                    return Err(OpError::invalid(format!("text: {} bytes; the limit is {} (max_text_bytes)", text.len(), self.max_text_bytes)));
                }
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                self.diagnose(path, text, stop)
            }
            (Some(path), None) => {
                if file_kind(path).is_none() {
                    return Err(not_a_script(path));
                }
                let bytes = self.text_bytes(path)?;
                let text = Text::decode(&bytes).map_err(|e| OpError::precondition(format!("asset_path: '{path}' is not a text asset: {e}")))?;
                self.diagnose(Some(path), text.body, stop)
            }
            (None, None) => Err(OpError::invalid("asset_path, text: set at least one")),
        }
    }

    /// CreateScript: a new script from the template of `kind`.
    pub fn create_script(&self, path: &AssetPath, kind: ScriptKind, namespace: Option<&str>) -> Result<ScriptCreated, OpError> {
        if path.extension().as_deref() != Some("cs") {
            return Err(OpError::invalid(format!("asset_path: '{path}' must end in .cs")));
        }
        let name = path.file_name().strip_suffix(".cs").unwrap_or(path.file_name());
        if !template::is_type_name(name) {
            return Err(OpError::invalid(format!(
                "asset_path: '{name}' is not a valid C# type name (letters, digits and '_', not starting with a digit, not a keyword): the file's name is the class's"
            )));
        }
        if self.entry("asset_path", path)?.is_some() {
            return Err(OpError::new(ErrorKind::AlreadyExists, format!("asset_path: '{path}' already exists; edit it with write_text or edit_text")));
        }
        let owner = self.owner_of(path);
        if kind == ScriptKind::EditorWindow && !owner.editor_only {
            return Err(OpError::precondition(format!(
                "kind: an EditorWindow must be in an Editor folder or an Editor-only assembly, and '{path}' goes into {}: put it under an Editor folder (e.g. Assets/Editor/{name}.cs)",
                if owner.name.is_empty() { "no assembly".to_string() } else { format!("the player assembly '{}'", owner.name) }
            )));
        }
        let namespace = match namespace {
            Some(ns) => Some(ns.to_string()),
            None => owner.root_namespace.clone().or_else(|| self.root_namespace()),
        };
        let text = template::render(kind, name, namespace.as_deref(), self.version);
        let written = self.write_text(path, &text, None)?;
        Ok(ScriptCreated { asset: written.asset, text, folders_created: written.folders_created, diagnostics: written.diagnostics })
    }

    /// `projectGenerationRootNamespace` of `ProjectSettings/EditorSettings.asset`.
    fn root_namespace(&self) -> Option<String> {
        let bytes = self.fs.read("ProjectSettings/EditorSettings.asset", 1 << 20).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        text.lines()
            .find_map(|l| l.trim_start().strip_prefix("m_ProjectGenerationRootNamespace:").or_else(|| l.trim_start().strip_prefix("projectGenerationRootNamespace:")))
            .map(str::trim)
            .filter(|ns| template::is_namespace(ns))
            .map(String::from)
    }
}
