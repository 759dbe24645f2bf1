//! Scale check: generates N deterministic synthetic events (mentions of
//! happenings reported by 1–4 outlets, over 150 countries, 16 categories and
//! three years), runs `merge_events` and `compute_alerts`, and prints the
//! time of each and the peak RSS (VmHWM from /proc/self/status) at 250k,
//! 500k and 1M events. Run with
//! `cargo run --release -p sitrep-stories --example scale`
//! (optionally with sizes as arguments).

use std::time::Instant;

use sitrep_coder::record::{ActorRecord, EventRecord, LocationRecord, TextSpan};
use sitrep_stories::prng::SplitMix64;
use sitrep_stories::{compute_alerts, merge_events, AlertParams, DuplicateIndex, MinHashParams};

use sitrep_coder::lexicon::patterns::CATEGORIES;

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
        how: String::new(),
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
        let cat = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
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
                category: cat.to_string(),
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

/// Near-duplicate index throughput: `n` 150-word articles, every fifth a
/// wire copy of an earlier one with three words changed.
fn dedup(n: usize) {
    let mut rng = SplitMix64::new(7);
    let mut index = match DuplicateIndex::new(MinHashParams::default()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let mut originals: Vec<Vec<u64>> = Vec::new();
    let (t, c) = (Instant::now(), cpu_s());
    let (mut copies, mut found) = (0usize, 0usize);
    for i in 0..n {
        let words: Vec<u64> = if i % 5 == 4 && !originals.is_empty() {
            copies += 1;
            let mut w = originals[rng.below(originals.len() as u64) as usize].clone();
            for _ in 0..3 {
                let k = rng.below(w.len() as u64) as usize;
                w[k] = rng.below(5000);
            }
            w
        } else {
            let w: Vec<u64> = (0..150).map(|_| rng.below(5000)).collect();
            originals.push(w.clone());
            w
        };
        let text: Vec<String> = words.iter().map(|x| format!("w{x}")).collect();
        if !index.insert(&format!("doc{i}"), &text.join(" ")).is_empty() {
            found += 1;
        }
    }
    println!(
        "dedup: {n} articles, {copies} wire copies, {found} linked; {:.2} s wall, {:.2} s CPU, peak RSS {:.0} MB",
        t.elapsed().as_secs_f64(),
        cpu_s() - c,
        peak_rss_mb()
    );
}

fn main() {
    let sizes: Vec<usize> = {
        let args: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if args.is_empty() {
            vec![250_000, 500_000, 1_000_000]
        } else {
            args
        }
    };
    println!("events     generate_s  merge_wall_s  merge_cpu_s  merged   alerts_wall_s  alerts_cpu_s  alerts  peak_rss_mb");
    for n in sizes {
        let t0 = Instant::now();
        let events = generate(n, 42);
        let gen = t0.elapsed().as_secs_f64();
        let (t1, c1) = (Instant::now(), cpu_s());
        let merged = merge_events(&events);
        let (merge_s, merge_cpu) = (t1.elapsed().as_secs_f64(), cpu_s() - c1);
        let (t2, c2) = (Instant::now(), cpu_s());
        let alerts = compute_alerts(&events, None, &AlertParams::default());
        let (alerts_s, alerts_cpu) = (t2.elapsed().as_secs_f64(), cpu_s() - c2);
        println!(
            "{n:>9}  {gen:>10.2}  {merge_s:>12.2}  {merge_cpu:>11.2}  {:>7}  {alerts_s:>13.2}  {alerts_cpu:>12.2}  {:>6}  {:>11.0}",
            merged.len(),
            alerts.len(),
            peak_rss_mb()
        );
    }
    dedup(100_000);
}
