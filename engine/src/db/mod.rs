//! Unity asset semantics over a [`FileSystem`]: the AssetDatabase of a project folder.
//!
//! One operation per file: [`import`], [`move_asset`], [`delete`], [`refresh`], [`info`].
//! Every operation validates its state first and changes nothing when it fails, except
//! where a crash or an I/O error interrupts it half-way; then what is left is an orphan
//! `.meta` or a missing one, which Refresh repairs.

mod case;
mod check;
mod copy;
mod delete;
mod duplicates;
pub mod guids;
mod import;
mod index;
mod info;
mod move_asset;
mod queries;
mod urls;
mod refresh;
pub mod stop;
mod search;
mod text;
mod script;
mod scene;
mod usages;

pub use check::{Problem, MAX_PROBLEMS};
pub use copy::MAX_COPY_ENTRIES;
pub use index::MAX_RECONCILE_ENTRIES;
pub use duplicates::{Reidentified, ScanReport};
pub use queries::{FindQuery, Target, DEFAULT_FIND_LIMIT, MAX_FIND_LIMIT};
pub use refresh::RefreshReport;
pub use stop::Stop;
pub use search::{SearchQuery, TextMatch, DEFAULT_SEARCH_LIMIT, MAX_LINE_CHARS, MAX_SEARCH_LIMIT};
pub use text::{TextRead, TextWritten, DEFAULT_MAX_TEXT_BYTES};
pub use script::{ScriptCreated, Validation, DEFAULT_SCRIPT_TREE_CACHE_BYTES};
pub use usages::{ReferenceUsage, MAX_USAGES};
pub use scene::{check_property_path, Hierarchy, ObjectRead, PropertySet, SceneComponent, SceneNode, DEFAULT_HIERARCHY_LIMIT, DEFAULT_MAX_YAML_BYTES, MAX_HIERARCHY_LIMIT, UNITY_YAML_EXTENSIONS};

use crate::error::OpError;
use crate::fs::{EntryKind, FileSystem};
use crate::importers::UnityVersion;
use crate::kind::{kind_for, AssetKind, FOLDER};
use guids::{GuidRegistry, DEFAULT_MAX_GUIDS};
use crate::meta::{self, Guid, MetaFile, MAX_META_BYTES};
use crate::path::AssetPath;
use crate::pool::{buffer_pool, Pool, Pooled};
use rand::{rngs::StdRng, RngCore, SeedableRng};
use std::sync::{Arc, Mutex};

/// Where new GUIDs come from. Injected so the simulation is reproducible.
pub trait GuidSource: Send + Sync {
    /// A fresh random 128-bit GUID.
    fn next_guid(&self) -> Guid;
}

/// GUIDs from a seeded PRNG (`StdRng`, ChaCha-based).
pub struct RandomGuids(Mutex<StdRng>);

impl RandomGuids {
    /// Reproducible GUIDs from `seed`.
    pub fn seeded(seed: u64) -> RandomGuids {
        RandomGuids(Mutex::new(StdRng::seed_from_u64(seed)))
    }

    /// GUIDs seeded from the operating system's entropy.
    pub fn from_entropy() -> RandomGuids {
        RandomGuids(Mutex::new(StdRng::from_entropy()))
    }
}

impl GuidSource for RandomGuids {
    fn next_guid(&self) -> Guid {
        let mut rng = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let mut bytes = [0u8; 16];
        loop {
            rng.fill_bytes(&mut bytes);
            let g = u128::from_le_bytes(bytes);
            // The all-zero GUID means "missing" to Unity.
            if g != 0 {
                return Guid(g);
            }
        }
    }
}

/// A resolved asset, as answered to clients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// The GUID from its `.meta`.
    pub guid: Guid,
    /// Where it is now.
    pub path: AssetPath,
    /// Unity's main asset type name.
    pub type_name: &'static str,
    /// True for folders.
    pub folder: bool,
}

/// Project name and Unity version, from ProjectSettings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectInfo {
    /// `productName:` of ProjectSettings/ProjectSettings.asset, else the folder name.
    pub project_name: String,
    /// `m_EditorVersion:` of ProjectSettings/ProjectVersion.txt, else "unknown".
    pub unity_version: String,
    /// A Unity Editor has the project open: another process holds the lock on
    /// `Temp/UnityLockfile` (a leftover file nobody locks is not enough).
    pub editor_running: bool,
}

/// The file the Unity Editor locks while it has the project open.
pub const EDITOR_LOCKFILE: &str = "Temp/UnityLockfile";

/// Idle `.meta` read buffers kept by default (the driver adapts it to its workers).
pub const DEFAULT_BUFFERS_IDLE: usize = 16;
/// Initial size of a `.meta` read buffer: real metas are 0.2-4 KiB.
const BUFFER_INITIAL_BYTES: usize = 4096;
/// A buffer that grew past this (a huge .meta) is dropped rather than kept idle.
const BUFFER_MAX_KEEP_BYTES: usize = 64 * 1024;

/// The asset database of one project.
pub struct AssetDb {
    /// The project folder.
    fs: Arc<dyn FileSystem>,
    /// Source of GUIDs for new `.meta` files.
    guids: Arc<dyn GuidSource>,
    /// Read buffers for `.meta` files, reused across operations and workers.
    buffers: Pool<Vec<u8>>,
    /// The project's Editor version (ProjectVersion.txt), which picks the layout of
    /// new `.meta` files; the newest known when the project names none.
    version: UnityVersion,
    /// Which path holds each GUID, to tell an original from a copy.
    registry: GuidRegistry,
    /// What each asset's file and `.meta` mention, both ways.
    graph: crate::index::graph::RefGraph,
    /// Told of every re-identified duplicate (the server logs them).
    observer: Option<Box<dyn Fn(&Reidentified) + Send + Sync>>,
    /// Told of every orphan folder `.meta` Refresh removes (the server logs a warning
    /// with its GUID, as the Editor does).
    orphan_observer: Option<Box<dyn Fn(&AssetPath, Option<Guid>) + Send + Sync>>,
    /// Refresh and CheckProject leave a folder `.meta` whose folder is missing alone
    /// (`[engine] keep_orphan_folder_metas`); by default they treat it as any orphan.
    keep_orphan_folder_metas: bool,
    /// Whether the file system tells names apart by case (see `case.rs`).
    rule: crate::path::CaseRule,
    /// Largest text asset read, written or edited (`max_text_bytes`).
    max_text_bytes: usize,
    /// Largest Unity YAML file GetHierarchy, GetObject and SetProperty read
    /// (`max_yaml_bytes`).
    max_yaml_bytes: usize,
    /// Threads one SearchText reads and matches with (`search_threads`).
    search_threads: usize,
    /// GUIDs that SetProperty references pointed at before a change, so that
    /// setting one back (an undo) is no unknown GUID even when nothing else in the
    /// project mentions it. At most [`scene::MAX_DISPLACED_GUIDS`], oldest dropped.
    displaced_guids: Mutex<lru::LruCache<Guid, ()>>,
    /// The parse trees of recently checked scripts, so a check after an edit
    /// re-parses only the edit (`script_tree_cache_bytes`).
    script_trees: crate::script::trees::TreeCache,
}

impl AssetDb {
    /// A database over `fs` taking new GUIDs from `guids`.
    pub fn new(fs: Arc<dyn FileSystem>, guids: Arc<dyn GuidSource>) -> AssetDb {
        let version = fs
            .read("ProjectSettings/ProjectVersion.txt", MAX_META_BYTES)
            .ok()
            .and_then(|b| UnityVersion::from_project_version_txt(&String::from_utf8_lossy(&b)))
            .unwrap_or(UnityVersion::LATEST);
        AssetDb {
            fs,
            guids,
            buffers: buffer_pool(DEFAULT_BUFFERS_IDLE, BUFFER_INITIAL_BYTES, BUFFER_MAX_KEEP_BYTES),
            version,
            registry: GuidRegistry::new(DEFAULT_MAX_GUIDS),
            graph: Default::default(),
            observer: None,
            orphan_observer: None,
            keep_orphan_folder_metas: false,
            rule: crate::path::CaseRule::Sensitive,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_yaml_bytes: scene::DEFAULT_MAX_YAML_BYTES,
            search_threads: 1,
            displaced_guids: Mutex::new(lru::LruCache::new(scene::MAX_DISPLACED_GUIDS)),
            script_trees: crate::script::trees::TreeCache::new(script::DEFAULT_SCRIPT_TREE_CACHE_BYTES),
        }
    }

    /// Bounds the GUID registry at `max_guids` entries (before any scan).
    pub fn with_max_guids(mut self, max_guids: usize) -> AssetDb {
        self.registry = GuidRegistry::new(max_guids);
        self
    }

    /// Calls `observer` for every duplicate GUID re-identified (for logging).
    pub fn with_observer(mut self, observer: impl Fn(&Reidentified) + Send + Sync + 'static) -> AssetDb {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Calls `observer` for every orphan folder `.meta` Refresh removes.
    pub fn with_orphan_observer(mut self, observer: impl Fn(&AssetPath, Option<Guid>) + Send + Sync + 'static) -> AssetDb {
        self.orphan_observer = Some(Box::new(observer));
        self
    }

    /// Keeps folder `.meta` files whose folder is missing (not the Editor's behaviour).
    pub fn with_keep_orphan_folder_metas(mut self, keep: bool) -> AssetDb {
        self.keep_orphan_folder_metas = keep;
        self
    }

    /// The Editor version whose `.meta` layout new metas follow.
    pub fn unity_version(&self) -> UnityVersion {
        self.version
    }

    /// GUIDs the registry remembers.
    pub fn known_guids(&self) -> usize {
        self.registry.len()
    }

    /// The pool of read buffers (its bound follows the worker target; its counts feed
    /// metrics and the leak checks).
    pub fn buffers(&self) -> &Pool<Vec<u8>> {
        &self.buffers
    }

    /// The underlying file system.
    pub fn fs(&self) -> &Arc<dyn FileSystem> {
        &self.fs
    }

    /// Project name and version.
    pub fn project_info(&self) -> ProjectInfo {
        let read_key = |file: &str, key: &str| -> Option<String> {
            let bytes = self.fs.read(file, MAX_META_BYTES).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            text.lines().find_map(|l| l.trim_start().strip_prefix(key).map(|v| v.trim().to_string())).filter(|v| !v.is_empty())
        };
        ProjectInfo {
            project_name: read_key("ProjectSettings/ProjectSettings.asset", "productName:")
                .unwrap_or_else(|| self.fs.root_name()),
            unity_version: read_key("ProjectSettings/ProjectVersion.txt", "m_EditorVersion:")
                .unwrap_or_else(|| "unknown".to_string()),
            editor_running: self.editor_running(),
        }
    }

    /// True while a Unity Editor holds the project's lock file.
    pub fn editor_running(&self) -> bool {
        self.fs.is_locked(EDITOR_LOCKFILE).unwrap_or(false)
    }

    /// What is at `path`; a link, special file or missing parent is reported as the
    /// client-facing error for the field `field`.
    fn entry(&self, field: &str, path: &AssetPath) -> Result<Option<EntryKind>, OpError> {
        match self.probe(path.as_str()) {
            Ok(Some(EntryKind::Symlink)) => Err(OpError::precondition(format!(
                "{field}: '{path}' is a symbolic link; the server never follows links"
            ))),
            Ok(Some(EntryKind::Other)) => {
                Err(OpError::precondition(format!("{field}: '{path}' is not a regular file or folder")))
            }
            Ok(k) => Ok(k),
            Err(e) => Err(OpError::io(&format!("{field}: cannot inspect '{path}'"), &e)),
        }
    }

    /// What is at `path`; nothing can be beneath a file, so that is `None` too.
    fn probe(&self, path: &str) -> std::io::Result<Option<EntryKind>> {
        match self.fs.kind(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Ok(None),
            other => other,
        }
    }

    /// Reads and parses the `.meta` of `path`, `None` if there is none. The bytes come
    /// back in a pooled buffer.
    fn read_meta(&self, path: &AssetPath) -> Result<Option<(MetaFile, Pooled<Vec<u8>>)>, OpError> {
        let meta_path = path.meta_path();
        match self.probe(&meta_path) {
            Ok(None) => return Ok(None),
            Ok(Some(EntryKind::File)) => {}
            Ok(Some(_)) => return Err(OpError::precondition(format!("'{meta_path}' is not a regular file"))),
            Err(e) => return Err(OpError::io(&format!("cannot inspect '{meta_path}'"), &e)),
        }
        let mut bytes = self.buffers.get();
        self.fs
            .read_into(&meta_path, MAX_META_BYTES, &mut bytes)
            .map_err(|e| OpError::io(&format!("cannot read '{meta_path}'"), &e))?;
        let meta = meta::parse(&bytes).map_err(|e| {
            OpError::precondition(format!(
                "'{meta_path}' {e}: Unity cannot read it either; restore it from version control, or delete it and Refresh (the asset then gets a new GUID)"
            ))
        })?;
        Ok(Some((meta, bytes)))
    }

    /// Writes a fresh `.meta` for `path` of kind `kind`; returns its GUID.
    fn write_new_meta(&self, path: &AssetPath, kind: &AssetKind) -> Result<Guid, OpError> {
        let guid = self.guids.next_guid();
        let text = meta::render(guid, kind);
        let meta_path = path.meta_path();
        self.fs.write_atomic(&meta_path, text.as_bytes()).map_err(|e| OpError::io(&format!("cannot write '{meta_path}'"), &e))?;
        self.hold(guid, path, kind.folder);
        Ok(guid)
    }

    /// The kind of an entry at `path`, for this project's Editor version.
    fn kind_at(&self, path: &AssetPath, entry: EntryKind) -> AssetKind {
        if entry == EntryKind::Dir {
            FOLDER
        } else {
            kind_for(path.file_name(), self.version)
        }
    }
}

impl Asset {
    fn at(guid: Guid, path: &AssetPath, kind: &AssetKind) -> Asset {
        Asset { guid, path: path.clone(), type_name: kind.type_name, folder: kind.folder }
    }
}

/// Locks one of the engine's std mutexes (std also under loom: these are not
/// modelled), a poisoned one as is: every critical section leaves its state whole.
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
