//! The C# preprocessor pass: which lines one configuration of defined symbols
//! compiles. Unity code is full of `#if UNITY_EDITOR ... #else ... #endif`, and a
//! parser that sees every branch at once reports errors where a directive splits a
//! construct. So each configuration is parsed on its own, with directive lines and
//! inactive lines blanked byte for byte (spaces; newlines kept), so that byte offsets,
//! lines and columns of the parse are those of the original text.
//!
//! Linear in the text: one pass over the lines, a small lexer state carried across
//! them (block comments, verbatim and raw strings, where a `#` starts no directive).

/// Longest directive expression evaluated, in bytes (longer: an error).
const MAX_EXPR_BYTES: usize = 4096;

/// One configuration's view of a script.
#[derive(Debug, Clone)]
pub struct Configured {
    /// The text with directive and inactive lines blanked (same length as the input).
    pub text: Vec<u8>,
    /// Per line (0-based): compiled in this configuration (directive lines: false).
    pub active: Vec<bool>,
    /// Problems with the directives themselves: (0-based line, message).
    pub errors: Vec<(usize, String)>,
}

/// Where the lexer is at the start of a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lex {
    Code,
    BlockComment,
    /// Inside `@"...`: ends at a `"` not doubled.
    Verbatim,
    /// Inside a raw string opened by this many quotes.
    Raw(usize),
}

/// One open `#if` group.
#[derive(Clone, Copy, Debug)]
struct Group {
    /// The enclosing code is active.
    outer: bool,
    /// A branch of this group has been taken.
    taken: bool,
    /// The current branch is active.
    active: bool,
    /// `#else` seen.
    in_else: bool,
}

/// Lines of `src` with their byte ranges (line ending excluded from `end`).
fn line_ranges(src: &[u8]) -> Vec<(usize, usize, usize)> {
    // (start, end without ending, next line's start)
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in src.iter().enumerate() {
        if b == b'\n' {
            let end = if i > start && src[i - 1] == b'\r' { i - 1 } else { i };
            out.push((start, end, i + 1));
            start = i + 1;
        }
    }
    out.push((start, src.len(), src.len()));
    out
}

/// Applies `defined` to the script's directives.
pub fn configure(src: &[u8], defined: &dyn Fn(&str) -> bool) -> Configured {
    let lines = line_ranges(src);
    let mut text = src.to_vec();
    let mut active = Vec::with_capacity(lines.len());
    let mut errors = Vec::new();
    let mut stack: Vec<Group> = Vec::new();
    let mut local: Vec<(String, bool)> = Vec::new(); // #define / #undef in this file
    let mut lex = Lex::Code;
    for (n, &(start, end, next)) in lines.iter().enumerate() {
        let line = &src[start..end];
        let on = stack.last().is_none_or(|g| g.active);
        let trimmed_at = line.iter().position(|b| !b.is_ascii_whitespace());
        let is_directive = lex == Lex::Code && trimmed_at.is_some_and(|i| line[i] == b'#');
        if is_directive {
            let body = &line[trimmed_at.unwrap_or(0) + 1..];
            let body = std::str::from_utf8(body).unwrap_or("");
            let body = strip_comment(body).trim();
            let (word, rest) = body.split_once(|c: char| c.is_whitespace()).unwrap_or((body, ""));
            let rest = rest.trim();
            let eval = |expr: &str, errors: &mut Vec<(usize, String)>| -> bool {
                let lookup = |name: &str| local.iter().rev().find(|(s, _)| s == name).map_or_else(|| defined(name), |(_, v)| *v);
                match eval_expr(expr, &lookup) {
                    Ok(v) => v,
                    Err(e) => {
                        errors.push((n, format!("#{word}: {e}")));
                        false
                    }
                }
            };
            match word {
                "if" => {
                    // The stack's depth is bounded by the lines, i.e. by max_text_bytes.
                    let v = on && eval(rest, &mut errors);
                    stack.push(Group { outer: on, taken: v, active: v, in_else: false });
                }
                "elif" => match stack.last_mut() {
                    Some(g) if !g.in_else => {
                        let (outer, taken) = (g.outer, g.taken);
                        let v = outer && !taken && eval(rest, &mut errors);
                        if let Some(g) = stack.last_mut() {
                            g.active = v;
                            g.taken |= v;
                        }
                    }
                    Some(_) => errors.push((n, "#elif after #else".into())),
                    None => errors.push((n, "#elif without #if".into())),
                },
                "else" => match stack.last_mut() {
                    Some(g) if !g.in_else => {
                        g.active = g.outer && !g.taken;
                        g.taken = true;
                        g.in_else = true;
                    }
                    Some(_) => errors.push((n, "#else after #else".into())),
                    None => errors.push((n, "#else without #if".into())),
                },
                "endif" => {
                    if stack.pop().is_none() {
                        errors.push((n, "#endif without #if".into()));
                    }
                }
                "define" | "undef" if on => {
                    let name = rest.split_whitespace().next().unwrap_or("");
                    if is_identifier(name) {
                        local.push((name.to_string(), word == "define"));
                    } else {
                        errors.push((n, format!("#{word}: '{name}' is not a symbol name")));
                    }
                }
                // region, endregion, pragma, nullable, warning, error, line: no effect
                // on which lines compile.
                _ => {}
            }
            blank(&mut text[start..next]);
            active.push(false);
            continue;
        }
        if on {
            active.push(true);
            lex = scan_line(line, lex);
        } else {
            blank(&mut text[start..next]);
            active.push(false);
        }
    }
    if !stack.is_empty() {
        errors.push((lines.len().saturating_sub(1), "#if without #endif".into()));
    }
    Configured { text, active, errors }
}

/// Spaces for every byte but line breaks.
fn blank(bytes: &mut [u8]) {
    for b in bytes {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// A directive's text without a trailing `//` comment.
fn strip_comment(s: &str) -> &str {
    s.find("//").map_or(s, |i| &s[..i])
}

/// A C# identifier (ASCII letters, digits, `_`; Unicode letters allowed).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic()) && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// The lexer state after `line`, starting in `lex`.
fn scan_line(line: &[u8], mut lex: Lex) -> Lex {
    let mut i = 0;
    while i < line.len() {
        match lex {
            Lex::BlockComment => match memfind(&line[i..], b"*/") {
                Some(k) => {
                    i += k + 2;
                    lex = Lex::Code;
                }
                None => return lex,
            },
            Lex::Verbatim => {
                while i < line.len() {
                    if line[i] == b'"' {
                        if line.get(i + 1) == Some(&b'"') {
                            i += 2;
                            continue;
                        }
                        i += 1;
                        lex = Lex::Code;
                        break;
                    }
                    i += 1;
                }
            }
            Lex::Raw(q) => {
                let run = &line[i..];
                match find_quote_run(run, q) {
                    Some(k) => {
                        i += k + q;
                        lex = Lex::Code;
                    }
                    None => return lex,
                }
            }
            Lex::Code => match line[i] {
                b'/' if line.get(i + 1) == Some(&b'/') => return Lex::Code,
                b'/' if line.get(i + 1) == Some(&b'*') => {
                    lex = Lex::BlockComment;
                    i += 2;
                }
                b'\'' => i = skip_quoted(line, i, b'\''),
                b'"' => {
                    let q = line[i..].iter().take_while(|&&b| b == b'"').count();
                    if q >= 3 {
                        lex = Lex::Raw(q);
                        i += q;
                    } else if i > 0 && (line[i - 1] == b'@' || (line[i - 1] == b'$' && i > 1 && line[i - 2] == b'@')) {
                        lex = Lex::Verbatim;
                        i += 1;
                    } else {
                        i = skip_quoted(line, i, b'"');
                    }
                }
                _ => i += 1,
            },
        }
    }
    lex
}

/// Index after the closing `quote` of the literal opened at `open` (backslash escapes),
/// or the line's end.
fn skip_quoted(line: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < line.len() {
        match line[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    line.len()
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The first run of at least `q` quotes.
fn find_quote_run(hay: &[u8], q: usize) -> Option<usize> {
    let mut i = 0;
    while i < hay.len() {
        if hay[i] == b'"' {
            let run = hay[i..].iter().take_while(|&&b| b == b'"').count();
            if run >= q {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Evaluates a directive expression: `!`, `&&`, `||`, `==`, `!=`, parentheses,
/// `true`, `false` and symbols (undefined symbols are false, as for the compiler).
pub fn eval_expr(expr: &str, defined: &dyn Fn(&str) -> bool) -> Result<bool, String> {
    if expr.len() > MAX_EXPR_BYTES {
        return Err(format!("expression longer than {MAX_EXPR_BYTES} bytes"));
    }
    let tokens = tokenize(expr)?;
    if tokens.is_empty() {
        return Err("expression expected".into());
    }
    let mut p = Parser { tokens: &tokens, at: 0, defined, depth: 0 };
    let v = p.or()?;
    match p.tokens.get(p.at) {
        None => Ok(v),
        Some(t) => Err(format!("unexpected '{}'", t.text())),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Not,
    And,
    Or,
    Eq,
    Ne,
    Open,
    Close,
    Sym(String),
}

impl Tok {
    fn text(&self) -> &str {
        match self {
            Tok::Not => "!",
            Tok::And => "&&",
            Tok::Or => "||",
            Tok::Eq => "==",
            Tok::Ne => "!=",
            Tok::Open => "(",
            Tok::Close => ")",
            Tok::Sym(s) => s,
        }
    }
}

fn tokenize(expr: &str) -> Result<Vec<Tok>, String> {
    let b = expr.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let two = b.get(i..i + 2);
        match b[i] {
            c if c.is_ascii_whitespace() => i += 1,
            b'(' => {
                out.push(Tok::Open);
                i += 1;
            }
            b')' => {
                out.push(Tok::Close);
                i += 1;
            }
            _ if two == Some(b"&&") => {
                out.push(Tok::And);
                i += 2;
            }
            _ if two == Some(b"||") => {
                out.push(Tok::Or);
                i += 2;
            }
            _ if two == Some(b"==") => {
                out.push(Tok::Eq);
                i += 2;
            }
            _ if two == Some(b"!=") => {
                out.push(Tok::Ne);
                i += 2;
            }
            b'!' => {
                out.push(Tok::Not);
                i += 1;
            }
            _ => {
                let start = i;
                let rest = &expr[start..];
                let len = rest.find(|c: char| !(c == '_' || c.is_alphanumeric())).unwrap_or(rest.len());
                if len == 0 {
                    let c = rest.chars().next().unwrap_or('?');
                    return Err(format!("unexpected '{c}'"));
                }
                out.push(Tok::Sym(rest[..len].to_string()));
                i += len;
            }
        }
    }
    Ok(out)
}

/// Recursive descent over the tokens; depth bounded by the expression's length.
struct Parser<'a> {
    tokens: &'a [Tok],
    at: usize,
    defined: &'a dyn Fn(&str) -> bool,
    depth: usize,
}

impl Parser<'_> {
    fn eat(&mut self, t: &Tok) -> bool {
        if self.tokens.get(self.at) == Some(t) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self.eat(&Tok::Or) {
            v |= self.and()?;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.equality()?;
        while self.eat(&Tok::And) {
            v &= self.equality()?;
        }
        Ok(v)
    }

    fn equality(&mut self) -> Result<bool, String> {
        let mut v = self.unary()?;
        loop {
            if self.eat(&Tok::Eq) {
                v = v == self.unary()?;
            } else if self.eat(&Tok::Ne) {
                v = v != self.unary()?;
            } else {
                return Ok(v);
            }
        }
    }

    fn unary(&mut self) -> Result<bool, String> {
        self.depth += 1;
        if self.depth > 256 {
            return Err("expression nested too deep".into());
        }
        let v = if self.eat(&Tok::Not) {
            !self.unary()?
        } else if self.eat(&Tok::Open) {
            let v = self.or()?;
            if !self.eat(&Tok::Close) {
                return Err("')' expected".into());
            }
            v
        } else {
            match self.tokens.get(self.at) {
                Some(Tok::Sym(s)) => {
                    self.at += 1;
                    match s.as_str() {
                        "true" => true,
                        "false" => false,
                        s => (self.defined)(s),
                    }
                }
                Some(t) => return Err(format!("unexpected '{}'", t.text())),
                None => return Err("symbol expected".into()),
            }
        };
        self.depth -= 1;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(c: &Configured) -> Vec<&str> {
        std::str::from_utf8(&c.text).unwrap_or("").split('\n').collect()
    }

    #[test]
    fn expressions() {
        let d = |s: &str| s == "A" || s == "B";
        assert_eq!(eval_expr("A && !C", &d), Ok(true));
        assert_eq!(eval_expr("(A || C) && C", &d), Ok(false));
        assert_eq!(eval_expr("A == B", &d), Ok(true));
        assert_eq!(eval_expr("A != true", &d), Ok(false));
        assert!(eval_expr("A &&", &d).is_err());
        assert!(eval_expr("(A", &d).is_err());
        assert!(eval_expr("", &d).is_err());
    }

    #[test]
    fn branches_are_chosen_and_blanked_in_place() {
        let src = "a\n#if X\nb\n#elif Y\nc\n#else\nd\n#endif\ne";
        let x = configure(src.as_bytes(), &|s| s == "X");
        assert_eq!(lines(&x), vec!["a", "     ", "b", "       ", " ", "     ", " ", "      ", "e"]);
        assert_eq!(x.text.len(), src.len());
        let y = configure(src.as_bytes(), &|s| s == "Y");
        assert_eq!(y.active, vec![true, false, false, false, true, false, false, false, true]);
        let none = configure(src.as_bytes(), &|_| false);
        assert_eq!(none.active, vec![true, false, false, false, false, false, true, false, true]);
        assert!(x.errors.is_empty() && y.errors.is_empty());
    }

    #[test]
    fn nested_groups_and_local_defines() {
        let src = "#define Q\n#if Q\n#if !R\nyes\n#endif\n#endif\n#undef Q\n#if Q\nno\n#endif\n";
        let c = configure(src.as_bytes(), &|_| false);
        assert_eq!(c.active, vec![false, false, false, true, false, false, false, false, false, false, true]);
    }

    #[test]
    fn no_directive_inside_strings_or_comments() {
        let src = "var s = @\"\n#if X\n\";\n/*\n#endif\n*/\nz";
        let c = configure(src.as_bytes(), &|_| false);
        assert!(c.active.iter().all(|&a| a), "{:?}", c.active);
        assert!(c.errors.is_empty());
    }

    #[test]
    fn unbalanced_directives_are_errors() {
        assert_eq!(configure(b"#endif\n", &|_| false).errors.len(), 1);
        assert_eq!(configure(b"#if A\nx\n", &|_| false).errors.len(), 1);
        assert_eq!(configure(b"#else\n", &|_| false).errors.len(), 1);
    }

    #[test]
    fn crlf_lines_keep_their_breaks() {
        let c = configure(b"#if A\r\nx\r\n#endif\r\ny", &|_| false);
        assert_eq!(c.text, b"     \r\n \r\n      \r\ny".to_vec());
    }
}
