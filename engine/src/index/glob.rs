//! Path globs in time linear in path length x pattern length, whatever the pattern: a
//! client's glob must never buy unbounded work (a backtracking matcher took minutes on
//! `************Z`). The glob compiles to a small NFA that is simulated over the path
//! bytes with one bit per state, as Thompson's construction does.
//!
//! Syntax: `**/` zero or more whole folder names (`Assets/**/*.png` matches
//! `Assets/x.png` and `Assets/A/B/x.png`), `**` elsewhere any run of characters across
//! folders, `*` any run within one folder name, `?` one character other than `/`; the
//! rest literally. Case sensitive, as Unity's paths are.

/// One compiled element of a glob.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// This byte exactly.
    Byte(u8),
    /// `?`: one byte other than `/`.
    One,
    /// `*`: any run of bytes other than `/`.
    Star,
    /// `**` not followed by `/`: any run of bytes.
    AnyRun,
    /// `**/`, entered: nothing, or any run of bytes that ends with `/`. Always followed
    /// by [`Token::FoldersIn`]; its empty move skips both.
    Folders,
    /// `**/`, at least one byte of the run read: needs a `/` to end (no empty move).
    FoldersIn,
}

/// A compiled glob. Matching costs at most `path length x tokens` steps (tokens are
/// at most one more than the pattern's bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    /// The pattern as a sequence of tokens; state `i` means "tokens before `i` matched".
    tokens: Vec<Token>,
}

impl Glob {
    /// Compiles `pattern`. Runs of `*` collapse (`****` is `**`), so a long run costs
    /// one state.
    pub fn new(pattern: &str) -> Glob {
        let bytes = pattern.as_bytes();
        let mut tokens: Vec<Token> = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'*' => {
                    let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
                    i += run;
                    let token = if run == 1 {
                        Token::Star
                    } else if bytes.get(i) == Some(&b'/') {
                        i += 1;
                        Token::Folders
                    } else {
                        Token::AnyRun
                    };
                    match token {
                        // `**/**/` matches what one `**/` does.
                        Token::Folders if tokens.last() == Some(&Token::FoldersIn) => {}
                        Token::Folders => tokens.extend([Token::Folders, Token::FoldersIn]),
                        other => tokens.push(other),
                    }
                    continue;
                }
                b'?' => tokens.push(Token::One),
                b => tokens.push(Token::Byte(b)),
            }
            i += 1;
        }
        Glob { tokens }
    }

    /// True if `path` matches the whole glob.
    pub fn matches(&self, path: &str) -> bool {
        self.matches_counted(path, &mut 0)
    }

    /// As [`Glob::matches`], adding the inner-loop steps taken to `steps` (the fuzz
    /// target checks the linear bound with it).
    pub fn matches_counted(&self, path: &str, steps: &mut u64) -> bool {
        let n = self.tokens.len();
        // States n+1.. are unused; `live` has one flag per state 0..=n.
        let mut live = vec![false; n + 1];
        let mut next = vec![false; n + 1];
        live[0] = true;
        self.close(&mut live);
        for &c in path.as_bytes() {
            next.iter_mut().for_each(|s| *s = false);
            let mut any = false;
            for (i, token) in self.tokens.iter().enumerate() {
                *steps += 1;
                if !live[i] {
                    continue;
                }
                match *token {
                    Token::Byte(b) if b == c => next[i + 1] = true,
                    Token::Byte(_) => {}
                    Token::One if c != b'/' => next[i + 1] = true,
                    Token::One => {}
                    Token::Star if c != b'/' => next[i] = true,
                    Token::Star => {}
                    Token::AnyRun => next[i] = true,
                    Token::Folders => {
                        // Into the run; a `/` may also end it at once.
                        next[i + 1] = true;
                        if c == b'/' {
                            next[i + 2] = true;
                        }
                    }
                    Token::FoldersIn => {
                        // Inside the run: stay; a `/` may also end it.
                        next[i] = true;
                        if c == b'/' {
                            next[i + 1] = true;
                        }
                    }
                }
                any = true;
            }
            std::mem::swap(&mut live, &mut next);
            if !any {
                return false;
            }
            self.close(&mut live);
        }
        live[n]
    }

    /// Adds the states reachable without reading a byte: every wildcard may match
    /// nothing. One forward pass suffices (empty moves only go forward).
    fn close(&self, live: &mut [bool]) {
        for (i, token) in self.tokens.iter().enumerate() {
            if !live[i] {
                continue;
            }
            match token {
                Token::Star | Token::AnyRun => live[i + 1] = true,
                Token::Folders => live[i + 2] = true,
                _ => {}
            }
        }
    }
}

/// Matches `path` against `glob` (compile once with [`Glob::new`] to match many paths).
pub fn glob_match(glob: &str, path: &str) -> bool {
    Glob::new(glob).matches(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn globs_match_like_shells() {
        assert!(glob_match("Assets/**/*.png", "Assets/A/B/x.png"));
        assert!(glob_match("Assets/**/*.png", "Assets/x.png"));
        assert!(!glob_match("Assets/**/*.png", "Assets/Ax.png.meta"));
        assert!(glob_match("Assets/*.png", "Assets/x.png"));
        assert!(!glob_match("Assets/*.png", "Assets/A/x.png"));
        assert!(glob_match("Assets/?.mat", "Assets/a.mat"));
        assert!(!glob_match("Assets/?.mat", "Assets/ab.mat"));
        assert!(glob_match("**", "Assets/anything/at/all"));
        assert!(glob_match("**", ""));
        assert!(!glob_match("Assets/*.png", "Assets/x.pngx"));
        assert!(glob_match("Assets/Art/**", "Assets/Art/x/y.prefab"));
        assert!(glob_match("**/*.cs", "Assets/Scripts/Player.cs"));
        assert!(glob_match("**/*.cs", "Player.cs"));
        assert!(glob_match("Assets/**/Editor/**", "Assets/A/Editor/B/x.cs"));
        assert!(glob_match("Assets/**/Editor/**", "Assets/Editor/x.cs"));
        assert!(!glob_match("Assets/**/Editor/**", "Assets/NotEditor/x.cs"));
        assert!(glob_match("Assets/A**.png", "Assets/A/b/c.png"));
        assert!(glob_match("", ""));
        assert!(!glob_match("", "a"));
    }

    #[test]
    fn pathological_globs_cost_linear_steps() {
        let path = "Assets/UnityTechnologies/_DesignPatterns/2_ObjectPool/Prefabs/Projectile.prefab";
        for pattern in ["************Z".to_string(), "**/".repeat(64) + "Z", "*?".repeat(500) + "Z", "**".repeat(64) + "Z"] {
            let glob = Glob::new(&pattern);
            let mut steps = 0;
            assert!(!glob.matches_counted(path, &mut steps));
            assert!(steps <= (path.len() as u64 + 1) * (pattern.len() as u64 + 1), "{pattern}: {steps}");
        }
    }

    /// The reference: a direct recursive reading of the syntax (exponential; small
    /// inputs only).
    fn reference(g: &[u8], p: &[u8]) -> bool {
        match g {
            [] => p.is_empty(),
            [b'*', b'*', b'/', rest @ ..] => {
                reference(rest, p) || (0..p.len()).any(|i| p[i] == b'/' && reference(rest, &p[i + 1..]))
            }
            [b'*', b'*', rest @ ..] => {
                let rest = { let mut r = rest; while let [b'*', tail @ ..] = r { r = tail; } r };
                if let [b'/', ..] = rest { return reference(&[b"**".as_slice(), rest].concat(), p); }
                (0..=p.len()).any(|i| reference(rest, &p[i..]))
            }
            [b'*', rest @ ..] => {
                let stop = p.iter().position(|&c| c == b'/').unwrap_or(p.len());
                (0..=stop).any(|i| reference(rest, &p[i..]))
            }
            [b'?', rest @ ..] => !p.is_empty() && p[0] != b'/' && reference(rest, &p[1..]),
            [c, rest @ ..] => p.first() == Some(c) && reference(rest, &p[1..]),
        }
    }

    proptest! {
        #[test]
        fn nfa_agrees_with_the_recursive_reading(
            g in proptest::collection::vec(prop_oneof![Just(b'*'), Just(b'?'), Just(b'/'), Just(b'a'), Just(b'b')], 0..9),
            p in proptest::collection::vec(prop_oneof![Just(b'/'), Just(b'a'), Just(b'b')], 0..9),
        ) {
            let (gs, ps) = (String::from_utf8(g.clone()).unwrap(), String::from_utf8(p.clone()).unwrap());
            prop_assert_eq!(Glob::new(&gs).matches(&ps), reference(&g, &p), "glob {:?} path {:?}", gs, ps);
        }
    }
}
