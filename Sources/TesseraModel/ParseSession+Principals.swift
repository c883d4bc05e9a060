import Yams

/// The principals a project declares: `admins:` in tessera.yaml, `members:` and `services:` in
/// each domain.yaml. Names of people are how they sign in (usually e-mail addresses); service
/// identities follow the naming rule, as they appear in tokens and logs.
extension ParseSession {
    static let memberKeys = ["name", "role"]

    /// `admins: [ana@acme.example, …]`: people, each once.
    func readAdmins(_ root: MappingReader) -> [String] {
        guard let items = root.strings("admins") else { return [] }
        var seen = Set<String>()
        return items.compactMap { item in
            guard checkPersonName(item.value, at: item.node, reader: root.reader, path: "admins") else { return nil }
            guard seen.insert(item.value).inserted else {
                root.reader.error("'\(item.value)' is listed twice in 'admins'", at: item.node)
                return nil
            }
            return item.value
        }
    }

    /// `members: [{name: ana@acme.example, role: owner}, …]`; a bare name is a `reader`.
    func readMembers(_ root: MappingReader) -> [Member] {
        guard let items = root.list("members") else { return [] }
        var members: [Member] = []
        for (index, item) in items.enumerated() {
            let path = "members[\(index + 1)]"
            guard let member = readMember(item, path: path, reader: root.reader) else { continue }
            if members.contains(where: { $0.name == member.name }) {
                root.reader.error(
                    "'\(member.name)' is listed twice in 'members'", at: item,
                    hint: "a person has one role in a domain; keep the entry with the role they need")
                continue
            }
            members.append(member)
        }
        return members
    }

    private func readMember(_ node: Node, path: String, reader: YAMLReader) -> Member? {
        if case .scalar = node {
            guard let name = reader.literal(node, path: path),
                checkPersonName(name, at: node, reader: reader, path: path)
            else { return nil }
            return Member(name: name, role: .reader, location: reader.location(node))
        }
        guard let entry = reader.mapping(node, path: path) else { return nil }
        entry.allowKeys(ParseSession.memberKeys)
        guard let nameNode = entry.required("name", hint: "e.g. `- {name: ana@acme.example, role: owner}`"),
            let name = reader.literal(nameNode, path: "\(path).name"),
            checkPersonName(name, at: nameNode, reader: reader, path: "\(path).name")
        else { return nil }
        let role = entry.enumeration("role", as: Member.Role.self) ?? .reader
        return Member(name: name, role: role, location: reader.location(node))
    }

    /// `services: [reporting_bot, …]`: names under the naming rule, each once.
    func readServices(_ root: MappingReader) -> [ServiceIdentity] {
        guard let names = root.names("services", kind: "service") else { return [] }
        return names.map { ServiceIdentity(name: $0.value, location: root.reader.location($0.node)) }
    }

    /// A person's name is how they sign in: no spaces, no control characters, not empty.
    private func checkPersonName(_ name: String, at node: Node, reader: YAMLReader, path: String) -> Bool {
        guard name.isEmpty || name.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true })
        else { return true }
        reader.error(
            "'\(path)' must be a person's sign-in name without spaces, found '\(name)'", at: node,
            hint: "people are named as they sign in, usually by e-mail address: ana@acme.example")
        return false
    }

    /// A service identity names one principal in the whole mesh: no two domains declare it, and
    /// no person has its name (a token's principal must be unambiguous).
    func checkPrincipals(in project: Project) {
        let people = Set(project.mesh.admins + project.domains.flatMap { $0.members.map(\.name) })
        var owners: [String: String] = [:]
        for domain in project.domains {
            for service in domain.services {
                if let other = owners[service.name] {
                    sink.error(
                        "service '\(service.name)' is declared by domains \(other) and \(domain.name)",
                        at: service.location, hint: "a service identity acts for one domain; give each its own name")
                } else if people.contains(service.name) {
                    sink.error(
                        "service '\(service.name)' has the name of a person (an admin or a member)",
                        at: service.location, hint: "rename the service, e.g. \(service.name)_service")
                }
                owners[service.name] = owners[service.name] ?? domain.name
            }
        }
    }
}
