fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let lex = warlog_recognise::actors::ActorLexicon::load();
    for m in lex.find(&text, warlog_model::Span::new(0, text.len()), "fr") {
        println!("{:?} {:?} {:?} {:?}", m.span.slice(&text), m.country, m.role, m.form);
    }
}
