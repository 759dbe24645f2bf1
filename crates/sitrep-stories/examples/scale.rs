//! Scale check, each measurement in its own child process so that its peak
//! memory (VmHWM from /proc/self/status) is its own:
//!
//! * **merge** and **alerts** over N deterministic synthetic events
//!   (mentions of happenings reported by 1–4 outlets, over 150 countries,
//!   16 categories and three years) at 250k, 500k and 1M events;
//! * **dedup**: `DuplicateIndex` over N synthetic 150-word articles (100k,
//!   200k, 400k), a fifth of them planted wire copies of an earlier article
//!   with 1–12 words changed; precision and recall of the reported pairs
//!   against the planted ones.
//!
//! Time is wall and CPU seconds of the stage; memory is the child's peak
//! RSS after generating its input and after the stage. Run with
//! `cargo run --release -p sitrep-stories --example scale`
//! (`-- merge 250000 500000` or `-- dedup 100000` for one stage).

use std::time::Instant;

use sitrep_coder::record::{ActorRecord, EventRecord, LocationRecord, TextSpan};
use sitrep_stories::prng::SplitMix64;
use sitrep_stories::text::{jaccard, shingles, words};
use sitrep_stories::{compute_alerts, merge_events, AlertParams, DuplicateIndex, MinHashParams};

use sitrep_coder::{ActorHow, Category};

fn country(i: u64) -> String {
    let b = |k: u64| char::from(b'A' + (k % 26) as u8);
    [b(i / 676), b(i / 26), b(i)].iter().collect()
}

fn actor(code: &str) -> ActorRecord {
    ActorRecord {
        code: code.to_string(),
        sector: None,
        text: String::new(),
        span: [0, 0],
        how: ActorHow::Unstated,
    }
}

/// `n` events, deterministic for a seed.
fn generate(n: usize, seed: u64) -> Vec<EventRecord> {
    let mut rng = SplitMix64::new(seed);
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let countries: Vec<String> = (0..150).map(|i| country(i * 7 + 3)).collect();
    let mut out = Vec::with_capacity(n);
    let mut happening = 0u64;
    while out.len() < n {
        happening += 1;
        // Busy countries: a skewed pick (the first ones report more).
        let ci = (rng.below(150) * rng.below(150) / 150) as usize;
        let here = &countries[ci];
        let other = &countries[rng.below(150) as usize];
        let cat = Category::ALL[rng.below(Category::ALL.len() as u64) as usize];
        let day = rng.below(3 * 365) as i64;
        let place = if rng.below(3) == 0 {
            None
        } else {
            Some(format!("{here}-city{}", rng.below(5)))
        };
        let reports = 1 + rng.below(4);
        for r in 0..reports {
            if out.len() >= n {
                break;
            }
            let jitter = if rng.below(5) == 0 { 1 } else { 0 };
            let date = start + chrono::Duration::days(day + jitter);
            let keep_place = rng.below(4) != 0;
            out.push(EventRecord {
                event_id: format!("e{happening}-{r}"),
                doc_id: format!("d{}", rng.below(n as u64 / 3 + 1)),
                category: cat,
                mode: None,
                context: Vec::new(),
                cameo: "000".to_string(),
                intensity: 0.0,
                rule: "synthetic".to_string(),
                source: Some(actor(here)),
                target: (rng.below(2) == 0).then(|| actor(other)),
                date: Some(date.to_string()),
                date_end: None,
                date_precision: "day".to_string(),
                date_text: None,
                location: Some(LocationRecord {
                    code: here.clone(),
                    place: place.clone().filter(|_| keep_place),
                    lat: None,
                    lon: None,
                    geonameid: None,
                    feature: "city".to_string(),
                    admin1: None,
                    admin1_name: None,
                    text: None,
                    span: None,
                    how: String::new(),
                }),
                trigger: TextSpan {
                    text: String::new(),
                    span: [0, 0],
                },
                sentence: String::new(),
                span: [0, 0],
            });
        }
    }
    out
}

/// CPU time of this thread in seconds (/proc/thread-self/schedstat): less
/// sensitive than wall time to other processes on a shared machine.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// VmHWM after generating the input, then after the stage.
struct Measured {
    wall_s: f64,
    cpu_s: f64,
    input_mb: f64,
    peak_mb: f64,
    /// Stage-specific figures, printed as they are.
    detail: String,
}

fn print_measured(m: &Measured) {
    println!(
        "{:.2} {:.2} {:.0} {:.0} {}",
        m.wall_s, m.cpu_s, m.input_mb, m.peak_mb, m.detail
    );
}

fn stage_merge(n: usize) -> Measured {
    let events = generate(n, 42);
    let input_mb = peak_rss_mb();
    let (t, c) = (Instant::now(), cpu_s());
    let merged = merge_events(&events);
    Measured {
        wall_s: t.elapsed().as_secs_f64(),
        cpu_s: cpu_s() - c,
        input_mb,
        peak_mb: peak_rss_mb(),
        detail: format!("{} stories", merged.len()),
    }
}

fn stage_alerts(n: usize) -> Measured {
    let events = generate(n, 42);
    let input_mb = peak_rss_mb();
    let (t, c) = (Instant::now(), cpu_s());
    let alerts = compute_alerts(&events, None, &AlertParams::default());
    Measured {
        wall_s: t.elapsed().as_secs_f64(),
        cpu_s: cpu_s() - c,
        input_mb,
        peak_mb: peak_rss_mb(),
        detail: format!("{} alerts", alerts.len()),
    }
}

/// `n` articles of 150 words over a 5,000-word vocabulary; every fifth is
/// a copy of a random earlier original with 1–12 words replaced. Returns
/// the texts and, for each, the original it copies (`None` for originals).
fn articles(n: usize) -> (Vec<String>, Vec<Option<usize>>) {
    let mut rng = SplitMix64::new(7);
    let mut originals: Vec<usize> = Vec::new();
    let mut words_of: Vec<Vec<u64>> = Vec::with_capacity(n);
    let mut copy_of = Vec::with_capacity(n);
    for i in 0..n {
        if i % 5 == 4 && !originals.is_empty() {
            let o = originals[rng.below(originals.len() as u64) as usize];
            let mut w = words_of[o].clone();
            let edits = 1 + rng.below(12);
            for _ in 0..edits {
                let k = rng.below(w.len() as u64) as usize;
                w[k] = rng.below(5000);
            }
            words_of.push(w);
            copy_of.push(Some(o));
        } else {
            words_of.push((0..150).map(|_| rng.below(5000)).collect());
            originals.push(i);
            copy_of.push(None);
        }
    }
    let texts = words_of
        .iter()
        .map(|w| {
            w.iter()
                .map(|x| format!("w{x}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (texts, copy_of)
}

fn stage_dedup(n: usize) -> Measured {
    let (texts, copy_of) = articles(n);
    // Exact truth: two articles are duplicates when they descend from the
    // same original and their shingle Jaccard reaches the threshold (a
    // copy with many edits may fall below it). Random originals share
    // nothing at 5-shingles.
    let params = MinHashParams::default();
    let root = |i: usize| copy_of[i].unwrap_or(i);
    let sets: Vec<Vec<u64>> = texts
        .iter()
        .map(|t| shingles(&words(t), params.shingle))
        .collect();
    let mut by_root: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        by_root.entry(root(i)).or_default().push(i);
    }
    let mut truth = 0usize;
    for members in by_root.values() {
        for (a, &x) in members.iter().enumerate() {
            for &y in &members[a + 1..] {
                if jaccard(&sets[x], &sets[y]) >= params.threshold {
                    truth += 1;
                }
            }
        }
    }
    drop(sets);
    let planted = copy_of.iter().filter(|c| c.is_some()).count();
    let mut index = match DuplicateIndex::new(params) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let input_mb = peak_rss_mb();
    let (t, c) = (Instant::now(), cpu_s());
    let (mut reported, mut correct) = (0usize, 0usize);
    for (i, text) in texts.iter().enumerate() {
        for (other, _) in index.insert(&i.to_string(), text) {
            reported += 1;
            if other.parse::<usize>().is_ok_and(|o| root(o) == root(i)) {
                correct += 1;
            }
        }
    }
    let wall_s = t.elapsed().as_secs_f64();
    let cpu = cpu_s() - c;
    let precision = if reported == 0 {
        1.0
    } else {
        correct as f64 / reported as f64
    };
    let recall = if truth == 0 {
        1.0
    } else {
        correct as f64 / truth as f64
    };
    Measured {
        wall_s,
        cpu_s: cpu,
        input_mb,
        peak_mb: peak_rss_mb(),
        detail: format!(
            "{planted} planted copies, {truth} true pairs (Jaccard >= {:.1}), {reported} reported, \
             precision {precision:.4}, recall {recall:.4}",
            MinHashParams::default().threshold
        ),
    }
}

/// Runs one stage at one size in a child process and parses its line.
fn in_child(stage: &str, n: usize) -> Option<Measured> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["--child", stage, &n.to_string()])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "{stage} {n}: child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let mut it = line.splitn(5, ' ');
    let mut num = || it.next()?.parse::<f64>().ok();
    let (wall_s, cpu_s, input_mb, peak_mb) = (num()?, num()?, num()?, num()?);
    Some(Measured {
        wall_s,
        cpu_s,
        input_mb,
        peak_mb,
        detail: it.next().unwrap_or("").to_owned(),
    })
}

fn report(stage: &str, sizes: &[usize]) {
    println!("{stage}: n, wall s, CPU s, CPU s per 100k, time ratio to previous size, input MB, peak MB, details");
    let mut prev: Option<(usize, f64)> = None;
    for &n in sizes {
        let Some(m) = in_child(stage, n) else {
            continue;
        };
        let per = m.cpu_s / (n as f64 / 100_000.0);
        let ratio = prev.map_or(String::from("-"), |(pn, pc)| {
            format!("{:.2} (size ×{:.1})", m.cpu_s / pc, n as f64 / pn as f64)
        });
        println!(
            "{stage} {n:>9}  {:>7.2}  {:>7.2}  {per:>6.3}  {ratio:>16}  {:>6.0}  {:>6.0}  {}",
            m.wall_s, m.cpu_s, m.input_mb, m.peak_mb, m.detail
        );
        prev = Some((n, m.cpu_s));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        let stage = args.get(1).map(String::as_str).unwrap_or("");
        let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0);
        let m = match stage {
            "merge" => stage_merge(n),
            "alerts" => stage_alerts(n),
            "dedup" => stage_dedup(n),
            other => {
                eprintln!("unknown stage {other}");
                std::process::exit(2);
            }
        };
        print_measured(&m);
        return;
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let only = args.iter().find(|a| a.parse::<usize>().is_err());
    for (stage, default) in [
        ("merge", vec![250_000, 500_000, 1_000_000]),
        ("alerts", vec![250_000, 500_000, 1_000_000]),
        ("dedup", vec![100_000, 200_000, 400_000]),
    ] {
        if only.is_some_and(|o| o != stage) {
            continue;
        }
        let sizes = if sizes.is_empty() {
            default
        } else {
            sizes.clone()
        };
        report(stage, &sizes);
    }
}
