import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic sample mesh (several domains, generated data), run it end to end, and say what to look at next."
    )
    @Argument(help: ArgumentHelp("Where to write the demo mesh.", valueName: "dir")) var directory: String = "tessera-demo"
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw notBuiltYet("demo", comesWith: "the first-run experience (until then, `make demo` scaffolds and validates a project)") }
}
