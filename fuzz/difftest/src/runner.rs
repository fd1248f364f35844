//! Writes programs into a generated workspace (a few crates, hundreds of programs each), builds
//! it once, attributes compile errors to programs (and drops those programs), runs the tests.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::emit;
use crate::gen::Program;
use crate::harness::HARNESS;

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Ok { yields: u64, resumes: u64 },
    /// The oracle yields more than `MAX_YIELDS`: not checked.
    Skip,
    /// The coroutine behaves differently: `what` is `full` or `drop-after-K`, `kind` is
    /// `events` (different events) or `order` (same events, different order).
    Diverge { what: String, kind: String, detail: String },
    /// The oracle compiles, the coroutine does not.
    Rejected { errors: Vec<String> },
    /// The oracle does not compile: a generator bug (the program is not valid Rust).
    Invalid { errors: Vec<String> },
    /// The test did not finish (hang) or took the process down.
    Hang,
}

impl Status {
    pub fn is_failure(&self) -> bool {
        matches!(self, Status::Diverge { .. } | Status::Rejected { .. } | Status::Hang)
    }

    /// What must stay the same while shrinking.
    pub fn signature(&self) -> String {
        match self {
            Status::Diverge { what, kind, .. } => {
                let w = if what == "full" { "full" } else { "drop-after" };
                format!("diverge {w} {kind}")
            }
            Status::Rejected { errors } => format!("rejected {}", errors.first().map(|e| first_line(e)).unwrap_or_default()),
            Status::Hang => "hang".into(),
            Status::Ok { .. } => "ok".into(),
            Status::Skip => "skip".into(),
            Status::Invalid { .. } => "invalid".into(),
        }
    }
}

fn first_line(s: &str) -> String {
    // The error message without what changes with every program or shrink step: numbers and
    // the names quoted in backticks.
    let l = s.lines().next().unwrap_or("");
    let mut out = String::new();
    for (i, part) in l.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("`_`");
        } else {
            out.push_str(part);
        }
    }
    out.chars().filter(|c| !c.is_ascii_digit()).collect()
}

pub struct Runner {
    pub work: PathBuf,
    pub target: PathBuf,
    pub repo: PathBuf,
    pub crates: usize,
    pub timeout: Duration,
    pub verbose: bool,
}

struct Msg {
    file: Option<String>,
    text: String,
}

impl Runner {
    /// Builds and runs the programs; one status per program id.
    pub fn run(&self, progs: &[(usize, Program)]) -> Result<BTreeMap<usize, Status>, String> {
        let mut out = BTreeMap::new();
        let mut live: Vec<Vec<usize>> = vec![Vec::new(); self.crates];
        for (i, (id, _)) in progs.iter().enumerate() {
            live[i % self.crates].push(*id);
        }
        self.write(progs, &live)?;
        let by_id: HashMap<usize, &Program> = progs.iter().map(|(i, p)| (*i, p)).collect();
        let _ = by_id;
        // Build; drop programs with errors; repeat.
        let mut executables;
        let mut round = 0;
        loop {
            round += 1;
            let t0 = Instant::now();
            let (msgs, exes, ok) = self.build()?;
            if self.verbose {
                eprintln!("  build round {round}: {:.1}s, {} error messages", t0.elapsed().as_secs_f64(), msgs.len());
            }
            executables = exes;
            if ok && msgs.is_empty() {
                break;
            }
            let mut co_err: BTreeMap<usize, Vec<String>> = BTreeMap::new();
            let mut or_err: BTreeMap<usize, Vec<String>> = BTreeMap::new();
            let mut unattributed = Vec::new();
            for m in &msgs {
                match m.file.as_deref().and_then(attribute) {
                    Some((id, true)) => co_err.entry(id).or_default().push(m.text.clone()),
                    Some((id, false)) => or_err.entry(id).or_default().push(m.text.clone()),
                    None => unattributed.push(m.text.clone()),
                }
            }
            if co_err.is_empty() && or_err.is_empty() {
                if ok {
                    break;
                }
                return Err(format!("build failed with errors not attributable to a program:\n{}", unattributed.join("\n")));
            }
            let mut dead = BTreeSet::new();
            for (id, errs) in or_err {
                dead.insert(id);
                out.insert(id, Status::Invalid { errors: errs });
            }
            for (id, errs) in co_err {
                if dead.insert(id) {
                    out.insert(id, Status::Rejected { errors: errs });
                }
            }
            for l in &mut live {
                l.retain(|id| !dead.contains(id));
            }
            self.write_libs(&live)?;
            if round > 8 {
                return Err("build does not converge".into());
            }
        }
        // Run.
        let pending: Vec<usize> = live.iter().flatten().copied().collect();
        let mut remaining: BTreeSet<usize> = pending.iter().copied().collect();
        let mut attempts = 0;
        while !remaining.is_empty() && attempts < 6 {
            attempts += 1;
            let results = self.run_tests(&executables, &live, &remaining)?;
            for (id, st) in results {
                remaining.remove(&id);
                out.insert(id, st);
            }
        }
        for id in remaining {
            out.insert(id, Status::Hang);
        }
        Ok(out)
    }

    fn write(&self, progs: &[(usize, Program)], live: &[Vec<usize>]) -> Result<(), String> {
        let io = |e: std::io::Error| e.to_string();
        fs::create_dir_all(&self.work).map_err(io)?;
        let members: Vec<String> = (0..self.crates).map(|k| format!("\"b{k}\"")).collect();
        write_if_changed(
            &self.work.join("Cargo.toml"),
            &format!(
                "[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n[profile.dev]\ndebug = false\nincremental = false\n\n[profile.test]\ndebug = false\nincremental = false\n",
                members.join(", ")
            ),
        )?;
        let by_id: HashMap<usize, &Program> = progs.iter().map(|(i, p)| (*i, p)).collect();
        for (k, ids) in live.iter().enumerate() {
            let dir = self.work.join(format!("b{k}"));
            let src = dir.join("src");
            if src.exists() {
                fs::remove_dir_all(&src).map_err(io)?;
            }
            fs::create_dir_all(&src).map_err(io)?;
            write_if_changed(
                &dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"difftest_b{k}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[lib]\ndoctest = false\n\n[dependencies]\ncoro = {{ path = {:?} }}\n",
                    self.repo.display().to_string()
                ),
            )?;
            fs::write(src.join("h.rs"), HARNESS).map_err(io)?;
            for id in ids {
                let p = by_id[id];
                let pd = src.join(format!("p{id}"));
                fs::create_dir_all(&pd).map_err(io)?;
                let name = format!("p{id}");
                fs::write(pd.join("mod.rs"), emit::mod_rs(p, &name)).map_err(io)?;
                fs::write(pd.join("co.rs"), emit::co_module(p)).map_err(io)?;
                fs::write(pd.join("or.rs"), emit::or_module(p)).map_err(io)?;
            }
        }
        self.write_libs(live)
    }

    fn write_libs(&self, live: &[Vec<usize>]) -> Result<(), String> {
        for (k, ids) in live.iter().enumerate() {
            let mut lib = String::from("#![allow(warnings)]\npub mod h;\n");
            for id in ids {
                lib.push_str(&format!("pub mod p{id};\n"));
            }
            fs::write(self.work.join(format!("b{k}/src/lib.rs")), lib).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// `cargo test --no-run` with JSON messages: error messages, test executables, success.
    fn build(&self) -> Result<(Vec<Msg>, Vec<(usize, PathBuf)>, bool), String> {
        let mut child = Command::new("cargo")
            .args(["test", "--no-run", "--workspace", "--message-format=json", "-q"])
            .current_dir(&self.work)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cargo: {e}"))?;
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let err_thread = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        let mut msgs = Vec::new();
        let mut exes = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| e.to_string())?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            match v["reason"].as_str() {
                Some("compiler-message") => {
                    let m = &v["message"];
                    if m["level"].as_str() != Some("error") {
                        continue;
                    }
                    let text = m["rendered"].as_str().unwrap_or("").to_string();
                    if text.starts_with("error: aborting") || m["spans"].as_array().is_none_or(|s| s.is_empty()) && text.contains("could not compile") {
                        continue;
                    }
                    msgs.push(Msg { file: span_file(m), text });
                }
                Some("compiler-artifact") => {
                    if let Some(exe) = v["executable"].as_str() {
                        let name = v["target"]["name"].as_str().unwrap_or("");
                        if let Some(k) = name.strip_prefix("difftest_b").and_then(|k| k.parse().ok()) {
                            exes.push((k, PathBuf::from(exe)));
                        }
                    }
                }
                _ => {}
            }
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        let stderr = err_thread.join().unwrap_or_default();
        if !status.success() && msgs.is_empty() {
            return Err(format!("cargo failed without compiler errors:\n{stderr}"));
        }
        Ok((msgs, exes, status.success()))
    }

    fn run_tests(&self, exes: &[(usize, PathBuf)], live: &[Vec<usize>], remaining: &BTreeSet<usize>) -> Result<Vec<(usize, Status)>, String> {
        let mut children = Vec::new();
        for (k, exe) in exes {
            let ids: Vec<usize> = live[*k].iter().copied().filter(|id| remaining.contains(id)).collect();
            if ids.is_empty() {
                continue;
            }
            let stats = self.work.join(format!("stats-{k}.txt"));
            let _ = fs::remove_file(&stats);
            let mut cmd = Command::new(exe);
            cmd.env("DIFFTEST_STATS", &stats).env("RUST_BACKTRACE", "0").args(["--test-threads", "1", "-q"]);
            if ids.len() < live[*k].len() {
                cmd.arg("--exact");
                cmd.args(ids.iter().map(|id| format!("p{id}::t")));
            }
            let out_path = self.work.join(format!("out-{k}.txt"));
            let out = fs::File::create(&out_path).map_err(|e| e.to_string())?;
            let err = out.try_clone().map_err(|e| e.to_string())?;
            let child = cmd.stdout(out).stderr(err).spawn().map_err(|e| format!("{}: {e}", exe.display()))?;
            children.push((child, stats, out_path, ids));
        }
        let start = Instant::now();
        let mut results = Vec::new();
        for (mut child, stats, out_path, ids) in children {
            loop {
                if child.try_wait().map_err(|e| e.to_string())?.is_some() {
                    break;
                }
                if start.elapsed() > self.timeout {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let output = fs::read_to_string(&out_path).unwrap_or_default();
            let details = failure_details(&output);
            let stats = fs::read_to_string(&stats).unwrap_or_default();
            let mut begun = BTreeSet::new();
            let mut done = BTreeSet::new();
            for line in stats.lines() {
                let parts: Vec<&str> = line.split_whitespace().collect();
                let Some(id) = parts.first().and_then(|n| n.strip_prefix('p')).and_then(|n| n.parse::<usize>().ok()) else { continue };
                match parts.get(1).copied() {
                    Some("begin") => {
                        begun.insert(id);
                    }
                    Some("ok") => {
                        let yields = parts.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
                        let resumes = parts.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
                        done.insert(id);
                        results.push((id, Status::Ok { yields, resumes }));
                    }
                    Some("skip") => {
                        done.insert(id);
                        results.push((id, Status::Skip));
                    }
                    Some("diverge") => {
                        done.insert(id);
                        let detail = details.get(&id).cloned().unwrap_or_default();
                        results.push((id, Status::Diverge { what: parts.get(2).unwrap_or(&"").to_string(), kind: parts.get(3).unwrap_or(&"").to_string(), detail }));
                    }
                    _ => {}
                }
            }
            // A test that began and never finished hung or took the process down; the others
            // are run again.
            for id in ids {
                if begun.contains(&id) && !done.contains(&id) {
                    results.push((id, Status::Hang));
                    if self.verbose {
                        eprintln!("  p{id}: did not finish; output tail:\n{}", tail(&output, 20));
                    }
                } else if !begun.contains(&id) && !done.contains(&id) && self.verbose {
                    // Not started: run again.
                }
            }
        }
        Ok(results)
    }
}

fn tail(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The panic message of each failed test, from libtest's output.
fn failure_details(out: &str) -> HashMap<usize, String> {
    let mut map = HashMap::new();
    let mut cur: Option<usize> = None;
    let mut buf = String::new();
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("---- p") {
            if let Some(id) = cur.take() {
                map.insert(id, std::mem::take(&mut buf));
            }
            cur = rest.split("::").next().and_then(|n| n.parse().ok());
            continue;
        }
        if line.starts_with("failures:") || line.starts_with("test result:") {
            if let Some(id) = cur.take() {
                map.insert(id, std::mem::take(&mut buf));
            }
            continue;
        }
        if cur.is_some() {
            buf.push_str(line);
            buf.push('\n');
        }
    }
    if let Some(id) = cur {
        map.insert(id, buf);
    }
    map
}

/// `…/p17/co.rs` → (17, true); `…/p17/or.rs` or `mod.rs` → (17, false).
fn attribute(file: &str) -> Option<(usize, bool)> {
    let parts: Vec<&str> = file.rsplitn(3, '/').collect();
    if parts.len() < 2 {
        return None;
    }
    let id = parts[1].strip_prefix('p')?.parse().ok()?;
    match parts[0] {
        "co.rs" => Some((id, true)),
        "or.rs" | "mod.rs" => Some((id, false)),
        _ => None,
    }
}

/// The first span (primary first, following macro expansions back to the call site) that lies
/// in a program's file.
fn span_file(m: &serde_json::Value) -> Option<String> {
    fn from_span(s: &serde_json::Value) -> Option<String> {
        let f = s["file_name"].as_str()?;
        if attribute(f).is_some() {
            return Some(f.to_string());
        }
        from_span(&s["expansion"]["span"])
    }
    let spans = m["spans"].as_array()?;
    let mut ordered: Vec<&serde_json::Value> = spans.iter().filter(|s| s["is_primary"].as_bool() == Some(true)).collect();
    ordered.extend(spans.iter().filter(|s| s["is_primary"].as_bool() != Some(true)));
    for s in ordered {
        if let Some(f) = from_span(s) {
            return Some(f);
        }
    }
    for c in m["children"].as_array()? {
        if let Some(f) = span_file(c) {
            return Some(f);
        }
    }
    None
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|e| e.to_string())
}
