import Foundation
import TesseraAutomation
import TesseraModel

/// Projects built in code for the evaluator: no files, only the declarations it reads.
struct MeshBuilder {
    var domains: [String: Domain] = [:]
    var upstream: [NodeID: [NodeID]] = [:]

    private func location(_ name: String) -> SourceLocation { .start(of: name) }

    private mutating func domain(_ name: String) -> Domain {
        domains[name] ?? Domain(name: name, location: location("domains/\(name)"))
    }

    @discardableResult
    mutating func fileSource(_ domain: String, _ name: String, _ automation: Automation = .init()) throws -> NodeID {
        var entry = self.domain(domain)
        let connector = Connector.csv(FileConnector(path: "data/*.csv", glob: try Glob(parsing: "data/*.csv")))
        entry.sources.append(
            Source(name: name, domain: domain, connector: connector, automation: automation, location: location(name)))
        domains[domain] = entry
        return NodeID(.source, domain, name)
    }

    @discardableResult
    mutating func model(_ domain: String, _ name: String, reads: [NodeID] = [], _ automation: Automation = .init())
        -> NodeID
    {
        var entry = self.domain(domain)
        entry.models.append(
            Model(
                name: name, domain: domain, sql: "select 1", sqlFile: "\(name).sql", automation: automation,
                location: location(name)))
        domains[domain] = entry
        let id = NodeID(.model, domain, name)
        upstream[id] = reads
        return id
    }

    @discardableResult
    mutating func product(_ domain: String, _ name: String, _ automation: Automation = .init()) -> NodeID {
        var entry = self.domain(domain)
        entry.products.append(
            Product(
                name: name, domain: domain, input: .model(name), automation: automation,
                contract: Contract(columns: [], location: location(name)), location: location(name)))
        domains[domain] = entry
        let id = NodeID(.product, domain, name)
        upstream[id] = [NodeID(.model, domain, name)]
        return id
    }

    var project: Project {
        Project(
            root: URL(fileURLWithPath: "/tmp/mesh"), mesh: Mesh(name: "mesh"),
            domains: domains.values.sorted { $0.name < $1.name })
    }

    var evaluator: AutomationEvaluator { AutomationEvaluator(project: project, upstream: upstream) }
}
