//! Case-insensitive file systems (Windows, macOS by default): a client may spell a path
//! in any case, or in another Unicode form, and still name the one file on disk. Every
//! operation first brings its paths to their on-disk spelling, so the registry, the
//! index and every answer hold one spelling per file; a destination keeps its own leaf
//! (a case-only rename changes it) under its on-disk parent.

use super::AssetDb;
use crate::mutation::{self, Mutation};
use crate::op::{Op, Query};
use crate::path::{AssetPath, CaseRule};
use std::borrow::Cow;

impl AssetDb {
    /// The case rule of the project's file system.
    pub fn case_rule(&self) -> CaseRule {
        self.rule
    }

    /// Sets the case rule (before any operation).
    pub fn with_case_rule(mut self, rule: CaseRule) -> AssetDb {
        self.rule = rule;
        self
    }

    /// `path` in its on-disk spelling: each existing component takes the name its
    /// folder lists; from the first missing one on, the rest as given.
    /// Borrowed (no allocation) on a case-sensitive file system or when the registry
    /// already holds this exact spelling.
    pub(crate) fn on_disk<'a>(&self, path: &'a AssetPath) -> Cow<'a, AssetPath> {
        if self.rule == CaseRule::Sensitive || mutation::active(Mutation::IgnoreCaseRule) || self.registry.holds_path(path) {
            return Cow::Borrowed(path);
        }
        let mut parts = path.as_str().split('/');
        let mut out = parts.next().unwrap_or_default().to_string();
        let mut missing = false;
        for comp in parts {
            let found = if missing {
                None
            } else {
                match self.fs.list_dir(&out) {
                    Ok(entries) => entries
                        .iter()
                        .find(|(n, _)| n == comp)
                        .or_else(|| entries.iter().find(|(n, _)| self.rule.same(n, comp)))
                        .map(|(n, _)| n.clone()),
                    Err(_) => None,
                }
            };
            missing |= found.is_none();
            out.push('/');
            out.push_str(found.as_deref().unwrap_or(comp));
        }
        Cow::Owned(AssetPath::from_trusted(out))
    }

    /// A destination: its parent in the on-disk spelling, its own name as given.
    pub(crate) fn on_disk_parent(&self, path: &AssetPath) -> AssetPath {
        match path.parent() {
            Some(parent) if self.rule == CaseRule::Insensitive => self.on_disk(&parent).join(path.file_name()),
            _ => path.clone(),
        }
    }

    /// `op` with every path in its on-disk spelling (sources whole, destinations up
    /// to their parent). Borrowed as is on a case-sensitive file system.
    pub(crate) fn canonical_op<'a>(&self, op: &'a Op) -> Cow<'a, Op> {
        if self.rule == CaseRule::Sensitive {
            return Cow::Borrowed(op);
        }
        Cow::Owned(match op {
            Op::Import(p) => Op::Import(self.on_disk(p).into_owned()),
            Op::Move { src, dst } => Op::Move { src: self.on_disk(src).into_owned(), dst: self.on_disk_parent(dst) },
            Op::Delete(p) => Op::Delete(self.on_disk(p).into_owned()),
            Op::DeleteIfUnreferenced(p) => Op::DeleteIfUnreferenced(self.on_disk(p).into_owned()),
            Op::Copy { src, dst } => Op::Copy { src: self.on_disk(src).into_owned(), dst: self.on_disk_parent(dst) },
            Op::CreateFolder(p) => Op::CreateFolder(self.on_disk_parent(p)),
            Op::Query(Query::References(crate::db::Target::Path(p))) => Op::Query(Query::References(crate::db::Target::Path(self.on_disk(p).into_owned()))),
            Op::Query(Query::Dependencies { path, recursive }) => Op::Query(Query::Dependencies { path: self.on_disk(path).into_owned(), recursive: *recursive }),
            Op::ReadText { path, start_line, line_count } => Op::ReadText { path: self.on_disk(path).into_owned(), start_line: *start_line, line_count: *line_count },
            Op::EditText { path, edits, expected_sha256 } => {
                Op::EditText { path: self.on_disk(path).into_owned(), edits: edits.clone(), expected_sha256: expected_sha256.clone() }
            }
            Op::WriteText { path, parent, text, expected_sha256 } => Op::WriteText {
                path: self.on_disk(path).into_owned(),
                parent: self.on_disk(parent).into_owned(),
                text: text.clone(),
                expected_sha256: expected_sha256.clone(),
            },
            Op::CreateScript { path, parent, kind, namespace } => Op::CreateScript {
                path: self.on_disk_parent(path),
                parent: self.on_disk(parent).into_owned(),
                kind: *kind,
                namespace: namespace.clone(),
            },
            Op::ReadYaml { path, read } => Op::ReadYaml { path: self.on_disk(path).into_owned(), read: read.clone() },
            Op::SetProperty { path, file_id, property_path, value_json, expected_sha256 } => Op::SetProperty {
                path: self.on_disk(path).into_owned(),
                file_id: *file_id,
                property_path: property_path.clone(),
                value_json: value_json.clone(),
                expected_sha256: expected_sha256.clone(),
            },
            Op::Query(Query::Validate { path: Some(p), text }) => Op::Query(Query::Validate { path: Some(self.on_disk(p).into_owned()), text: text.clone() }),
            other => other.clone(),
        })
    }

    /// What `name` is in a sorted folder listing: exactly, or on a case-insensitive file
    /// system in another spelling (an asset `Hero.png` beside `hero.png.meta` is one
    /// asset with its `.meta`, never an orphan and a missing one).
    pub(crate) fn find_listed<E: Listed>(&self, entries: &[E], name: &str) -> Option<crate::fs::EntryKind> {
        if let Ok(i) = entries.binary_search_by(|e| e.name().cmp(name)) {
            return Some(entries[i].kind());
        }
        if self.rule == CaseRule::Sensitive || mutation::active(Mutation::IgnoreCaseRule) {
            return None;
        }
        entries.iter().find(|e| self.rule.same(e.name(), name)).map(|e| e.kind())
    }

    /// Another entry beside `path` whose name differs from its name only in case (a
    /// case-insensitive rule over a disk that tells them apart, as a configured
    /// override allows): creating `path` would make two entries for one name.
    pub(crate) fn collision(&self, path: &AssetPath) -> Option<AssetPath> {
        if self.rule == CaseRule::Sensitive || mutation::active(Mutation::IgnoreCaseRule) {
            return None;
        }
        let parent = path.parent()?;
        let leaf = path.file_name();
        let entries = self.fs.list_dir(parent.as_str()).ok()?;
        let base = leaf.strip_suffix(".meta").unwrap_or(leaf);
        entries
            .iter()
            .find(|(n, _)| n != leaf && (self.rule.same(n, leaf) || self.rule.same(n.strip_suffix(".meta").unwrap_or(n), base)))
            .map(|(n, _)| parent.join(n))
    }

    /// True if moving `src` to `dst` only changes the case (or Unicode form) of its
    /// name: one file, renamed in place.
    pub(crate) fn is_case_only_rename(&self, src: &AssetPath, dst: &AssetPath) -> bool {
        self.rule == CaseRule::Insensitive && src != dst && self.rule.same(src.as_str(), dst.as_str())
    }
}

/// An entry of a folder listing (plain or stamped), as [`AssetDb::find_listed`] reads it.
pub(crate) trait Listed {
    fn name(&self) -> &str;
    fn kind(&self) -> crate::fs::EntryKind;
}

impl Listed for (String, crate::fs::EntryKind) {
    fn name(&self) -> &str {
        &self.0
    }
    fn kind(&self) -> crate::fs::EntryKind {
        self.1
    }
}

impl Listed for (String, crate::fs::EntryKind, Option<crate::fs::Stamp>) {
    fn name(&self) -> &str {
        &self.0
    }
    fn kind(&self) -> crate::fs::EntryKind {
        self.1
    }
}
