//! Shrinking a failing program: delete statements and replace sub-trees by simpler ones of the
//! same type (see `node.rs`) while the failure keeps its signature. Each round compiles and runs
//! all single-step reductions of the current program (plus the combination of the previous
//! round's successful ones) in one batch, and keeps the smallest that still fails the same way.

use std::collections::BTreeMap;

use crate::emit::size;
use crate::gen::Program;
use crate::node::Node;
use crate::runner::{Runner, Status};

/// Reduction `k` over all fn bodies of a program.
fn reduce(p: &Program, k: usize) -> Program {
    let mut k = k;
    let mut q = p.clone();
    for f in &mut q.fns {
        let n = f.body.reductions();
        if k < n {
            f.body = f.body.reduce(k);
            return q;
        }
        k -= n;
    }
    q
}

fn reductions(p: &Program) -> usize {
    p.fns.iter().map(|f| f.body.reductions()).sum()
}

/// Applies several reductions (descending, so earlier indices stay valid).
fn reduce_all(p: &Program, ks: &[usize]) -> Program {
    let mut ks = ks.to_vec();
    ks.sort_unstable_by(|a, b| b.cmp(a));
    let mut q = p.clone();
    for k in ks {
        q = reduce(&q, k);
    }
    q
}

/// Drops whole delegate fns that `main` no longer needs (they are compiled and could fail).
fn drop_unused_fns(p: &Program) -> Option<Program> {
    let text: String = p.fns.iter().map(|f| f.body.print()).collect();
    let keep: Vec<_> = p.fns.iter().filter(|f| f.name == "main" || text.contains(&format!("{}(", f.name))).cloned().collect();
    if keep.len() < p.fns.len() {
        let mut q = p.clone();
        q.fns = keep;
        Some(q)
    } else {
        None
    }
}

pub fn shrink(runner: &Runner, prog: &Program, status: &Status, max_rounds: usize, log: &mut dyn FnMut(&str)) -> (Program, Status) {
    let sig = status.signature();
    let mut best = prog.clone();
    let mut best_status = status.clone();
    for round in 0..max_rounds {
        let n = reductions(&best);
        let mut cands: Vec<(Option<usize>, Program)> = Vec::new();
        if let Some(q) = drop_unused_fns(&best) {
            cands.push((None, q));
        }
        for k in 0..n {
            cands.push((Some(k), reduce(&best, k)));
        }
        // Only candidates that are smaller; biggest reductions first, at most 240 per round.
        let cur = size(&best);
        cands.retain(|(_, q)| size(q) < cur);
        cands.sort_by_key(|(_, q)| size(q));
        cands.truncate(240);
        if cands.is_empty() {
            break;
        }
        let batch: Vec<(usize, Program)> = cands.iter().enumerate().map(|(i, (_, q))| (i, q.clone())).collect();
        let results: BTreeMap<usize, Status> = match runner.run(&batch) {
            Ok(r) => r,
            Err(e) => {
                log(&format!("shrink round {round}: runner error: {e}"));
                break;
            }
        };
        let good: Vec<usize> = results.iter().filter(|(_, st)| st.signature() == sig).map(|(i, _)| *i).collect();
        if good.is_empty() {
            log(&format!("shrink round {round}: {} candidates, none keeps `{sig}`; done at {cur} bytes", cands.len()));
            break;
        }
        let old = best.clone();
        let pick = *good.iter().min_by_key(|&&i| size(&cands[i].1)).unwrap();
        best = cands[pick].1.clone();
        best_status = results[&pick].clone();
        // Several independent reductions worked: try them together (all, halves, quarters).
        let singles: Vec<usize> = good.iter().filter_map(|&i| cands[i].0).collect();
        if singles.len() > 1 {
            let mut sets: Vec<Vec<usize>> = vec![singles.clone()];
            for parts in [2, 4] {
                let chunk = singles.len().div_ceil(parts);
                sets.extend(singles.chunks(chunk.max(1)).map(|c| c.to_vec()));
            }
            let combos: Vec<(usize, Program)> = sets.iter().enumerate().map(|(i, s)| (i, reduce_all(&old, s))).filter(|(_, q)| size(q) < size(&best)).collect();
            if !combos.is_empty() {
                if let Ok(res) = runner.run(&combos) {
                    for (i, q) in &combos {
                        if res.get(i).is_some_and(|st| st.signature() == sig) && size(q) < size(&best) {
                            best = q.clone();
                            best_status = res[i].clone();
                        }
                    }
                }
            }
        }
        log(&format!("shrink round {round}: {} candidates, {} still fail; now {} bytes", cands.len(), good.len(), size(&best)));
    }
    (best, best_status)
}

#[allow(dead_code)]
pub fn count(n: &Node) -> usize {
    n.reductions()
}
