//! The `bangui` binary: parse arguments, set up logging, run the command,
//! and turn the outcome into output and an exit code. Nothing else.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
