//! C# diagnostics: `syntax` from tree-sitter's C# grammar, parsed once per
//! preprocessor configuration (editor and player), `unity-class-name` and
//! `editor-api-in-runtime` read off the same trees.

use super::preproc::{configure, Configured};
use super::{Diagnostic, Severity};
use tree_sitter::{Node, Parser, Tree};

/// Most `syntax` diagnostics reported for one script (the first ones matter; the
/// rest are usually consequences).
pub const MAX_SYNTAX_DIAGNOSTICS: usize = 50;

/// Base classes whose subclasses the Editor attaches by file name.
const UNITY_BASES: [&str; 5] = ["MonoBehaviour", "ScriptableObject", "StateMachineBehaviour", "Editor", "EditorWindow"];

/// What the caller knows about the script.
#[derive(Clone, Debug, Default)]
pub struct ScriptContext<'a> {
    /// The file's stem (the name a Unity class must have), when the script has a path.
    pub stem: Option<&'a str>,
    /// The script goes into a player assembly (not Editor-only); `None`: unknown.
    pub player: Option<bool>,
    /// Scripting define symbols of the project (ProjectSettings), defined in both
    /// configurations.
    pub defines: &'a [String],
}

/// The symbols the Editor defines when it compiles (`editor`) or a player build
/// defines: every `*_OR_NEWER` (the project is on a recent Editor), the project's
/// own symbols, `UNITY_EDITOR*` and `DEBUG` only in the Editor, a standalone player.
fn defined(name: &str, editor: bool, defines: &[String]) -> bool {
    if name.ends_with("_OR_NEWER") || defines.iter().any(|d| d == name) {
        return true;
    }
    if editor {
        matches!(name, "UNITY_EDITOR" | "DEBUG" | "TRACE" | "UNITY_ASSERTIONS")
    } else {
        matches!(name, "UNITY_STANDALONE" | "TRACE")
    }
}

/// Line starts of `text`, for (line, column) of a byte offset.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// 1-based line and column (in Unicode scalar values) of a tree-sitter point.
    fn at(&self, row: usize, byte_column: usize) -> (u32, u32) {
        let start = self.starts.get(row).copied().unwrap_or(self.text.len());
        let end = (start + byte_column).min(self.text.len());
        let column = self.text.get(start..end).map_or(byte_column, |s| s.chars().count());
        (row as u32 + 1, column as u32 + 1)
    }
}

/// Scripts larger than this get no `;` repair pass (each try re-parses around the
/// error): their errors are reported where tree-sitter's recovery puts them.
pub const MAX_REPAIR_TEXT_BYTES: usize = 256 * 1024;

/// A parser whose every parse asks `cancel` as it goes (tree-sitter calls it every
/// few hundred steps): a deadline or a client gone stops a parse of megabytes.
struct Parsing<'c> {
    parser: Parser,
    cancel: &'c mut dyn FnMut() -> bool,
    /// A parse was cancelled: nothing more is parsed.
    cancelled: bool,
}

impl Parsing<'_> {
    fn parse(&mut self, text: &[u8], old: Option<&Tree>) -> Option<Tree> {
        if self.cancelled {
            return None;
        }
        let cancel = &mut self.cancel;
        let mut progress = |_: &tree_sitter::ParseState| cancel();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let tree = self.parser.parse_with_options(&mut |i, _| text.get(i..).unwrap_or(&[]), old, Some(options));
        if tree.is_none() {
            self.cancelled = true;
        }
        tree
    }
}

/// The trees of a script's last check, each with the configured text it parsed: the
/// next check of the same file re-parses only what changed since (an agent's
/// edit-then-validate loop), with the answer a fresh parse gives.
pub struct Parsed {
    /// The editor configuration's text and tree.
    editor: (Vec<u8>, Tree),
    /// The player configuration's, when its text differs from the editor's.
    player: Option<(Vec<u8>, Tree)>,
}

impl Parsed {
    /// Bytes of configured text the trees cover (their memory grows with it).
    pub fn text_bytes(&self) -> usize {
        self.editor.0.len() + self.player.as_ref().map_or(0, |p| p.0.len())
    }
}

/// The C# diagnostics of `text` (no BOM).
pub fn check(text: &str, ctx: &ScriptContext<'_>) -> Vec<Diagnostic> {
    check_reusing(text, ctx, None, &mut || false).map(|(d, _)| d).unwrap_or_default()
}

/// [`check`], starting from the trees of an earlier check (of any text: what differs
/// is re-parsed), asking `cancel` during every parse (`None` once it said stop), and
/// giving back this check's trees for the next one.
pub fn check_reusing(text: &str, ctx: &ScriptContext<'_>, prior: Option<Parsed>, cancel: &mut dyn FnMut() -> bool) -> Option<(Vec<Diagnostic>, Option<Parsed>)> {
    let mut out = Vec::new();
    let mut parser = Parser::new();
    if parser.set_language(&tree_sitter_c_sharp::LANGUAGE.into()).is_err() {
        out.push(Diagnostic::new(Severity::Error, 1, 1, "internal: the C# grammar could not be loaded", "syntax"));
        return Some((out, None));
    }
    let mut parser = Parsing { parser, cancel, cancelled: false };
    let lines = Lines::new(text);
    let editor = configure(text.as_bytes(), &|s| defined(s, true, ctx.defines));
    let player = configure(text.as_bytes(), &|s| defined(s, false, ctx.defines));
    for (line, message) in &editor.errors {
        out.push(Diagnostic::new(Severity::Error, *line as u32 + 1, 1, message, "syntax"));
    }
    let (prior_editor, prior_player) = prior.map_or((None, None), |p| (Some(p.editor), p.player));
    let editor_tree = match prior_editor {
        Some((old_text, old_tree)) => reparse_changed(&mut parser, old_tree, &old_text, &editor.text),
        None => parser.parse(&editor.text, None),
    };
    // Most scripts read the same in both configurations: one parse then.
    let player_tree = if player.text == editor.text {
        None
    } else {
        match prior_player {
            Some((old_text, old_tree)) => reparse_changed(&mut parser, old_tree, &old_text, &player.text),
            None => editor_tree.as_ref().and_then(|t| reparse(&mut parser, t, &editor.text, &player.text)),
        }
    };
    let mut syntax = Vec::new();
    let mut budget = if text.len() <= MAX_REPAIR_TEXT_BYTES { MAX_REPAIR_PARSES } else { 0 };
    for (conf, tree) in [(&editor, editor_tree.as_ref()), (&player, player_tree.as_ref())] {
        if let Some(tree) = tree {
            syntax_errors(&mut parser, tree, conf, &lines, &mut budget, &mut syntax);
        }
    }
    syntax.sort_by_key(|d: &Diagnostic| (d.line, d.column));
    syntax.dedup_by(|a, b| a.line == b.line && a.column == b.column);
    syntax.truncate(MAX_SYNTAX_DIAGNOSTICS);
    out.extend(syntax);

    let trees: Vec<(&Configured, &Tree)> =
        [(&editor, editor_tree.as_ref()), (&player, player_tree.as_ref().or(editor_tree.as_ref()))].into_iter().filter_map(|(c, t)| t.map(|t| (c, t))).collect();
    if let Some(stem) = ctx.stem {
        class_name(&trees, stem, &lines, &mut out);
    }
    if ctx.player == Some(true) {
        if let Some((conf, tree)) = trees.get(1) {
            editor_api(tree.root_node(), &conf.text, &lines, &mut out);
        }
    }
    if parser.cancelled {
        return None;
    }
    out.sort_by_key(|d| (d.line, d.column));
    let parsed = match (editor_tree, player_tree) {
        (Some(e), p) if p.is_some() == (player.text != editor.text) => Some(Parsed { editor: (editor.text, e), player: p.map(|t| (player.text, t)) }),
        _ => None,
    };
    Some((out, parsed))
}

/// `new_text`'s tree from `old_text`'s tree: the bytes between their common prefix
/// and common suffix are marked edited, and tree-sitter re-parses around them,
/// reusing every subtree outside (a one-line edit re-parses about one method).
fn reparse_changed(parser: &mut Parsing<'_>, mut tree: Tree, old_text: &[u8], new_text: &[u8]) -> Option<Tree> {
    if old_text == new_text {
        return Some(tree);
    }
    let prefix = old_text.iter().zip(new_text).take_while(|(a, b)| a == b).count();
    let room = old_text.len().min(new_text.len()) - prefix;
    let suffix = old_text.iter().rev().zip(new_text.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    let (old_end, new_end) = (old_text.len() - suffix, new_text.len() - suffix);
    debug_assert!(prefix <= old_end && prefix <= new_end);
    tree.edit(&tree_sitter::InputEdit {
        start_byte: prefix,
        old_end_byte: old_end,
        new_end_byte: new_end,
        start_position: point_at(new_text, prefix),
        old_end_position: point_at(old_text, old_end),
        new_end_position: point_at(new_text, new_end),
    });
    parser.parse(new_text, Some(&tree))
}

/// tree-sitter's (row, byte column) of byte `at` of `text`.
fn point_at(text: &[u8], at: usize) -> tree_sitter::Point {
    let before = &text[..at];
    let row = memchr::memchr_iter(b'\n', before).count();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    tree_sitter::Point { row, column: at - line_start }
}

/// Parses tried per script to place a missing `;` (only scripts with errors pay).
pub const MAX_REPAIR_PARSES: usize = 24;

/// Lines of an error's span tried as the place of a missing `;`.
const MAX_REPAIR_ROWS: usize = 40;

/// Where the parse went wrong: innermost ERROR nodes (an ERROR around others is their
/// consequence) and MISSING nodes, in text order.
fn error_sites<'t>(root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    if !root.has_error() {
        return out;
    }
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if out.len() >= MAX_SYNTAX_DIAGNOSTICS * 2 {
            break;
        }
        if node.is_missing() {
            out.push(node);
            continue;
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.children(&mut cursor).filter(|c| c.has_error() || c.is_missing()).collect();
        if node.is_error() && children.is_empty() {
            out.push(node);
        }
        stack.extend(children.into_iter().rev());
    }
    out
}

/// True where `line` (one line of code) cannot end a statement that lacks its `;`.
fn ends_open(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("").trim_end();
    code.is_empty() || code.ends_with([';', '{', '}', ',', '(', '[', ':', '=', '+', '-', '*', '/', '&', '|', '?', '.', '<', '>', '!'])
}

/// The row whose missing `;` explains the ERROR spanning `range` (rows `from` to
/// `to`): the last line of code before it, then its own rows; the first where
/// inserting one leaves no error over that span.
fn missing_semicolon(parser: &mut Parsing<'_>, tree: &Tree, conf: &Configured, from: usize, to: usize, range: std::ops::Range<usize>, budget: &mut usize) -> Option<(usize, usize)> {
    let text = &conf.text;
    let mut row_start = 0usize;
    // (row, byte offset of the code's end, its column in bytes)
    let mut before = None;
    let mut rows = Vec::new();
    for (row, line) in text.split(|&b| b == b'\n').enumerate() {
        if row > to {
            break;
        }
        let line_str = std::str::from_utf8(line).unwrap_or("").trim_end_matches('\r');
        let code_len = line_str.split("//").next().unwrap_or("").trim_end().len();
        let place = (row, row_start + code_len, code_len);
        if row < from && code_len > 0 && !line_str.trim_start().starts_with("//") {
            before = (!ends_open(line_str)).then_some(place);
        } else if row >= from && !ends_open(line_str) {
            rows.push(place);
        }
        row_start += line.len() + 1;
    }
    for (row, at, col) in before.into_iter().chain(rows).take(MAX_REPAIR_ROWS) {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let mut patched = Vec::with_capacity(text.len() + 1);
        patched.extend_from_slice(&text[..at]);
        patched.push(b';');
        patched.extend_from_slice(&text[at..]);
        let mut old = tree.clone();
        let point = tree_sitter::Point { row, column: col };
        old.edit(&tree_sitter::InputEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + 1,
            start_position: point,
            old_end_position: point,
            new_end_position: tree_sitter::Point { row, column: col + 1 },
        });
        let Some(fixed) = parser.parse(&patched, Some(&old)) else { return None };
        let span = range.start..range.end + 1;
        let still = error_sites(fixed.root_node()).iter().any(|n| n.start_byte() < span.end && n.end_byte() >= span.start);
        if !still {
            return Some((row, col));
        }
    }
    None
}

/// `new_text`'s tree from `old_text`'s: the two configurations differ only in lines
/// one of them blanks (same length, same line breaks), so runs of such lines are
/// marked edited and tree-sitter re-parses around them, reusing the rest.
fn reparse(parser: &mut Parsing<'_>, tree: &Tree, old_text: &[u8], new_text: &[u8]) -> Option<Tree> {
    // (start byte, start row, end byte, end point) of each run of differing lines.
    let mut runs: Vec<(usize, usize, usize, tree_sitter::Point)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let (mut row, mut start) = (0usize, 0usize);
    loop {
        let end = old_text[start..].iter().position(|&b| b == b'\n').map_or(old_text.len(), |i| start + i + 1);
        let differs = old_text[start..end] != new_text[start..end];
        match (differs, open) {
            (true, None) => open = Some((start, row)),
            (false, Some((b, r))) => {
                runs.push((b, r, start, tree_sitter::Point { row, column: 0 }));
                open = None;
            }
            _ => {}
        }
        if end == old_text.len() {
            if let Some((b, r)) = open {
                let last = if old_text[start..end].ends_with(b"\n") {
                    tree_sitter::Point { row: row + 1, column: 0 }
                } else {
                    tree_sitter::Point { row, column: end - start }
                };
                runs.push((b, r, end, last));
            }
            break;
        }
        row += 1;
        start = end;
    }
    let mut edited = tree.clone();
    for (b, r, e, end_point) in runs {
        edited.edit(&tree_sitter::InputEdit {
            start_byte: b,
            old_end_byte: e,
            new_end_byte: e,
            start_position: tree_sitter::Point { row: r, column: 0 },
            old_end_position: end_point,
            new_end_position: end_point,
        });
    }
    parser.parse(new_text, Some(&edited))
}

/// `syntax` diagnostics of one configuration's tree.
fn syntax_errors(parser: &mut Parsing<'_>, tree: &Tree, conf: &Configured, lines: &Lines<'_>, budget: &mut usize, out: &mut Vec<Diagnostic>) {
    for node in error_sites(tree.root_node()) {
        let p = node.start_position();
        if node.is_missing() {
            // Placed before the next token (after comments); the compiler says it at
            // the end of the token it should follow.
            let mut prev = node.prev_sibling();
            while let Some(n) = prev.filter(|n| n.kind() == "comment") {
                prev = n.prev_sibling();
            }
            let p = prev.map_or(p, |n| n.end_position());
            let (line, column) = lines.at(p.row, p.column);
            out.push(Diagnostic::new(Severity::Error, line, column, format!("syntax error: '{}' expected", node.kind()), "syntax"));
            continue;
        }
        if assigns_to_a_call(node, &conf.text) {
            continue;
        }
        // The compiler reports a missing `;` at the end of its line; tree-sitter's
        // recovery often starts the ERROR a line or more before or after it.
        let from = p.row;
        let to = node.end_position().row;
        if let Some((row, col)) = missing_semicolon(parser, tree, conf, from, to.min(from + MAX_REPAIR_ROWS), node.byte_range(), budget) {
            let (line, column) = lines.at(row, col);
            out.push(Diagnostic::new(Severity::Error, line, column, "syntax error: ';' expected", "syntax"));
            continue;
        }
        let (line, column) = lines.at(p.row, p.column);
        let snippet = conf.text.get(node.start_byte()..node.end_byte()).map(String::from_utf8_lossy).unwrap_or_default();
        // One token: it is the unexpected one; more: the span that does not parse.
        let words: Vec<&str> = snippet.split_whitespace().take(8).collect();
        let shown: String = words.join(" ").chars().take(40).collect();
        let message = match words.len() {
            0 => "syntax error".to_string(),
            1 => format!("syntax error: unexpected '{shown}'"),
            _ => format!("syntax error: cannot parse '{shown}'"),
        };
        out.push(Diagnostic::new(Severity::Error, line, column, message, "syntax"));
    }
}

/// True for the ERROR tree-sitter's C# grammar makes of an assignment to a method
/// call, `message.Get<T>() = value;`: valid C# 7 where the method returns by `ref`
/// (the grammar takes only variables, members and elements on the left).
fn assigns_to_a_call(node: Node<'_>, src: &[u8]) -> bool {
    let text = src.get(node.start_byte()..node.end_byte()).unwrap_or(&[]);
    let assigns = text.first() == Some(&b'=') && !matches!(text.get(1), Some(b'=') | Some(b'>'));
    assigns
        && node.parent().is_some_and(|p| p.kind() == "expression_statement")
        && node.prev_sibling().is_some_and(|p| p.kind() == "invocation_expression")
}

fn text_of<'a>(node: Node<'_>, src: &'a [u8]) -> &'a str {
    src.get(node.start_byte()..node.end_byte()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
}

/// Type declarations: the tree walked only through what can contain them
/// (namespaces, type bodies), never into members' bodies.
fn for_each_declaration<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>)) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        f(node);
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if matches!(
                child.kind(),
                "namespace_declaration" | "file_scoped_namespace_declaration" | "declaration_list" | "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration"
            ) || child.is_error()
            {
                stack.push(child);
            }
        }
    }
}

/// `unity-class-name`: a class deriving directly from a Unity base whose name is not
/// the file's stem, when no class in the file has that name.
fn class_name(trees: &[(&Configured, &Tree)], stem: &str, lines: &Lines<'_>, out: &mut Vec<Diagnostic>) {
    let mut names_seen = false;
    let mut suspects: Vec<(u32, u32, String, String)> = Vec::new();
    for (conf, tree) in trees {
        for_each_declaration(tree.root_node(), |node| {
            if node.kind() != "class_declaration" {
                return;
            }
            let Some(name) = node.child_by_field_name("name") else { return };
            let name_text = text_of(name, &conf.text);
            if name_text == stem {
                names_seen = true;
                return;
            }
            let mut cursor = node.walk();
            let mut generic_or_abstract = false;
            let mut base = None;
            for child in node.children(&mut cursor) {
                match child.kind() {
                    // The Editor attaches neither: no name rule applies to them.
                    "type_parameter_list" => generic_or_abstract = true,
                    "modifier" if text_of(child, &conf.text) == "abstract" => generic_or_abstract = true,
                    "base_list" => base = child.named_child(0).map(|b| text_of(b, &conf.text).to_string()),
                    _ => {}
                }
            }
            let Some(base) = base else { return };
            let short = base.rsplit('.').next().unwrap_or(&base).trim();
            if generic_or_abstract || !UNITY_BASES.contains(&short) {
                return;
            }
            let p = name.start_position();
            let (line, column) = lines.at(p.row, p.column);
            suspects.push((line, column, name_text.to_string(), short.to_string()));
        });
    }
    if names_seen {
        return;
    }
    suspects.sort();
    suspects.dedup();
    for (line, column, name, base) in suspects {
        out.push(Diagnostic::new(
            Severity::Warning,
            line,
            column,
            format!("class '{name}' derives from {base} but the file is named '{stem}.cs': the Editor cannot attach it (rename the class or the file)"),
            "unity-class-name",
        ));
    }
}

/// `editor-api-in-runtime`: `using UnityEditor...` or a `UnityEditor.` name in the
/// player configuration's tree (that is, outside `#if UNITY_EDITOR`).
fn editor_api(root: Node<'_>, src: &[u8], lines: &Lines<'_>, out: &mut Vec<Diagnostic>) {
    let mut hits: Vec<(u32, u32, bool)> = Vec::new();
    // Where the text says it (comments and strings included), the tree says what it is.
    // A configuration's text is the script's with whole lines blanked: still UTF-8.
    let text = std::str::from_utf8(src).unwrap_or("");
    for (at, _) in text.match_indices("UnityEditor") {
        let Some(node) = root.descendant_for_byte_range(at, at + "UnityEditor".len()) else { continue };
        if node.kind() != "identifier" || text_of(node, src) != "UnityEditor" {
            continue;
        }
        let Some(parent) = node.parent() else { return };
        let leftmost = match parent.kind() {
            "qualified_name" => parent.child_by_field_name("qualifier") == Some(node),
            "member_access_expression" => parent.child_by_field_name("expression") == Some(node),
            "using_directive" => true,
            _ => false,
        };
        if !leftmost {
            continue;
        }
        // Inside a namespace's own name it is a declaration, not a use.
        let mut up = Some(parent);
        let mut in_using = parent.kind() == "using_directive";
        while let Some(n) = up {
            match n.kind() {
                "namespace_declaration" | "file_scoped_namespace_declaration" if n.child_by_field_name("name").is_some_and(|nm| nm.byte_range().contains(&node.start_byte())) => continue,
                "using_directive" => in_using = true,
                _ => {}
            }
            up = n.parent();
        }
        let p = node.start_position();
        let (line, column) = lines.at(p.row, p.column);
        hits.push((line, column, in_using));
    }
    hits.sort();
    hits.dedup_by_key(|h| h.0);
    for (line, column, in_using) in hits {
        let what = if in_using { "'using UnityEditor'" } else { "a UnityEditor API" };
        out.push(Diagnostic::new(
            Severity::Error,
            line,
            column,
            format!("{what} outside #if UNITY_EDITOR in a script of a player assembly: the player build fails (wrap it in #if UNITY_EDITOR, or move the script into an Editor folder)"),
            "editor-api-in-runtime",
        ));
    }
}
