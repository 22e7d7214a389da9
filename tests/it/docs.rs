//! The rule table in README.md is printed from the catalogue (`nianbao rules --format md`);
//! this test keeps them equal.
//! `UPDATE_README=1 cargo test` rewrites the table.

use std::path::Path;

#[test]
fn readme_rule_table_matches_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let b = readme.find(end).expect("README has the rules:end marker");
    let want = nianbao::rules::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, format!("{}{}{}", &readme[..a], want, &readme[b..])).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        want,
        "README rule table is stale: UPDATE_README=1 cargo test"
    );
}
