fn main() {
    // refinery embeds the SQL files at compile time.
    println!("cargo:rerun-if-changed=migrations");
}
