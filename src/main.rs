//! The `samsyn` command: a thin shell over the library's CLI.

fn main() -> std::process::ExitCode {
    samsyn::cli::main()
}
