//! An in-memory [`FileSystem`] with fault injection, for tests, fuzzing and simulation.

use super::{split_parent, symlink_refused, EntryKind, FileSystem, Stamp};
use std::collections::BTreeMap;
use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

/// A file-system call, as seen by the fault hook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsCall {
    /// [`FileSystem::read`].
    Read,
    /// [`FileSystem::write_atomic`] (the fault hits before anything is written).
    Write,
    /// [`FileSystem::rename`].
    Rename,
    /// [`FileSystem::remove_file`] and [`FileSystem::remove_dir_all`].
    Remove,
}

/// Decides whether a call fails: returns the error kind to fail with.
pub type FaultFn = Arc<dyn Fn(FsCall, &str) -> Option<io::ErrorKind> + Send + Sync>;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    Symlink(String),
}

struct State {
    /// Every entry by full path; the root ("") is implicit.
    nodes: BTreeMap<String, Node>,
    /// Optional fault hook.
    fault: Option<FaultFn>,
}

/// A whole project tree in memory. Cloning shares the same tree.
#[derive(Clone)]
pub struct MemFs {
    state: Arc<Mutex<State>>,
    root_name: String,
    /// Names compare as on Windows and macOS: a path in any case (or Unicode form)
    /// names the entry stored with its own spelling, which listings return.
    rule: crate::path::CaseRule,
}

impl MemFs {
    /// An empty project named `root_name`.
    pub fn new(root_name: &str) -> MemFs {
        MemFs {
            state: Arc::new(Mutex::new(State { nodes: BTreeMap::new(), fault: None })),
            root_name: root_name.to_string(),
            rule: crate::path::CaseRule::Sensitive,
        }
    }

    /// An empty project on a case-insensitive file system (as Windows' and macOS's).
    pub fn new_case_insensitive(root_name: &str) -> MemFs {
        MemFs { rule: crate::path::CaseRule::Insensitive, ..MemFs::new(root_name) }
    }

    /// The path as stored: each component that exists in another spelling takes the
    /// stored one (case-insensitive mode); the rest as given.
    fn actual(&self, st: &State, path: &str) -> String {
        if self.rule == crate::path::CaseRule::Sensitive || path.is_empty() {
            return path.to_string();
        }
        let mut out = String::with_capacity(path.len());
        for comp in path.split('/') {
            let parent = out.clone();
            let found = children(&st.nodes, &parent)
                .map(|(k, _)| if parent.is_empty() { k.as_str() } else { &k[parent.len() + 1..] })
                .find(|name| self.rule.same(name, comp))
                .map(str::to_string);
            if !out.is_empty() {
                out.push('/');
            }
            out.push_str(found.as_deref().unwrap_or(comp));
        }
        out
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves the map consistent (every mutation is a
        // single map operation), so a poisoned lock is still safe to use.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Installs (or removes) the fault hook.
    pub fn set_fault(&self, fault: Option<FaultFn>) {
        self.lock().fault = fault;
    }

    /// Test set-up: creates a file and any missing parent folders.
    pub fn put_file(&self, path: &str, data: &[u8]) {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        ensure_parents(&mut st.nodes, path);
        st.nodes.insert(path.to_string(), Node::File(data.to_vec()));
    }

    /// Test set-up: creates a folder and any missing parents.
    pub fn put_dir(&self, path: &str) {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        ensure_parents(&mut st.nodes, path);
        st.nodes.insert(path.to_string(), Node::Dir);
    }

    /// Test set-up: creates a symbolic link pointing at `target` (never followed).
    pub fn put_symlink(&self, path: &str, target: &str) {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        ensure_parents(&mut st.nodes, path);
        st.nodes.insert(path.to_string(), Node::Symlink(target.to_string()));
    }

    /// Every path with its content (`None` for folders, the target for links), sorted;
    /// for comparing end states.
    pub fn snapshot(&self) -> Vec<(String, Option<Vec<u8>>)> {
        self.lock()
            .nodes
            .iter()
            .map(|(p, n)| {
                let content = match n {
                    Node::File(d) => Some(d.clone()),
                    Node::Dir => None,
                    Node::Symlink(t) => Some(format!("-> {t}").into_bytes()),
                };
                (p.clone(), content)
            })
            .collect()
    }

    fn check_fault(st: &State, call: FsCall, path: &str) -> io::Result<()> {
        match st.fault.as_ref().and_then(|f| f(call, path)) {
            Some(kind) => Err(io::Error::new(kind, format!("injected fault on {call:?} of '{path}'"))),
            None => Ok(()),
        }
    }
}

fn ensure_parents(nodes: &mut BTreeMap<String, Node>, path: &str) {
    let mut end = 0;
    while let Some(i) = path[end..].find('/') {
        let parent = &path[..end + i];
        nodes.entry(parent.to_string()).or_insert(Node::Dir);
        end += i + 1;
    }
}

/// Fails if an ancestor of `path` is a link or a file, or is missing.
fn check_ancestors(nodes: &BTreeMap<String, Node>, path: &str) -> io::Result<bool> {
    let mut end = 0;
    while let Some(i) = path[end..].find('/') {
        let ancestor = &path[..end + i];
        match nodes.get(ancestor) {
            Some(Node::Dir) => {}
            Some(Node::Symlink(_)) => return Err(symlink_refused(path)),
            Some(Node::File(_)) => return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("'{ancestor}' is a file"))),
            None => return Ok(false),
        }
        end += i + 1;
    }
    Ok(true)
}

/// FNV-1a over the bytes, with the length.
fn content_stamp(data: &[u8]) -> Stamp {
    let h = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3));
    Stamp::of(&[data.len() as u64, h])
}

fn not_found(path: &str) -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, format!("'{path}' does not exist"))
}

fn children<'a>(nodes: &'a BTreeMap<String, Node>, dir: &str) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let plen = prefix.len();
    nodes
        .range(prefix.clone()..)
        .take_while(move |(k, _)| k.starts_with(&prefix))
        .filter(move |(k, _)| !k[plen..].contains('/') && k.len() > plen)
}

fn descendants(nodes: &BTreeMap<String, Node>, dir: &str) -> Vec<String> {
    let prefix = format!("{dir}/");
    nodes.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| k.clone()).collect()
}

impl FileSystem for MemFs {
    fn kind(&self, path: &str) -> io::Result<Option<EntryKind>> {
        let st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        if !check_ancestors(&st.nodes, path)? {
            return Ok(None);
        }
        Ok(st.nodes.get(path).map(|n| match n {
            Node::File(_) => EntryKind::File,
            Node::Dir => EntryKind::Dir,
            Node::Symlink(_) => EntryKind::Symlink,
        }))
    }

    fn read(&self, path: &str, max_bytes: usize) -> io::Result<Vec<u8>> {
        let st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        Self::check_fault(&st, FsCall::Read, path)?;
        check_ancestors(&st.nodes, path)?;
        match st.nodes.get(path) {
            Some(Node::File(d)) if d.len() > max_bytes => {
                Err(io::Error::new(io::ErrorKind::InvalidData, format!("'{path}' is larger than {max_bytes} bytes")))
            }
            Some(Node::File(d)) => Ok(d.clone()),
            Some(Node::Symlink(_)) => Err(symlink_refused(path)),
            Some(Node::Dir) => Err(io::Error::new(io::ErrorKind::IsADirectory, format!("'{path}' is a folder"))),
            None => Err(not_found(path)),
        }
    }

    fn write_atomic(&self, path: &str, data: &[u8]) -> io::Result<()> {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        Self::check_fault(&st, FsCall::Write, path)?;
        if !check_ancestors(&st.nodes, path)? {
            return Err(not_found(split_parent(path).0));
        }
        match st.nodes.get(path) {
            Some(Node::Dir) => return Err(io::Error::new(io::ErrorKind::IsADirectory, format!("'{path}' is a folder"))),
            Some(Node::Symlink(_)) => return Err(symlink_refused(path)),
            _ => {}
        }
        // A single map insert is atomic: no temporary is needed in memory.
        st.nodes.insert(path.to_string(), Node::File(data.to_vec()));
        Ok(())
    }

    fn create_dir(&self, path: &str) -> io::Result<()> {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        Self::check_fault(&st, FsCall::Write, path)?;
        if !check_ancestors(&st.nodes, path)? {
            return Err(not_found(split_parent(path).0));
        }
        if st.nodes.contains_key(path) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("'{path}' exists")));
        }
        st.nodes.insert(path.to_string(), Node::Dir);
        Ok(())
    }

    fn copy_file(&self, from: &str, to: &str) -> io::Result<()> {
        let mut st = self.lock();
        let (from, to) = (&self.actual(&st, from), &self.actual(&st, to));
        let (from, to) = (from.as_str(), to.as_str());
        Self::check_fault(&st, FsCall::Write, to)?;
        if !check_ancestors(&st.nodes, from)? || !check_ancestors(&st.nodes, to)? {
            return Err(not_found(split_parent(to).0));
        }
        let data = match st.nodes.get(from) {
            Some(Node::File(d)) => d.clone(),
            Some(Node::Symlink(_)) => return Err(symlink_refused(from)),
            Some(Node::Dir) => return Err(io::Error::new(io::ErrorKind::IsADirectory, format!("'{from}' is a folder"))),
            None => return Err(not_found(from)),
        };
        if st.nodes.contains_key(to) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("'{to}' exists")));
        }
        st.nodes.insert(to.to_string(), Node::File(data));
        Ok(())
    }

    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        let mut st = self.lock();
        let from = &self.actual(&st, from);
        let from = from.as_str();
        // The destination keeps its own spelling (a case-only rename changes it); a
        // different entry already there under another spelling is a collision.
        let resolved_to = self.actual(&st, to);
        let (parent, leaf) = split_parent(&resolved_to);
        let to_given = if parent.is_empty() { split_parent(to).1.to_string() } else { format!("{parent}/{}", split_parent(to).1) };
        let case_only = resolved_to == from && to_given != from;
        if !case_only && resolved_to != to_given && st.nodes.contains_key(&resolved_to) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("'{resolved_to}' exists")));
        }
        let _ = leaf;
        let to = to_given.as_str();
        Self::check_fault(&st, FsCall::Rename, from)?;
        if !check_ancestors(&st.nodes, from)? {
            return Err(not_found(from));
        }
        if !check_ancestors(&st.nodes, to)? {
            return Err(not_found(split_parent(to).0));
        }
        if !case_only && st.nodes.contains_key(to) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("'{to}' exists")));
        }
        let Some(node) = st.nodes.remove(from) else { return Err(not_found(from)) };
        let moved: Vec<String> = if node == Node::Dir { descendants(&st.nodes, from) } else { Vec::new() };
        for old in moved {
            if let Some(n) = st.nodes.remove(&old) {
                st.nodes.insert(format!("{to}{}", &old[from.len()..]), n);
            }
        }
        st.nodes.insert(to.to_string(), node);
        Ok(())
    }

    fn remove_file(&self, path: &str) -> io::Result<()> {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        Self::check_fault(&st, FsCall::Remove, path)?;
        check_ancestors(&st.nodes, path)?;
        match st.nodes.get(path) {
            Some(Node::File(_)) | Some(Node::Symlink(_)) => {
                st.nodes.remove(path);
                Ok(())
            }
            Some(Node::Dir) => Err(io::Error::new(io::ErrorKind::IsADirectory, format!("'{path}' is a folder"))),
            None => Err(not_found(path)),
        }
    }

    fn remove_dir_all(&self, path: &str) -> io::Result<()> {
        let mut st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        Self::check_fault(&st, FsCall::Remove, path)?;
        check_ancestors(&st.nodes, path)?;
        match st.nodes.get(path) {
            Some(Node::Dir) => {
                for p in descendants(&st.nodes, path) {
                    st.nodes.remove(&p);
                }
                st.nodes.remove(path);
                Ok(())
            }
            Some(_) => Err(io::Error::new(io::ErrorKind::NotADirectory, format!("'{path}' is not a folder"))),
            None => Err(not_found(path)),
        }
    }

    fn list_dir(&self, path: &str) -> io::Result<Vec<(String, EntryKind)>> {
        Ok(self.list_dir_stamped(path, &|_| false)?.into_iter().map(|(n, k, _)| (n, k)).collect())
    }

    /// Stamps are a hash of the content: the perfect stamp, which real file systems
    /// approximate with sizes and times.
    fn list_dir_stamped(&self, path: &str, wanted: &dyn Fn(&str) -> bool) -> io::Result<Vec<(String, EntryKind, Option<Stamp>)>> {
        let st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        Self::check_fault(&st, FsCall::Read, path)?;
        if !check_ancestors(&st.nodes, path)? {
            return Err(not_found(path));
        }
        if !path.is_empty() {
            match st.nodes.get(path) {
                Some(Node::Dir) => {}
                Some(Node::Symlink(_)) => return Err(symlink_refused(path)),
                Some(Node::File(_)) => return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("'{path}' is a file"))),
                None => return Err(not_found(path)),
            }
        }
        let plen = if path.is_empty() { 0 } else { path.len() + 1 };
        Ok(children(&st.nodes, path)
            .map(|(k, n)| {
                let name = &k[plen..];
                let (kind, stamp) = match n {
                    Node::File(d) => (EntryKind::File, wanted(name).then(|| content_stamp(d))),
                    Node::Dir => (EntryKind::Dir, None),
                    Node::Symlink(_) => (EntryKind::Symlink, None),
                };
                (name.to_string(), kind, stamp)
            })
            .collect())
    }

    fn file_len(&self, path: &str) -> io::Result<u64> {
        let st = self.lock();
        let path = &self.actual(&st, path);
        let path = path.as_str();
        check_ancestors(&st.nodes, path)?;
        match st.nodes.get(path) {
            Some(Node::File(d)) => Ok(d.len() as u64),
            Some(Node::Symlink(_)) => Err(symlink_refused(path)),
            Some(Node::Dir) => Err(io::Error::new(io::ErrorKind::IsADirectory, format!("'{path}' is a folder"))),
            None => Err(not_found(path)),
        }
    }

    fn root_name(&self) -> String {
        self.root_name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rename_remove() {
        let fs = MemFs::new("P");
        fs.put_file("Assets/A/x.png", b"x");
        fs.put_file("Assets/A/y.png", b"y");
        fs.put_file("Assets/AB.png", b"z");
        let names: Vec<_> = fs.list_dir("Assets").unwrap().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, vec!["A", "AB.png"]);
        fs.rename("Assets/A", "Assets/B").unwrap();
        assert_eq!(fs.kind("Assets/B/x.png").unwrap(), Some(EntryKind::File));
        assert_eq!(fs.kind("Assets/A/x.png").unwrap(), None);
        assert_eq!(fs.kind("Assets/AB.png").unwrap(), Some(EntryKind::File));
        fs.remove_dir_all("Assets/B").unwrap();
        assert_eq!(fs.list_dir("Assets").unwrap().len(), 1);
    }

    #[test]
    fn a_case_insensitive_tree_names_one_entry_in_any_case() {
        let fs = MemFs::new_case_insensitive("P");
        fs.put_file("Assets/Art/hero.png", b"x");
        assert_eq!(fs.kind("assets/ART/Hero.PNG").unwrap(), Some(EntryKind::File));
        assert_eq!(fs.read("Assets/art/HERO.png", 10).unwrap(), b"x");
        // Writing through another spelling writes the stored entry.
        fs.write_atomic("Assets/ART/HERO.png", b"y").unwrap();
        assert_eq!(fs.snapshot().iter().filter(|(p, _)| p.ends_with(".png")).count(), 1);
        assert_eq!(fs.list_dir("Assets/Art").unwrap(), vec![("hero.png".to_string(), EntryKind::File)]);
        // A collision under another spelling.
        assert_eq!(fs.create_dir("Assets/art").unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        fs.put_file("Assets/Art/other.png", b"o");
        assert_eq!(fs.rename("Assets/Art/other.png", "Assets/Art/HERO.png").unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        // A case-only rename changes the stored spelling.
        fs.rename("Assets/Art/hero.png", "Assets/Art/Hero.png").unwrap();
        assert_eq!(fs.list_dir("Assets/Art").unwrap()[0].0, "Hero.png");
        fs.rename("Assets/art", "Assets/ART").unwrap();
        assert_eq!(fs.list_dir("Assets").unwrap()[0].0, "ART");
        assert_eq!(fs.kind("Assets/art/hero.png").unwrap(), Some(EntryKind::File));
        // NFC and NFD name one file.
        fs.put_file("Assets/caf\u{e9}.txt", b"c");
        assert_eq!(fs.kind("Assets/cafe\u{301}.txt").unwrap(), Some(EntryKind::File));
    }

    #[test]
    fn links_are_never_followed() {
        let fs = MemFs::new("P");
        fs.put_symlink("Assets/Out", "/etc");
        assert_eq!(fs.kind("Assets/Out").unwrap(), Some(EntryKind::Symlink));
        assert_eq!(fs.kind("Assets/Out/passwd").unwrap_err().kind(), io::ErrorKind::PermissionDenied);
        assert!(fs.write_atomic("Assets/Out/x.meta", b"").is_err());
    }
}
