//! The rule table in README.md is printed from the catalogue (`nianbao rules --format md`);
//! this test only compares them. `npm run readme` rewrites the table.

use std::path::Path;

#[test]
fn readme_rule_table_matches_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let table = nianbao::rules::markdown_table();
    let block = format!("<!-- rules:start -->\n{table}<!-- rules:end -->");
    assert!(
        readme.contains(&block),
        "the rule table in README.md differs from the rule catalogue: run `npm run readme` \
         (cargo run --example readme) to rewrite it, then read the diff"
    );
}
