fn main() {
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    let report = nianbao::check(&text, &nianbao::Options::default());
    println!("{}", serde_json::to_string(&report).unwrap_or_default());
}
