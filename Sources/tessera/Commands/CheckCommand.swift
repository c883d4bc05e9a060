import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera check [NAME…]`: the contract, the checks and drift of products, against what is
/// current. Exit 1 when an error-severity check fails or the contract is broken.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the contract, checks and drift of products against their current snapshots.",
        usage: "tessera check [<name> ...] [<options>]"
    )
    @Argument(
        help: ArgumentHelp("Products to check, as domain.product or a unique name (default: all).", valueName: "name"))
    var names: [String] = []
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let report = try await global.workspace().products.check(names)
        switch format {
        case .json:
            console.result(try JSONOutput.encode(report))
        default:
            let printer = console.qualityText()
            for product in report.products {
                let mark = product.passed ? console.styled("✓", .green) : console.styled("✗", .red)
                // The snapshot id begins with the product's name, printed just before it.
                let snapshot =
                    product.snapshot.hasPrefix(product.product + "@")
                    ? String(product.snapshot.dropFirst(product.product.count + 1)) : product.snapshot
                console.result("\(mark) \(product.product)  snapshot \(snapshot), \(counted(product.rows, "row"))")
                for line in printer.lines(product) { console.result(Console.wrapped(line, indent: "  ")) }
            }
            let failing = report.products.filter { !$0.passed }.count
            console.result(
                failing == 0
                    ? "\(console.styled("✓", .green)) \(report.products.count) product\(report.products.count == 1 ? "" : "s") checked: all pass"
                    : "\(console.styled("✗", .red)) \(failing) of \(report.products.count) products fail")
        }
        if !report.passed { throw ExitAfterReport(status: .dataFailed) }
    }
}
