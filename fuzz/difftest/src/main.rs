//! coro-difftest: differential testing of `#[coro::coroutine]` on generated programs.
//!
//! ```text
//! coro-difftest run  [--seed S] [--programs N] [--batch B] [--crates C] [--cfg SWITCHES]
//!                    [--failures DIR] [--shrink-rounds R] [--max-shrinks M] [--timeout SECS] [-v]
//! coro-difftest show --seed S --index I      # print program I of seed S (coroutine side)
//! ```
//!
//! `run` generates N programs (program i from seed `mix(S, i)`), writes them B at a time into a
//! generated workspace of C crates under `fuzz/target/difftest-work`, builds it with one cargo
//! invocation, and runs every program's test (see `harness.rs` for what is checked). Failing
//! programs are shrunk and written to the failures directory as self-contained test files.
//! Exit status: 0 when no program diverged, was rejected or hung; 1 otherwise.

mod emit;
mod gen;
mod harness;
mod node;
mod rng;
mod runner;
mod shrink;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use gen::{Cfg, Program};
use runner::{Runner, Status};

fn mix(seed: u64, i: u64) -> u64 {
    let mut r = rng::Rng::new(seed ^ i.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    r.next_u64()
}

struct Args {
    cmd: String,
    seed: u64,
    programs: usize,
    batch: usize,
    crates: usize,
    cfg: Cfg,
    failures: Option<PathBuf>,
    shrink_rounds: usize,
    max_shrinks: usize,
    timeout: u64,
    index: usize,
    program_seed: u64,
    verbose: bool,
    work: Option<PathBuf>,
    /// The coro crate the generated programs depend on (default: this repository).
    coro: Option<PathBuf>,
    /// Re-run exactly these program seeds (from a campaign's summary).
    program_seeds: Vec<u64>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().ok_or("usage: coro-difftest run|show [options]")?;
    let mut a = Args {
        cmd,
        seed: 1,
        programs: 300,
        batch: 300,
        crates: 2,
        cfg: Cfg::default(),
        failures: None,
        shrink_rounds: 40,
        max_shrinks: 8,
        timeout: 600,
        index: 0,
        program_seed: 0,
        verbose: false,
        work: None,
        coro: None,
        program_seeds: Vec::new(),
    };
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        let num = |s: String| s.parse::<u64>().map_err(|e| format!("{s}: {e}"));
        match flag.as_str() {
            "--seed" => a.seed = num(val()?)?,
            "--programs" => a.programs = num(val()?)? as usize,
            "--batch" => a.batch = num(val()?)? as usize,
            "--crates" => a.crates = num(val()?)?.max(1) as usize,
            "--cfg" => a.cfg.apply(&val()?)?,
            "--failures" => a.failures = Some(PathBuf::from(val()?)),
            "--shrink-rounds" => a.shrink_rounds = num(val()?)? as usize,
            "--max-shrinks" => a.max_shrinks = num(val()?)? as usize,
            "--timeout" => a.timeout = num(val()?)?,
            "--index" => a.index = num(val()?)? as usize,
            "--program-seed" => a.program_seed = num(val()?)?,
            "--program-seeds" => {
                a.program_seeds = val()?.split(',').map(|x| x.trim().parse::<u64>().map_err(|e| format!("{x}: {e}"))).collect::<Result<_, _>>()?
            }
            "--work" => a.work = Some(PathBuf::from(val()?)),
            "--coro" => a.coro = Some(PathBuf::from(val()?).canonicalize().map_err(|e| format!("--coro: {e}"))?),
            "-v" | "--verbose" => a.verbose = true,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let code = match args.cmd.as_str() {
        "run" => run(&args),
        "corpus" => {
            // Coroutine sources for the macro fuzzer: one file per program.
            let dir = args.work.clone().unwrap_or_else(|| repo_root().join("fuzz/target/corpus"));
            let _ = std::fs::create_dir_all(&dir);
            for i in 0..args.programs {
                let p = gen::program(mix(args.seed, i as u64), &args.cfg);
                let _ = std::fs::write(dir.join(format!("c{i}.rs")), emit::co_module(&p));
            }
            println!("{} programs written to {}", args.programs, dir.display());
            0
        }
        "show" => {
            let seed = if args.program_seed != 0 { args.program_seed } else { mix(args.seed, args.index as u64) };
            let p = gen::program(seed, &args.cfg);
            println!("// program seed {}\n// co.rs\n{}\n// or.rs\n{}", p.seed, emit::co_module(&p), emit::or_module(&p));
            0
        }
        other => {
            eprintln!("unknown command {other}");
            2
        }
    };
    std::process::exit(code);
}

fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.join("../..").canonicalize().expect("repo root")
}

#[derive(Default)]
struct Totals {
    generated: usize,
    ok: usize,
    skipped: usize,
    invalid: usize,
    rejected: usize,
    diverged: usize,
    hung: usize,
    yields: u64,
    resumes: u64,
}

fn run(args: &Args) -> i32 {
    let repo = repo_root();
    let work = args.work.clone().unwrap_or_else(|| repo.join("fuzz/target/difftest-work"));
    let runner = Runner {
        work: work.clone(),
        target: repo.join("fuzz/target/difftest-target"),
        repo: args.coro.clone().unwrap_or_else(|| repo.clone()),
        crates: args.crates,
        timeout: Duration::from_secs(args.timeout),
        verbose: args.verbose,
    };
    let shrink_runner = Runner { work: work.with_file_name("difftest-shrink"), ..clone_runner(&runner) };
    let t0 = Instant::now();
    let mut totals = Totals::default();
    let mut by_sig: BTreeMap<String, Vec<(u64, Status)>> = BTreeMap::new();
    let mut invalid_examples: Vec<(u64, String)> = Vec::new();
    let mut shrunk = 0;
    let mut start = 0;
    let programs = if args.program_seeds.is_empty() { args.programs } else { args.program_seeds.len() };
    println!("coro under test: {}", runner.repo.display());
    println!("coro-difftest: seed {}, {} programs in batches of {} ({} crates), switches {:?}", args.seed, args.programs, args.batch, args.crates, args.cfg);
    while start < programs {
        let end = (start + args.batch).min(programs);
        let seed_of = |i: usize| if args.program_seeds.is_empty() { mix(args.seed, i as u64) } else { args.program_seeds[i] };
        let progs: Vec<(usize, Program)> = (start..end).map(|i| (i, gen::program(seed_of(i), &args.cfg))).collect();
        totals.generated += progs.len();
        let tb = Instant::now();
        let results = match runner.run(&progs) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("batch {start}..{end}: {e}");
                return 2;
            }
        };
        let mut batch_fail = 0;
        for (id, st) in &results {
            let p = &progs.iter().find(|(i, _)| i == id).unwrap().1;
            match st {
                Status::Ok { yields, resumes } => {
                    totals.ok += 1;
                    totals.yields += yields;
                    totals.resumes += resumes;
                }
                Status::Skip => totals.skipped += 1,
                Status::Invalid { errors } => {
                    totals.invalid += 1;
                    if invalid_examples.len() < 5 {
                        invalid_examples.push((p.seed, errors.first().cloned().unwrap_or_default()));
                    }
                }
                Status::Rejected { .. } => totals.rejected += 1,
                Status::Diverge { .. } => totals.diverged += 1,
                Status::Hang => totals.hung += 1,
            }
            if st.is_failure() {
                batch_fail += 1;
                let sig = st.signature();
                let first = !by_sig.contains_key(&sig);
                by_sig.entry(sig.clone()).or_default().push((p.seed, st.clone()));
                if args.verbose {
                    match st {
                        Status::Rejected { errors } => eprintln!("  p{id} rejected: {}", errors.join("\n")),
                        Status::Diverge { detail, .. } => eprintln!("  p{id} diverges: {}", detail.lines().take(6).collect::<Vec<_>>().join("\n")),
                        _ => {}
                    }
                }
                if first {
                    println!("  new failure `{sig}` (program {id}, seed {})", p.seed);
                    if let Some(dir) = &args.failures {
                        let (q, qst) = if shrunk < args.max_shrinks && args.shrink_rounds > 0 {
                            shrunk += 1;
                            let mut logf = |s: &str| println!("    {s}");
                            shrink::shrink(&shrink_runner, p, st, args.shrink_rounds, &mut logf)
                        } else {
                            (p.clone(), st.clone())
                        };
                        save_failure(dir, &q, &qst, p.seed);
                    }
                }
            }
        }
        println!(
            "batch {start}..{end}: {} checked, {} failing, {} invalid in {:.0}s (total {:.0}s)",
            results.len(),
            batch_fail,
            results.values().filter(|s| matches!(s, Status::Invalid { .. })).count(),
            tb.elapsed().as_secs_f64(),
            t0.elapsed().as_secs_f64()
        );
        start = end;
    }
    println!("\n== coro-difftest summary (seed {}) ==", args.seed);
    println!("programs generated:     {}", totals.generated);
    println!("checked, equal:         {}", totals.ok);
    println!("skipped (too long):     {}", totals.skipped);
    println!("invalid (generator bug):{}", totals.invalid);
    println!("rejected by the macro:  {}", totals.rejected);
    println!("divergences:            {}", totals.diverged);
    println!("hangs/crashes:          {}", totals.hung);
    println!("yields exercised:       {}", totals.yields);
    println!("resumes exercised:      {}", totals.resumes);
    println!("time:                   {:.0}s", t0.elapsed().as_secs_f64());
    for (sig, v) in &by_sig {
        let seeds: Vec<String> = v.iter().take(5).map(|(s, _)| s.to_string()).collect();
        println!("failure `{sig}`: {} programs (e.g. seeds {})", v.len(), seeds.join(", "));
    }
    for (seed, e) in &invalid_examples {
        println!("invalid program seed {seed}: {}", e.lines().take(6).collect::<Vec<_>>().join("\n    "));
    }
    let failing = totals.rejected + totals.diverged + totals.hung;
    println!("{} passed, {} failed", totals.ok + totals.skipped, failing);
    if failing > 0 {
        1
    } else {
        0
    }
}

fn clone_runner(r: &Runner) -> Runner {
    Runner { work: r.work.clone(), target: r.target.clone(), repo: r.repo.clone(), crates: r.crates, timeout: r.timeout, verbose: false }
}

fn slug(s: &str) -> String {
    let mut out: String = s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    out.trim_matches('-').chars().take(60).collect()
}

fn save_failure(dir: &std::path::Path, p: &Program, st: &Status, orig_seed: u64) {
    let _ = std::fs::create_dir_all(dir);
    let detail = match st {
        Status::Diverge { what, kind, detail } => format!("divergence ({what}, {kind})\n{}", detail.lines().take(4).collect::<Vec<_>>().join("\n")),
        Status::Rejected { errors } => format!("the coroutine does not compile (the oracle does):\n{}", errors.join("\n")),
        Status::Hang => "the test hangs or crashes".into(),
        other => format!("{other:?}"),
    };
    let header = format!(
        "Reproducer found by coro-difftest (fuzz/difftest), shrunk from program seed {orig_seed}.\n\
         Run: copy into tests/ of the coro repo and `cargo test --test <name>`.\n\
         Signature: {}\n\n{}",
        st.signature(),
        detail
    );
    let name = format!("{}-{orig_seed}.rs", slug(&st.signature()));
    let path = dir.join(&name);
    let text = emit::standalone(p, &header);
    let text = rustfmt(&text).unwrap_or(text);
    match std::fs::write(&path, text) {
        Ok(()) => println!("    reproducer: {}", path.display()),
        Err(e) => eprintln!("    cannot write {}: {e}", path.display()),
    }
}

fn rustfmt(src: &str) -> Option<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "-q"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(src.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    if out.status.success() {
        String::from_utf8(out.stdout).ok()
    } else {
        None
    }
}
