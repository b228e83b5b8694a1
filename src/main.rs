//! The `bangui` binary: parse arguments, set up logging, run the command,
//! and turn the outcome into output and an exit code. Nothing else.

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
