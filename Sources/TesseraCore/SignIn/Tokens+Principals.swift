import TesseraModel

/// Which principals a token may stand for, and who may make and revoke tokens.
extension Tokens {
    /// The principal a `--principal` name stands for: a service identity when a domain declares
    /// one of that name, else a person the project declares (names of services and people never
    /// clash: validation refuses it). A name the project does not declare is a usage error that
    /// says where principals are declared.
    public func principal(named name: String) throws(CoreError) -> Principal {
        let project = workspace.project
        if project.domains.contains(where: { $0.services.contains { $0.name == name } }) { return .service(name) }
        if declares(.person(name)) { return .person(name) }
        throw undeclared(name)
    }

    /// Whether the project declares this person or service: a mesh admin, a member of a domain,
    /// or a domain's service identity. The operator and domains hold no tokens.
    func declares(_ principal: Principal) -> Bool {
        let project = workspace.project
        switch principal {
        case .person(let name):
            return project.mesh.admins.contains(name)
                || project.domains.contains { $0.members.contains { $0.name == name } }
        case .service(let name):
            return project.domains.contains { $0.services.contains { $0.name == name } }
        case .meshOperator, .domain:
            return false
        }
    }

    func undeclared(_ name: String) -> CoreError {
        let project = workspace.project
        let known =
            project.mesh.admins + project.domains.flatMap { $0.members.map(\.name) + $0.services.map(\.name) }
        let suggestion = closestName(to: name, among: known).map { " Did you mean '\($0)'?" } ?? ""
        return CoreError(
            .usage, "'\(name)' is not a principal of this project, so no token can be made for it.\(suggestion)",
            hint:
                "people are declared in `admins:` in tessera.yaml or `members:` in domains/<domain>/domain.yaml, services in `services:` in domains/<domain>/domain.yaml."
        )
    }

    /// The operator and mesh admins manage every token; a person their own, and an owner of a
    /// domain also those of the domain's services. Anyone else is refused.
    func checkManages(_ principal: Principal, by actor: Principal, doing action: String) throws(CoreError) {
        let project = workspace.project
        switch actor {
        case .meshOperator: return
        case .person(let name) where project.mesh.admins.contains(name): return
        case .person(let name) where principal == .person(name): return
        case .person(let name):
            if case .service(let service) = principal,
                project.domains.contains(where: { domain in
                    domain.services.contains { $0.name == service }
                        && domain.members.contains { $0.name == name && $0.role == .owner }
                })
            {
                return
            }
        case .domain, .service: break
        }
        throw CoreError(
            .forbidden, "\(actor) may not \(action) \(principal).",
            hint:
                "mesh admins (`admins:` in tessera.yaml) manage every token; an owner of a domain those of its services."
        )
    }
}
