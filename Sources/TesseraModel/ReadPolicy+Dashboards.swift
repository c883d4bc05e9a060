extension ReadPolicy {
    /// Whether `principal` may be shown `dashboard`: mesh admins and the operator may; otherwise
    /// it must act for the owning domain or one of the dashboard's `readers`. What each chart
    /// shows is still decided per product by ``decide(_:reads:)``.
    public func mayView(_ principal: Principal, _ dashboard: Dashboard) -> Bool {
        let rights = rights(of: principal)
        if rights.admin { return true }
        let audience = Set([dashboard.domain] + dashboard.readers)
        return !audience.isDisjoint(with: rights.ownDomains.union(rights.consumingAs.keys))
    }
}
