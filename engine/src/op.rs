//! The domain form of an asset operation: validated input, typed outcome.

use crate::db::{Asset, AssetDb, FindQuery, Problem, RefreshReport, Target};
use crate::error::OpError;
use crate::meta::Guid;
use crate::path::AssetPath;

/// A validated asset operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Import a file or folder.
    Import(AssetPath),
    /// Move `src` to `dst`.
    Move {
        /// Source.
        src: AssetPath,
        /// Destination.
        dst: AssetPath,
    },
    /// Delete a file or folder.
    Delete(AssetPath),
    /// Delete only if nothing outside it references it (reads the whole graph).
    DeleteIfUnreferenced(AssetPath),
    /// Refresh the whole project (a barrier against every other operation).
    Refresh,
    /// Copy `src` to `dst` with fresh GUIDs (reads `src`, writes `dst`).
    Copy {
        /// Source.
        src: AssetPath,
        /// Destination.
        dst: AssetPath,
    },
    /// Create a folder.
    CreateFolder(AssetPath),
    /// A read-only question to the asset graph: shares with other queries, waits for
    /// (and holds back) every change.
    Query(Query),
    /// Read a text asset (lines `start_line`.. for `line_count`; 0 and 0: all). Reads
    /// of one file share; a write to it waits.
    ReadText {
        /// The file.
        path: AssetPath,
        /// First line, 1-based (0 means 1).
        start_line: u32,
        /// Lines to read (0: to the end).
        line_count: u32,
    },
    /// Create or replace a text asset (its parent folders too, under `Assets/`).
    WriteText {
        /// The file.
        path: AssetPath,
        /// Its parent folder, which the write takes whole: a creation may create it
        /// (and its `.meta`), which two writes into one new folder must not both do.
        parent: AssetPath,
        /// Its new content.
        text: String,
        /// The SHA-256 the file must have now (`None`: no precondition).
        expected_sha256: Option<String>,
    },
    /// Apply span edits to a text asset, all or nothing.
    EditText {
        /// The file.
        path: AssetPath,
        /// The edits, against the current text.
        edits: Vec<crate::text::TextEdit>,
        /// The SHA-256 the file must have now (`None`: no precondition).
        expected_sha256: Option<String>,
    },
    /// Create a script from a template (its parent folders too, as WriteText).
    CreateScript {
        /// The new `.cs` file.
        path: AssetPath,
        /// Its parent folder, taken whole (as for WriteText).
        parent: AssetPath,
        /// What the template makes.
        kind: crate::script::template::ScriptKind,
        /// The namespace asked for (`None`: the owning asmdef's, else the project's).
        namespace: Option<String>,
    },
    /// Read the inside of a Unity YAML file (GetHierarchy, GetObject). Reads of one
    /// file share; a SetProperty on it waits.
    ReadYaml {
        /// The file.
        path: AssetPath,
        /// What to read.
        read: YamlRead,
    },
    /// Set one property of one object in a Unity YAML file (only its bytes change).
    SetProperty {
        /// The file.
        path: AssetPath,
        /// The object (0: the file's main object).
        file_id: i64,
        /// Unity's property path (`m_LocalPosition.x`, `m_Materials.Array.data[0]`).
        property_path: String,
        /// The new value as JSON.
        value_json: String,
        /// The SHA-256 the file must have now (`None`: no precondition).
        expected_sha256: Option<String>,
    },
}

/// What a [`Op::ReadYaml`] reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlRead {
    /// GetHierarchy: the GameObject tree.
    Hierarchy {
        /// Levels below the roots (0: all).
        max_depth: u32,
        /// Most nodes (0: the default).
        limit: u32,
    },
    /// GetObject: one document (0: the main object).
    Object {
        /// Its fileID.
        file_id: i64,
    },
}

/// A read-only question answered from the asset graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// FindAssets.
    Find(FindQuery),
    /// FindReferences.
    References(Target),
    /// GetDependencies.
    Dependencies {
        /// The asset.
        path: AssetPath,
        /// Follow dependencies of dependencies.
        recursive: bool,
    },
    /// CheckProject.
    Check,
    /// SearchText.
    Search(crate::db::SearchQuery),
    /// ValidateScript: `text` as the file at `path`, or the file's own text. A query:
    /// the asmdef rules read the whole project's asmdefs.
    Validate {
        /// The file (`None`: a loose C# snippet).
        path: Option<AssetPath>,
        /// The text to check (`None`: the file's).
        text: Option<String>,
    },
}

/// The successful result of an [`Op`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Import or Move: the asset where it now is.
    Asset(Asset),
    /// Delete succeeded; what still referenced the deleted assets.
    Deleted {
        /// Assets outside the deleted set that referenced something in it.
        referenced_by: Vec<Asset>,
    },
    /// Refresh succeeded.
    Refreshed(RefreshReport),
    /// FindAssets: matches (sorted by path) and whether more matched.
    Found {
        /// The assets.
        assets: Vec<Asset>,
        /// More matched than the limit.
        truncated: bool,
    },
    /// FindReferences: the referrers, sorted by path, and where Unity YAML
    /// referrers hold the references.
    Referrers {
        /// The assets.
        referrers: Vec<Asset>,
        /// Object and property path of each reference in a Unity YAML referrer.
        usages: Vec<crate::db::ReferenceUsage>,
    },
    /// GetDependencies.
    Dependencies {
        /// What it uses that resolves.
        dependencies: Vec<Asset>,
        /// What it mentions that nothing provides.
        unresolved: Vec<Guid>,
    },
    /// CheckProject.
    Problems(Vec<Problem>),
    /// ReadText.
    Text(crate::db::TextRead),
    /// SearchText: matching lines (sorted by path, then line) and whether more matched.
    Matches {
        /// The lines.
        matches: Vec<crate::db::TextMatch>,
        /// More matched than the limit.
        truncated: bool,
    },
    /// WriteText or EditText: the file as written.
    Written(crate::db::TextWritten),
    /// CreateScript: the new script.
    Created(crate::db::ScriptCreated),
    /// ValidateScript: the findings and the assembly.
    Validated(crate::db::Validation),
    /// GetHierarchy.
    Hierarchy(crate::db::Hierarchy),
    /// GetObject.
    Object(crate::db::ObjectRead),
    /// SetProperty.
    PropertySet(crate::db::PropertySet),
}

/// The answer to one operation.
pub type OpResult = Result<Outcome, OpError>;

impl Op {
    /// Validates the fields of an import request.
    pub fn import(asset_path: &str) -> Result<Op, OpError> {
        Ok(Op::Import(AssetPath::parse("asset_path", asset_path)?))
    }

    /// Validates the fields of a move request.
    pub fn move_asset(src_path: &str, dst_path: &str) -> Result<Op, OpError> {
        Ok(Op::Move { src: AssetPath::parse("src_path", src_path)?, dst: AssetPath::parse("dst_path", dst_path)? })
    }

    /// Validates the fields of a delete request.
    pub fn delete(asset_path: &str) -> Result<Op, OpError> {
        Ok(Op::Delete(AssetPath::parse("asset_path", asset_path)?))
    }

    /// Validates a delete request with its `only_if_unreferenced` flag.
    pub fn delete_with(asset_path: &str, only_if_unreferenced: bool) -> Result<Op, OpError> {
        let p = AssetPath::parse("asset_path", asset_path)?;
        Ok(if only_if_unreferenced { Op::DeleteIfUnreferenced(p) } else { Op::Delete(p) })
    }

    /// Validates the fields of a copy request.
    pub fn copy(src_path: &str, dst_path: &str) -> Result<Op, OpError> {
        Ok(Op::Copy { src: AssetPath::parse("src_path", src_path)?, dst: AssetPath::parse("dst_path", dst_path)? })
    }

    /// Validates the fields of a create-folder request.
    pub fn create_folder(asset_path: &str) -> Result<Op, OpError> {
        Ok(Op::CreateFolder(AssetPath::parse("asset_path", asset_path)?))
    }

    /// Validates a FindAssets request (at least one criterion, a GUID of 32 hex).
    pub fn find_assets(guid: &str, path_glob: &str, type_name: &str, limit: u32) -> Result<Op, OpError> {
        if guid.is_empty() && path_glob.is_empty() && type_name.is_empty() {
            return Err(OpError::invalid("guid, path_glob, type: set at least one (path_glob \"Assets/**\" lists everything)"));
        }
        let guid = if guid.is_empty() { None } else { Some(parse_guid("guid", guid)?) };
        if path_glob.len() > crate::path::MAX_PATH_BYTES || type_name.len() > 256 {
            return Err(OpError::invalid("path_glob, type: too long"));
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Ok(Op::Query(Query::Find(FindQuery { guid, path_glob: opt(path_glob), type_name: opt(type_name), limit })))
    }

    /// Validates a FindReferences request: exactly one of the two fields.
    pub fn find_references(asset_path: &str, guid: &str) -> Result<Op, OpError> {
        let target = match (asset_path.is_empty(), guid.is_empty()) {
            (false, true) => Target::Path(AssetPath::parse("asset_path", asset_path)?),
            (true, false) => Target::Guid(parse_guid("guid", guid)?),
            _ => return Err(OpError::invalid("asset_path, guid: set exactly one")),
        };
        Ok(Op::Query(Query::References(target)))
    }

    /// Validates a GetDependencies request.
    pub fn dependencies(asset_path: &str, recursive: bool) -> Result<Op, OpError> {
        Ok(Op::Query(Query::Dependencies { path: AssetPath::parse("asset_path", asset_path)?, recursive }))
    }

    /// Validates a SearchText request (the pattern compiles; the glob is bounded).
    pub fn search_text(pattern: &str, path_glob: &str, limit: u32, case_insensitive: bool) -> Result<Op, OpError> {
        if path_glob.len() > crate::path::MAX_PATH_BYTES {
            return Err(OpError::invalid("path_glob: too long"));
        }
        if limit > crate::db::MAX_SEARCH_LIMIT {
            return Err(OpError::invalid(format!("limit: {limit}; at most {}", crate::db::MAX_SEARCH_LIMIT)));
        }
        let q = crate::db::SearchQuery { pattern: pattern.to_string(), path_glob: (!path_glob.is_empty()).then(|| path_glob.to_string()), limit, case_insensitive };
        q.compile()?;
        Ok(Op::Query(Query::Search(q)))
    }

    /// Validates a ReadText request.
    pub fn read_text(asset_path: &str, start_line: u32, line_count: u32) -> Result<Op, OpError> {
        Ok(Op::ReadText { path: AssetPath::parse("asset_path", asset_path)?, start_line, line_count })
    }

    /// Validates a WriteText request (its size is checked against the project's
    /// `max_text_bytes` when it runs).
    pub fn write_text(asset_path: &str, text: String, expected_sha256: &str) -> Result<Op, OpError> {
        let path = AssetPath::parse("asset_path", asset_path)?;
        let parent = path.parent().unwrap_or_else(|| path.clone());
        Ok(Op::WriteText { path, parent, text, expected_sha256: parse_sha256(expected_sha256)? })
    }

    /// Validates an EditText request.
    pub fn edit_text(asset_path: &str, edits: Vec<crate::text::TextEdit>, expected_sha256: &str) -> Result<Op, OpError> {
        let path = AssetPath::parse("asset_path", asset_path)?;
        if edits.len() > crate::text::edit::MAX_EDITS {
            return Err(OpError::invalid(format!("edits: {} edits; at most {} in one request", edits.len(), crate::text::edit::MAX_EDITS)));
        }
        Ok(Op::EditText { path, edits, expected_sha256: parse_sha256(expected_sha256)? })
    }

    /// Validates a CreateScript request (the name and kind; the folder's rules when
    /// it runs).
    pub fn create_script(asset_path: &str, kind: &str, namespace: &str) -> Result<Op, OpError> {
        let path = AssetPath::parse("asset_path", asset_path)?;
        let kind = crate::script::template::ScriptKind::parse(kind).ok_or_else(|| {
            OpError::invalid(format!(
                "kind: '{}' is not one of {}",
                kind.chars().take(64).collect::<String>(),
                crate::script::template::ScriptKind::NAMES.join(", ")
            ))
        })?;
        let namespace = namespace.trim();
        if !namespace.is_empty() && !crate::script::template::is_namespace(namespace) {
            return Err(OpError::invalid(format!(
                "namespace: '{}' is not a C# namespace (identifiers joined by dots)",
                namespace.chars().take(128).collect::<String>()
            )));
        }
        let parent = path.parent().unwrap_or_else(|| path.clone());
        Ok(Op::CreateScript { path, parent, kind, namespace: (!namespace.is_empty()).then(|| namespace.to_string()) })
    }

    /// Validates a ValidateScript request: a path, a text, or both.
    pub fn validate_script(asset_path: &str, text: Option<String>) -> Result<Op, OpError> {
        let path = if asset_path.is_empty() { None } else { Some(AssetPath::parse("asset_path", asset_path)?) };
        if path.is_none() && text.is_none() {
            return Err(OpError::invalid("asset_path, text: set at least one"));
        }
        Ok(Op::Query(Query::Validate { path, text }))
    }

    /// Validates a GetHierarchy request.
    pub fn get_hierarchy(asset_path: &str, max_depth: u32, limit: u32) -> Result<Op, OpError> {
        if limit > crate::db::MAX_HIERARCHY_LIMIT {
            return Err(OpError::invalid(format!("limit: {limit}; at most {}", crate::db::MAX_HIERARCHY_LIMIT)));
        }
        Ok(Op::ReadYaml { path: AssetPath::parse("asset_path", asset_path)?, read: YamlRead::Hierarchy { max_depth, limit } })
    }

    /// Validates a GetObject request.
    pub fn get_object(asset_path: &str, file_id: i64) -> Result<Op, OpError> {
        Ok(Op::ReadYaml { path: AssetPath::parse("asset_path", asset_path)?, read: YamlRead::Object { file_id } })
    }

    /// Validates a SetProperty request (the path's syntax and the JSON's size here;
    /// the rest against the file).
    pub fn set_property(asset_path: &str, file_id: i64, property_path: &str, value_json: &str, expected_sha256: &str) -> Result<Op, OpError> {
        let path = AssetPath::parse("asset_path", asset_path)?;
        crate::db::check_property_path(property_path)?;
        if value_json.trim().is_empty() {
            return Err(OpError::invalid("value_json: empty; give the new value as JSON (a number, a string, a bool or a reference object)"));
        }
        if value_json.len() > crate::yaml::set::MAX_VALUE_JSON_BYTES {
            return Err(OpError::invalid(format!("value_json: {} bytes; at most {}", value_json.len(), crate::yaml::set::MAX_VALUE_JSON_BYTES)));
        }
        Ok(Op::SetProperty {
            path,
            file_id,
            property_path: property_path.to_string(),
            value_json: value_json.to_string(),
            expected_sha256: parse_sha256(expected_sha256)?,
        })
    }

    /// The paths this operation touches; `None` means all of them (Refresh, a
    /// checked delete, a query).
    pub fn paths(&self) -> Option<Vec<&AssetPath>> {
        match self {
            Op::Import(p) | Op::Delete(p) | Op::CreateFolder(p) => Some(vec![p]),
            Op::ReadText { path, .. } | Op::EditText { path, .. } | Op::ReadYaml { path, .. } | Op::SetProperty { path, .. } => Some(vec![path]),
            Op::WriteText { parent, .. } | Op::CreateScript { parent, .. } => Some(vec![parent]),
            Op::Move { src, dst } | Op::Copy { src, dst } => Some(vec![src, dst]),
            Op::Refresh | Op::DeleteIfUnreferenced(_) | Op::Query(_) => None,
        }
    }

    /// True for a read-only query: queries share with each other.
    pub fn is_query(&self) -> bool {
        matches!(self, Op::Query(_))
    }

    /// True for an operation that only reads (a query, ReadText): reads share with
    /// each other.
    pub fn is_read(&self) -> bool {
        matches!(self, Op::Query(_) | Op::ReadText { .. } | Op::ReadYaml { .. })
    }

    /// True if this operation and `other` must not run at the same time: they touch
    /// the same path or one contains the other, or either touches everything (two
    /// reads excepted: reads share).
    pub fn conflicts_with(&self, other: &Op) -> bool {
        if self.is_read() && other.is_read() {
            return false;
        }
        match (self.paths(), other.paths()) {
            (Some(a), Some(b)) => a.iter().any(|p| b.iter().any(|q| p.overlaps(q))),
            _ => true,
        }
    }

    /// The operation's name, for logs and metrics.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Import(_) => "import_asset",
            Op::Move { .. } => "move_asset",
            Op::Delete(_) | Op::DeleteIfUnreferenced(_) => "delete_asset",
            Op::Refresh => "refresh",
            Op::Copy { .. } => "copy_asset",
            Op::CreateFolder(_) => "create_folder",
            Op::Query(Query::Find(_)) => "find_assets",
            Op::Query(Query::References(_)) => "find_references",
            Op::Query(Query::Dependencies { .. }) => "get_dependencies",
            Op::Query(Query::Check) => "check_project",
            Op::Query(Query::Search(_)) => "search_text",
            Op::Query(Query::Validate { .. }) => "validate_script",
            Op::CreateScript { .. } => "create_script",
            Op::ReadText { .. } => "read_text",
            Op::WriteText { .. } => "write_text",
            Op::EditText { .. } => "edit_text",
            Op::ReadYaml { read: YamlRead::Hierarchy { .. }, .. } => "get_hierarchy",
            Op::ReadYaml { read: YamlRead::Object { .. }, .. } => "get_object",
            Op::SetProperty { .. } => "set_property",
        }
    }
}

/// An `expected_sha256` field: empty (no precondition) or 64 hex digits.
fn parse_sha256(s: &str) -> Result<Option<String>, OpError> {
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(OpError::invalid(format!("expected_sha256: '{}' is not a SHA-256 (64 hex digits)", s.chars().take(80).collect::<String>())));
    }
    Ok(Some(s.to_ascii_lowercase()))
}

/// A GUID field: 32 hex digits.
fn parse_guid(field: &str, s: &str) -> Result<Guid, OpError> {
    Guid::parse(s).ok_or_else(|| OpError::invalid(format!("{field}: '{}' is not a GUID (32 hex digits)", s.chars().take(64).collect::<String>())))
}

impl AssetDb {
    /// Runs one operation against the project.
    pub fn apply(&self, op: &Op) -> OpResult {
        self.apply_within(op, &crate::db::Stop::never())
    }

    /// Runs one operation, stopping its long loops (queries, walks) between two items
    /// when `stop` says so (a deadline, a client gone).
    pub fn apply_within(&self, op: &Op, stop: &crate::db::Stop) -> OpResult {
        // On a case-insensitive file system, every path in its on-disk spelling first.
        let canonical = self.canonical_op(op);
        let op = canonical.as_ref();
        match op {
            Op::Import(p) => self.import(p).map(Outcome::Asset),
            Op::Move { src, dst } => self.move_asset(src, dst).map(Outcome::Asset),
            Op::Delete(p) => self.delete_checked(p, false).map(|referenced_by| Outcome::Deleted { referenced_by }),
            Op::DeleteIfUnreferenced(p) => self.delete_checked(p, true).map(|referenced_by| Outcome::Deleted { referenced_by }),
            Op::Refresh => self.refresh_within(stop).map(Outcome::Refreshed),
            Op::Copy { src, dst } => self.copy_asset(src, dst).map(Outcome::Asset),
            Op::CreateFolder(p) => self.create_folder(p).map(Outcome::Asset),
            Op::Query(Query::Find(q)) => {
                let (assets, truncated) = self.find_assets_within(q, stop)?;
                Ok(Outcome::Found { assets, truncated })
            }
            Op::Query(Query::References(t)) => {
                let (referrers, usages) = self.references_and_usages_within(t, stop)?;
                Ok(Outcome::Referrers { referrers, usages })
            }
            Op::Query(Query::Dependencies { path, recursive }) => self
                .dependencies_within(path, *recursive, stop)
                .map(|(dependencies, unresolved)| Outcome::Dependencies { dependencies, unresolved }),
            Op::Query(Query::Check) => self.check_project_within(stop).map(Outcome::Problems),
            Op::Query(Query::Search(q)) => self.search_text_within(q, stop).map(|(matches, truncated)| Outcome::Matches { matches, truncated }),
            Op::ReadText { path, start_line, line_count } => self.read_text(path, *start_line, *line_count).map(Outcome::Text),
            Op::WriteText { path, text, expected_sha256, .. } => self.write_text(path, text, expected_sha256.as_deref()).map(Outcome::Written),
            Op::EditText { path, edits, expected_sha256 } => self.edit_text(path, edits, expected_sha256.as_deref()).map(Outcome::Written),
            Op::CreateScript { path, kind, namespace, .. } => self.create_script(path, *kind, namespace.as_deref()).map(Outcome::Created),
            Op::Query(Query::Validate { path, text }) => self.validate_script_within(path.as_ref(), text.as_deref(), stop).map(Outcome::Validated),
            Op::ReadYaml { path, read: YamlRead::Hierarchy { max_depth, limit } } => self.get_hierarchy(path, *max_depth, *limit, stop).map(Outcome::Hierarchy),
            Op::ReadYaml { path, read: YamlRead::Object { file_id } } => self.get_object(path, *file_id).map(Outcome::Object),
            Op::SetProperty { path, file_id, property_path, value_json, expected_sha256 } => {
                self.set_property(path, *file_id, property_path, value_json, expected_sha256.as_deref()).map(Outcome::PropertySet)
            }
        }
    }
}
