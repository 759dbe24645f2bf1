//! Temporary: model-only speed on the reference tokens.
use sitrep_syntax::container::ModelFile;
use sitrep_syntax::model::Model;
use sitrep_syntax::Token;
use std::time::Instant;

fn main() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let bytes = std::fs::read(format!("{dir}/model/en_core_web_sm.srsyn")).unwrap_or_default();
    let t0 = Instant::now();
    let file = ModelFile::parse(&bytes).expect("file");
    let model = Model::from_model(&file).expect("model");
    println!("load {:?}", t0.elapsed());
    let data =
        std::fs::read_to_string(format!("{dir}/tests/data/reference.jsonl")).unwrap_or_default();
    let mut docs = Vec::new();
    let mut sentences = 0;
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        let st = v["start"].as_array().cloned().unwrap_or_default();
        let en = v["end"].as_array().cloned().unwrap_or_default();
        let ws = v["ws"].as_array().cloned().unwrap_or_default();
        sentences += v["sent_start"].as_array().map_or(0, |a| {
            a.iter().filter(|x| x.as_bool() == Some(true)).count()
        });
        let tokens: Vec<Token> = (0..st.len())
            .map(|i| Token {
                start: byte_of[st[i].as_u64().unwrap_or(0) as usize],
                end: byte_of[en[i].as_u64().unwrap_or(0) as usize],
                space_after: ws[i].as_bool().unwrap_or(false),
                norm: None,
            })
            .collect();
        docs.push((text, tokens));
    }
    let ntok: usize = docs.iter().map(|d| d.1.len()).sum();
    for with in [false, true] {
        let c = cpu();
        let t = Instant::now();
        for (text, tokens) in &docs {
            std::hint::black_box(model.analyse(text, tokens, with));
        }
        let s = t.elapsed().as_secs_f64();
        let cs = cpu() - c;
        println!(
            "cpu {cs:.2}s wall {s:.2}s: cpu-based {:.0} sentences/s {:.0} tokens/s",
            sentences as f64 / cs,
            ntok as f64 / cs
        );
        println!(
            "ner={with}: {:.0} sentences/s, {:.0} tokens/s",
            sentences as f64 / s,
            ntok as f64 / s
        );
    }
}

fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map_or(0.0, |ns| ns / 1e9)
}
