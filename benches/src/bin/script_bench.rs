//! ValidateScript's C# checks timed on one thread: a 2,000-line script (a realistic
//! MonoBehaviour block with `#if UNITY_EDITOR` regions, generics, lambdas and LINQ,
//! repeated inside one class), a broken copy of it (one missing `;`: the repair pass
//! runs), and the largest real scripts under `testdata/projects/`. Prints a Markdown
//! table of medians; run it pinned to one core (`taskset -c 0`).

use std::path::Path;
use std::time::Instant;
use unity_mcp_engine::script::csharp::{check, check_reusing, ScriptContext};

/// One block of methods (40 lines); `{n}` makes names unique.
const BLOCK: &str = r#"    [SerializeField] private float speed{n} = 3.5f;
    private readonly List<Transform> targets{n} = new List<Transform>();

    /// <summary>Moves toward the nearest target.</summary>
    public void Step{n}(float dt)
    {
        var nearest = targets{n}.Where(t => t != null && t.gameObject.activeSelf)
            .OrderBy(t => (t.position - transform.position).sqrMagnitude)
            .FirstOrDefault();
        if (nearest == null) { return; }
        transform.position = Vector3.MoveTowards(transform.position, nearest.position, speed{n} * dt);
#if UNITY_EDITOR
        UnityEditor.Handles.Label(transform.position, $"step {n}: {nearest.name}");
#else
        Debug.Log($"step {n}: {nearest.name}");
#endif
    }

    private IEnumerator Wait{n}(float seconds, System.Action<int> done)
    {
        for (int i = 0; i < 3; i++)
        {
            yield return new WaitForSeconds(seconds / 3f);
        }
        done?.Invoke({n});
    }

    public T Find{n}<T>(string name) where T : Component
    {
        switch (name)
        {
            case "self": return GetComponent<T>();
            case null: throw new System.ArgumentNullException(nameof(name));
            default:
                var found = GameObject.Find(name);
                return found != null ? found.GetComponent<T>() : default;
        }
    }

"#;

/// A script of about `lines` lines.
fn script(lines: usize) -> String {
    let mut s = String::from("using System.Collections;\nusing System.Collections.Generic;\nusing System.Linq;\nusing UnityEngine;\n\nnamespace Bench\n{\npublic class Big : MonoBehaviour\n{\n");
    let mut n = 0;
    while s.lines().count() + 3 < lines {
        s.push_str(&BLOCK.replace("{n}", &n.to_string()));
        n += 1;
    }
    s.push_str("}\n}\n");
    s
}

/// Median milliseconds of `runs` checks of `text`, and the diagnostics found.
fn time(text: &str, stem: &str, runs: usize) -> (f64, usize) {
    time_as(text, stem, true, runs)
}

/// [`time`] for a script of a player assembly (`player`) or an Editor one.
fn time_as(text: &str, stem: &str, player: bool, runs: usize) -> (f64, usize) {
    let ctx = ScriptContext { stem: Some(stem), player: Some(player), defines: &[] };
    let found = check(text, &ctx).len();
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(check(text, &ctx));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], found)
}

/// Median milliseconds of `runs` checks alternating between `a` and `b`, each
/// starting from the trees of the check before (what ValidateScript does for a file
/// it checked last time: an agent's edit, then its diagnostics).
fn time_after_edit(a: &str, b: &str, stem: &str, runs: usize) -> (f64, usize) {
    let ctx = ScriptContext { stem: Some(stem), player: Some(true), defines: &[] };
    let mut parsed = check_reusing(a, &ctx, None, &mut || false).and_then(|(_, p)| p);
    let found = check(b, &ctx).len();
    let mut ms: Vec<f64> = (0..runs)
        .map(|i| {
            let text = if i % 2 == 0 { b } else { a };
            let t = Instant::now();
            let (d, next) = check_reusing(text, &ctx, parsed.take(), &mut || false).unwrap_or_default();
            let elapsed = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(d);
            parsed = next;
            elapsed
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], found)
}

/// `text` with one statement in its middle line changed.
fn edited(text: &str) -> String {
    let at = text.len() / 2;
    let line = text[at..].find("transform.position = ").map(|i| at + i).unwrap_or(at);
    let mut out = text.to_string();
    out.replace_range(line..line, "speed0 += 1f; ");
    out
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    println!("| script | lines | median ms (one thread, {runs} runs) | diagnostics |");
    println!("|---|---|---|---|");
    let big = script(2000);
    let (ms, d) = time(&big, "Big", runs);
    println!("| generated MonoBehaviour with #if regions | {} | {ms:.2} | {d} |", big.lines().count());
    let plain: String = big
        .lines()
        .filter(|l| !l.starts_with('#') && !l.contains("UnityEditor."))
        .map(|l| format!("{l}\n"))
        .collect();
    let (ms, d) = time(&plain, "Big", runs);
    println!("| the same without its #if regions (one configuration, one parse) | {} | {ms:.2} | {d} |", plain.lines().count());
    let (ms, d) = time_after_edit(&big, &edited(&big), "Big", runs);
    println!("| the same, after a one-statement edit (trees of the file's last check kept) | {} | {ms:.2} | {d} |", big.lines().count());
    let broken = big.replacen("return GetComponent<T>();", "return GetComponent<T>()", 1);
    let (ms, d) = time(&broken, "Big", runs);
    println!("| the same, one `;` missing (repair pass) | {} | {ms:.2} | {d} |", broken.lines().count());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/projects");
    let mut real = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "cs") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    real.push((t.lines().count(), p, t));
                }
            }
        }
    }
    real.sort_by(|a, b| b.0.cmp(&a.0));
    for (lines, p, text) in real.into_iter().take(4) {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let player = !p.components().any(|c| c.as_os_str() == "Editor");
        let (ms, d) = time_as(text.strip_prefix('\u{feff}').unwrap_or(&text), stem, player, runs);
        let shown = p.components().rev().take(2).collect::<Vec<_>>().into_iter().rev().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        println!("| {shown} (real) | {lines} | {ms:.2} | {d} |");
    }
}
