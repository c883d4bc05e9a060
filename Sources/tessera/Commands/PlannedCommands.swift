import ArgumentParser

// The commands of docs/reference/cli.md whose work is not built yet. Their options are already the
// real ones, so `--help` documents the contract and scripts can be written against it; running one
// says so plainly and exits 2 (the command cannot do what was asked), as the foundation issue asks.

/// The error every not-yet-built command throws.
func notBuiltYet(_ command: String, comesWith capability: String) -> CLIError {
    CLIError(
        .usage, "`tessera \(command)` is not built yet; it arrives with \(capability).",
        hint: "see docs/roadmap.md for what works today.")
}
