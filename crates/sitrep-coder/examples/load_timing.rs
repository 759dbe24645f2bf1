//! Start-up profile: the time of each data file's parser and of each part
//! of the syntax model, on the calling thread (run it under `taskset -c 0`).
//!
//! usage: load_timing [ROUNDS]

use std::time::{Duration, Instant};

use sitrep_coder::lexicon::{Source, Tables, DATA_FILES};
use sitrep_syntax::container::ModelFile;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args().nth(1).map_or(Ok(5), |a| a.parse())?;
    let mut best: Vec<(String, Duration)> = Vec::new();
    for round in 0..rounds {
        let mut times = Vec::new();
        let mut t = Tables::default();
        for e in DATA_FILES {
            let start = Instant::now();
            Source::Builtin.load(e, &mut t)?;
            times.push((e.path.to_string(), start.elapsed()));
        }
        let bytes = sitrep_syntax::pipeline::EMBEDDED_MODEL;
        let start = Instant::now();
        let file = ModelFile::parse(bytes)?;
        times.push(("syntax: sections".to_string(), start.elapsed()));
        let start = Instant::now();
        let tok = sitrep_syntax::tokenizer::Tokenizer::from_model(&file)?;
        times.push(("syntax: tokenizer".to_string(), start.elapsed()));
        let start = Instant::now();
        let model = sitrep_syntax::model::Model::from_model(&file)?;
        times.push(("syntax: model".to_string(), start.elapsed()));
        let start = Instant::now();
        let lexical = sitrep_syntax::lexical::Lexical::from_model(&file)?;
        times.push(("syntax: lexical".to_string(), start.elapsed()));
        let p = (tok, model, lexical);
        let start = Instant::now();
        drop(p);
        drop(t);
        times.push(("drop".to_string(), start.elapsed()));
        if round == 0 {
            best = times;
        } else {
            for (b, t) in best.iter_mut().zip(times) {
                b.1 = b.1.min(t.1);
            }
        }
    }
    let total: Duration = best.iter().map(|b| b.1).sum();
    for (name, t) in &best {
        println!("{:>8.2} ms  {name}", t.as_secs_f64() * 1e3);
    }
    println!(
        "{:>8.2} ms  total (best of {rounds})",
        total.as_secs_f64() * 1e3
    );
    Ok(())
}
