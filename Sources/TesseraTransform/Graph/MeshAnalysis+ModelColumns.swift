import TesseraModel
import TesseraSQL

extension MeshAnalysis {
    /// Pass 2: in dependency order, a model whose columns could not all be attributed for want of
    /// an upstream model's columns (a `*` left unresolved, a name two inputs might have) is
    /// analysed again with the columns of the models it reads known. Returns the diagnostics the
    /// second analysis adds (an ambiguous name, a column no input has).
    static func reanalyseWithModelColumns(
        order: [NodeID], infos: inout [NodeID: ModelInfo], project: Project, resolver: DependencyResolver,
        analyzer: SQLAnalyzer
    ) -> [Diagnostic] {
        var known: [NodeID: KnownColumns] = [:]
        for (id, info) in infos { known[id] = knownColumns(of: info) }
        var added: [Diagnostic] = []
        for id in order where id.kind == .model {
            guard var info = infos[id], !info.analysis.columnsAreComplete || info.analysis.dependsOnUnknownColumns,
                info.reads.contains(where: { known[$0] != nil })
            else { continue }
            let base = staticSchemas(project: project, domain: id.domain, resolver: resolver)
            let again = analyzer.analyze(
                sql: info.model.sql, file: info.model.sqlFile,
                columns: { relation in
                    if case .model(let name) = resolver.resolve(relation, domain: id.domain) {
                        return known[NodeID(.model, id.domain, name)]
                    }
                    return base(relation).map { KnownColumns(names: $0) }
                })
            let before = Set(info.analysis.diagnostics)
            added += again.diagnostics.filter { !before.contains($0) }
            info.analysis.outputColumns = again.outputColumns
            info.analysis.diagnostics = again.diagnostics
            info.analysis.dependsOnUnknownColumns = again.dependsOnUnknownColumns
            infos[id] = info
            known[id] = knownColumns(of: info)
        }
        return added
    }

    /// What a model reading `info`'s model can know of its columns: those its SQL shows (with a
    /// snapshot's `valid_from` and `valid_to`), all of them when no `*` is left unresolved; else
    /// those plus the ones its YAML documents, in part. Nil when nothing is known, or when the SQL
    /// did not parse (its error is reported; guessing no columns would only add more).
    static func knownColumns(of info: ModelInfo) -> KnownColumns? {
        let analysis = info.analysis
        guard !analysis.outputColumns.isEmpty else { return nil }
        var names = analysis.outputColumns.filter { !$0.isUnresolvedStar }.map(\.name)
        var seen = Set(names.map { $0.lowercased() })
        var extra: [String] = []
        if case .scd2 = info.model.materialization { extra = ["valid_from", "valid_to"] }
        if !analysis.columnsAreComplete { extra += info.model.columns.map(\.name) }
        for name in extra where seen.insert(name.lowercased()).inserted { names.append(name) }
        guard !names.isEmpty else { return nil }
        return KnownColumns(names: names, isComplete: analysis.columnsAreComplete)
    }
}
