//! The `sitrep` binary: command line, data loading and wiring. The only
//! place that touches files and the terminal; errors carry context here.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use sitrep_coder::{code_document, Document, Lexicon};

mod batch;
mod data;
mod inputs;
mod parse;
mod record_store;
mod webhook;

/// sitrep: news reports in, political events out.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Load dictionaries, patterns and gazetteer from this folder instead of
    /// the copies built into the binary (same layout as the repo's `data/`).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Largest text of one document, bytes: larger documents (files, JSONL
    /// lines, posted documents) are refused with a clear error rather than
    /// coded for minutes; the batch goes on.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = sitrep_ingest::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: usize,
    /// Log format of `serve`: text or json (one object per line, with the
    /// request id). The level comes from SITREP_LOG (error, warn, info,
    /// debug; default info).
    #[arg(long, global = true, value_name = "FORMAT", default_value = "text")]
    log_format: LogFormat,
    /// Threads that code documents (`code`, `places`, `ingest`, `alerts`, `stories`;
    /// default: one per core). Output order and content do not depend on it.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events: one JSON object per event on stdout.
    /// Versions of one article ("(UPDATE)") are coded once, from the newest.
    Code {
        /// Article files (.txt), JSONL, HTML, folders, or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Code every version of an article, not only the newest.
        #[arg(long)]
        all_versions: bool,
    },
    /// Code documents and store them with their events (new versions of a
    /// known document replace its events and keep its history; an update
    /// under another id or file name is recognised as a version too, and
    /// wire copies in other outlets are linked as near-duplicates).
    Ingest {
        /// SQLite file or postgres:// URL.
        #[arg(long, default_value = record_store::DEFAULT_DB)]
        db: String,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Serve the HTTP API and the web UI over the store. Writes
    /// (`POST /api/documents`) need the bearer token in SITREP_TOKEN;
    /// reads need one too when SITREP_READ_TOKEN is set or with --private.
    Serve {
        #[arg(long, default_value = record_store::DEFAULT_DB)]
        db: String,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Allow browser pages from this origin (CORS); off by default.
        #[arg(long)]
        cors_origin: Option<String>,
        #[command(flatten)]
        webhook: record_store::WebhookArgs,
        /// With --webhook: seconds between checks for new alerts (the
        /// alerts are recomputed only when the store changed).
        #[arg(long, default_value_t = 10, value_name = "SECS")]
        webhook_interval: u64,
        #[command(flatten)]
        access: record_store::AccessArgs,
        #[command(flatten)]
        limits: record_store::LimitArgs,
    },
    /// Export stored events as csv, jsonl, geojson or parquet.
    Export {
        #[arg(long, default_value = record_store::DEFAULT_DB)]
        db: String,
        #[arg(long)]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: record_store::FilterArgs,
    },
    /// Poll RSS/Atom feeds on a schedule, fetch each new article, code it
    /// and store it. Stops on Ctrl-C (or SIGTERM) after the current request.
    Watch {
        /// Feeds, schedule and politeness settings (TOML, or JSON by extension;
        /// see crates/sitrep-feeds/examples/watch.toml).
        #[arg(long)]
        config: PathBuf,
        #[arg(long, default_value = record_store::DEFAULT_DB)]
        db: String,
        /// Poll every feed once and exit.
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        webhook: record_store::WebhookArgs,
    },
    /// First run: store the example articles in sitrep.db and serve the UI
    /// on loopback.
    Demo {
        #[arg(long, default_value = record_store::DEFAULT_DB)]
        db: String,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Articles to load.
        #[arg(long, default_value = "examples/articles")]
        articles: PathBuf,
    },
    /// Crisis alerts (surges, first-of-kind events, escalation) over the
    /// events of the documents, or of the store with --db: one JSON object
    /// per alert.
    Alerts {
        /// Read events from this store instead of coding PATHs.
        #[arg(long)]
        db: Option<String>,
        #[arg(required_unless_present = "db")]
        paths: Vec<PathBuf>,
        /// Only alerts dated on or after this day (YYYY-MM-DD); earlier
        /// events still form the baselines.
        #[arg(long, value_parser = parse_day)]
        since: Option<chrono::NaiveDate>,
        #[command(flatten)]
        webhook: record_store::WebhookArgs,
    },
    /// Events merged across articles: one JSON object per real-world
    /// happening, with its mentions, sources and why they were merged.
    /// With --db, the stored events matching the filters are merged.
    Stories {
        /// Read events from this store instead of coding PATHs.
        #[arg(long)]
        db: Option<String>,
        #[arg(required_unless_present = "db")]
        paths: Vec<PathBuf>,
        /// Filters on the stored events (with --db).
        #[command(flatten)]
        filter: record_store::FilterArgs,
    },
    /// Resolve place mentions: one JSON object per mention on stdout.
    Places {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Parse documents with the built-in English model (spaCy's
    /// en_core_web_sm 3.8, run in Rust): CoNLL-U on stdout, with tags,
    /// lemmas, dependencies, sentences and named entities.
    Parse {
        /// Article files (.txt), JSONL, HTML, folders, or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Measure coding speed on documents: sentences/s and articles/s on one core.
    Bench {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Code the whole input this many times.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Show how documents are read: actor phrases and the events with their
    /// rules, then the dependency parse of each sentence.
    Explain {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Load and validate the data files, then print their sizes.
    CheckData,
}

/// Log line formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

/// Structured logs on stderr (the server's request lines and warnings).
fn init_logs(format: LogFormat) -> Result<()> {
    let level = match std::env::var("SITREP_LOG") {
        Ok(v) => v.trim().parse::<tracing::Level>().map_err(|_| {
            anyhow::anyhow!("SITREP_LOG=`{v}`: expected error, warn, info, debug or trace")
        })?,
        Err(_) => tracing::Level::INFO,
    };
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(false);
    let installed = match format {
        LogFormat::Text => builder.with_ansi(false).try_init(),
        LogFormat::Json => builder.json().with_current_span(true).try_init(),
    };
    installed.map_err(|e| anyhow::anyhow!("starting the log: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = init_logs(cli.log_format) {
        eprintln!("sitrep: error: {e:#}");
        return ExitCode::from(2);
    }
    inputs::set_max_document_bytes(cli.max_document_bytes);
    batch::set_jobs(cli.jobs);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`sitrep code ... | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let started = Instant::now();
    // Never dropped: the process ends with the command, and freeing the
    // tables one by one (the gazetteer's 207,682 places) took a tenth of
    // the start-up's time again at exit.
    let lex = std::mem::ManuallyDrop::new(data::load_lexicon(cli.data.as_deref())?);
    let alert_params = data::load_alert_params(cli.data.as_deref())?;
    let load_time = started.elapsed();
    match cli.command {
        Command::Code {
            paths,
            all_versions: true,
        } => emit(&lex, &paths, Output::Events),
        Command::Code { paths, .. } => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let ok = code_latest_versions(&lex, &paths, |_, events| {
                for ev in &events {
                    serde_json::to_writer(&mut out, ev).context("writing output")?;
                    out.write_all(b"\n").context("writing output")?;
                }
                Ok(())
            })?;
            out.flush().context("writing output")?;
            Ok(exit_code(ok))
        }
        Command::Ingest { db, paths } => {
            let store = record_store::open(&db)?;
            Ok(exit_code(record_store::ingest(&lex, &store, &paths)?))
        }
        Command::Serve {
            db,
            addr,
            cors_origin,
            webhook,
            webhook_interval,
            access,
            mut limits,
        } => {
            limits.max_document_bytes = cli.max_document_bytes;
            let store = record_store::open(&db)?;
            let hook = webhook
                .open()?
                .map(|h| (h, std::time::Duration::from_secs(webhook_interval.max(1))));
            record_store::serve(
                std::mem::ManuallyDrop::into_inner(lex),
                alert_params,
                store,
                addr,
                cors_origin,
                &access,
                &limits,
                hook,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            db,
            format,
            output,
            filter,
        } => {
            let store = record_store::open(&db)?;
            let n = record_store::export(&store, &format, &filter.filter(), output.as_deref())?;
            eprintln!("sitrep: {n} events exported");
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch {
            config,
            db,
            once,
            webhook,
        } => {
            let store = record_store::open(&db)?;
            let hook = webhook.open()?;
            record_store::watch(&lex, &alert_params, &store, &config, once, hook)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { db, addr, articles } => {
            let store = record_store::open(&db)?;
            record_store::ingest(&lex, &store, &[articles])?;
            record_store::serve(
                std::mem::ManuallyDrop::into_inner(lex),
                alert_params,
                store,
                addr,
                None,
                &record_store::AccessArgs::default(),
                &record_store::LimitArgs {
                    max_document_bytes: cli.max_document_bytes,
                    ..Default::default()
                },
                None,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Alerts {
            db: Some(db),
            since,
            webhook,
            ..
        } => {
            let mut hook = webhook.open()?;
            let store = record_store::open(&db)?;
            // The same reading and dates as GET /api/alerts.
            let alerts = sitrep_query::alerts::stored_alerts(&store, &alert_params, since)
                .context("reading events from the store")?;
            write_lines(alerts.iter().map(serde_json::to_string))?;
            deliver(hook.as_mut(), &alerts);
            Ok(ExitCode::SUCCESS)
        }
        Command::Alerts {
            paths,
            since,
            webhook,
            ..
        } => {
            let mut hook = webhook.open()?;
            let CodedWithDates {
                events,
                published,
                ok,
            } = code_with_dates(&lex, &paths)?;
            let alerts = sitrep_stories::compute_alerts_with(
                &events,
                Some(&published),
                since,
                &alert_params,
            );
            write_lines(alerts.iter().map(serde_json::to_string))?;
            deliver(hook.as_mut(), &alerts);
            Ok(exit_code(ok))
        }
        Command::Stories {
            db: Some(db),
            filter,
            ..
        } => {
            let store = record_store::open(&db)?;
            // The same reading and merge as GET /api/stories, without its cap.
            let page = sitrep_query::stories::stories(&store, &filter.filter(), u64::MAX)
                .context("merging the stored events")?;
            write_lines(
                page.stories
                    .iter()
                    .map(|s| serde_json::to_string(&s.merged)),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stories { paths, .. } => {
            let CodedWithDates {
                events,
                published,
                ok,
            } = code_with_dates(&lex, &paths)?;
            let merged = sitrep_stories::merge_events_with(
                &events,
                &sitrep_stories::MergeParams::default(),
                Some(&published),
            );
            write_lines(merged.iter().map(serde_json::to_string))?;
            Ok(exit_code(ok))
        }
        Command::Places { paths } => emit(&lex, &paths, Output::Places),
        Command::Parse { paths } => parse::parse_command(&paths),
        Command::Bench { paths, rounds } => bench(&lex, &paths, rounds, load_time),
        Command::Explain { paths } => {
            let pipeline = parse::load_pipeline()?;
            for doc in inputs::read(&paths) {
                match doc {
                    Ok(d) => {
                        let parsed = pipeline.parse(&d.text);
                        let sentences = sitrep_coder::explain_document(&lex, &d);
                        print!("{}", parse::explain(&d.id, &d.text, &sentences, &parsed));
                    }
                    Err(e) => eprintln!("sitrep: skipped: {e}"),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckData => {
            println!(
                "ok: {} actor entries, {} patterns, {} CAMEO codes, {} places, {} alert signal rules (loaded in {:.1} ms)",
                lex.actors.len(),
                lex.patterns.patterns().len(),
                lex.cameo.len(),
                lex.gazetteer.len(),
                alert_params.signals.rules.len(),
                load_time.as_secs_f64() * 1e3
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Posts the alerts not sent before, when a webhook is configured; a
/// failing webhook is reported on stderr and does not change the exit code.
fn deliver(hook: Option<&mut webhook::Webhook>, alerts: &[sitrep_stories::Alert]) {
    if let Some(h) = hook {
        let report = h.deliver(alerts);
        eprintln!("sitrep: {report}");
    }
}

enum Output {
    Events,
    Places,
}

/// Codes every input document; a bad input is reported and skipped.
fn emit(lex: &Lexicon, paths: &[PathBuf], what: Output) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut coded = 0usize;
    let progress = inputs::Progress::new(paths);
    batch::code_stream(lex, paths, |item| {
        let (doc, result) = match item {
            batch::Streamed::Coded(coded) => *coded,
            batch::Streamed::Unreadable(e) => {
                eprintln!("sitrep: skipped: {e}");
                failed += 1;
                return Ok(());
            }
        };
        match what {
            Output::Events => {
                for ev in &result.events {
                    serde_json::to_writer(&mut out, ev).context("writing output")?;
                    out.write_all(b"\n").context("writing output")?;
                }
            }
            Output::Places => {
                for p in &result.places {
                    serde_json::to_writer(&mut out, p).context("writing output")?;
                    out.write_all(b"\n").context("writing output")?;
                }
            }
        }
        coded += 1;
        progress.tick(&doc.id);
        Ok(())
    })?;
    out.flush().context("writing output")?;
    progress.finish();
    if failed > 0 {
        eprintln!("sitrep: {coded} documents coded, {failed} skipped");
    }
    // Non-zero only when nothing at all could be done.
    Ok(if coded == 0 && failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("`{s}`: {e} (want YYYY-MM-DD)"))
}

/// Exit status: failure only when no document at all could be read.
fn exit_code(any_document: bool) -> ExitCode {
    if any_document {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes JSON lines to stdout.
fn write_lines<I>(lines: I) -> Result<()>
where
    I: Iterator<Item = serde_json::Result<String>>,
{
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in lines {
        out.write_all(line.context("serialising output")?.as_bytes())
            .context("writing output")?;
        out.write_all(b"\n").context("writing output")?;
    }
    out.flush().context("writing output")
}

/// How many documents are held to find versions of one article: versions
/// further apart than this in the input are each coded (memory stays bounded
/// on huge inputs).
const VERSION_WINDOW: usize = 2000;

/// The events of the newest versions of some documents, with each
/// document's publication day (what `alerts` and `stories` read to date a
/// document, as they do from a store).
struct CodedWithDates {
    events: Vec<sitrep_coder::record::EventRecord>,
    published: std::collections::HashMap<String, chrono::NaiveDate>,
    /// Whether every input was read.
    ok: bool,
}

fn code_with_dates(lex: &Lexicon, paths: &[PathBuf]) -> Result<CodedWithDates> {
    let mut events = Vec::new();
    let mut published = std::collections::HashMap::new();
    let ok = code_latest_versions(lex, paths, |doc, e| {
        if let Some(p) = &doc.published {
            published.insert(doc.id.clone(), p.date);
        }
        events.extend(e);
        Ok(())
    })?;
    Ok(CodedWithDates {
        events,
        published,
        ok,
    })
}

/// Reads the inputs in windows of `VERSION_WINDOW` documents, keeps the
/// newest version of each titled article in a window, codes those and hands
/// their events to `sink`. Returns whether any document was read (or there
/// was nothing to read).
fn code_latest_versions(
    lex: &Lexicon,
    paths: &[PathBuf],
    mut sink: impl FnMut(&Document, Vec<sitrep_coder::record::EventRecord>) -> Result<()>,
) -> Result<bool> {
    let progress = inputs::Progress::new(paths);
    let (mut read, mut failed) = (0usize, 0usize);
    let mut window: Vec<Document> = Vec::new();
    let mut flush = |window: &mut Vec<Document>| -> Result<()> {
        let mut older = vec![false; window.len()];
        for group in sitrep_stories::collapse_versions(window) {
            // Only articles with a headline are versions of each other; two
            // untitled documents with the same text stay two documents.
            let titled = group.members.iter().all(|&m| {
                window
                    .get(m)
                    .and_then(|d| d.title.as_deref())
                    .is_some_and(|t| !t.trim().is_empty())
            });
            if !titled || group.members.len() < 2 {
                continue;
            }
            for &m in group.members.iter().filter(|&&m| m != group.latest) {
                if let Some(o) = older.get_mut(m) {
                    *o = true;
                }
            }
            eprintln!(
                "sitrep: {} versions of one article; coding the newest: {}",
                group.members.len(),
                group.ids.join(", ")
            );
        }
        let newest: Vec<&Document> = window
            .iter()
            .zip(&older)
            .filter(|(_, o)| !**o)
            .map(|(d, _)| d)
            .collect();
        for (doc, coded) in newest.iter().zip(batch::code_all(lex, &newest)) {
            sink(doc, coded.events)?;
            progress.tick(&doc.id);
        }
        window.clear();
        Ok(())
    };
    for doc in inputs::read(paths) {
        match doc {
            Ok(d) => {
                read += 1;
                window.push(d);
                if window.len() >= VERSION_WINDOW {
                    flush(&mut window)?;
                }
            }
            Err(e) => {
                eprintln!("sitrep: skipped: {e}");
                failed += 1;
            }
        }
    }
    flush(&mut window)?;
    progress.finish();
    if failed > 0 {
        eprintln!("sitrep: {read} documents read, {failed} skipped");
    }
    Ok(read > 0 || failed == 0)
}

fn bench(
    lex: &Lexicon,
    paths: &[PathBuf],
    rounds: usize,
    load: std::time::Duration,
) -> Result<ExitCode> {
    let docs: Vec<Document> = inputs::read(paths).filter_map(|d| d.ok()).collect();
    anyhow::ensure!(!docs.is_empty(), "no documents to benchmark");
    let sentences: usize = docs
        .iter()
        .map(|d| {
            sitrep_coder::sentences::split_sentences_with(
                &d.text,
                sitrep_coder::Span::new(d.body_start.min(d.text.len()), d.text.len()),
                &lex.abbreviations,
            )
            .len()
        })
        .sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut events = 0usize;
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    for _ in 0..rounds.max(1) {
        for d in &docs {
            events += code_document(lex, d).events.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    // CPU time of the coding loop: steady when other processes share the core.
    let cpu = match (cpu_start, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => Some(b - a),
        _ => None,
    };
    let r = rounds.max(1) as f64;
    println!(
        "{{\"documents\": {}, \"sentences\": {}, \"bytes\": {}, \"rounds\": {}, \"seconds\": {:.3}, \
         \"articles_per_s\": {:.1}, \"sentences_per_s\": {:.0}, \"mb_per_s\": {:.2}, \"events\": {}, \
                  \"startup_ms\": {:.1}, \"peak_rss_mb\": {}, \"cpu_seconds\": {}, \"sentences_per_cpu_s\": {}}}",
        docs.len(),
        sentences,
        bytes,
        rounds,
        secs,
        docs.len() as f64 * r / secs,
        sentences as f64 * r / secs,
        bytes as f64 * r / secs / 1e6,
        events,
        load.as_secs_f64() * 1e3,
                peak_rss_mb().map_or("null".to_string(), |m| format!("{m:.1}")),
        cpu.map_or("null".to_string(), |c| format!("{c:.3}")),
        cpu.map_or("null".to_string(), |c| format!("{:.0}", sentences as f64 * r / c)),
    );
    Ok(ExitCode::SUCCESS)
}

/// User + system CPU time of this process from /proc (Linux, 100 ticks/s); None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Peak resident memory from /proc (Linux); None elsewhere.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
