/// The sign-in page: a password form and a token form, each with the sign-in CSRF value; an
/// error says what went wrong without saying whether the name exists.
struct SignInPage {
    let mesh: String
    let csrf: String
    let next: String
    var name: String = ""
    var error: String?

    func render() -> HTML {
        PageLayout(mesh: mesh, viewer: nil).render(title: "Sign in") {
            el("div", ["class": "signin"]) {
                el("h1") { "Sign in to \(mesh)" }
                if let error { el("p", ["class": "error", "role": "alert"]) { error } }
                el("form", ["class": "card", "method": "post", "action": WebPaths.signIn]) {
                    el("h2") { "With a password" }
                    hidden()
                    el("div", ["class": "field"]) {
                        el("label", ["for": "name"]) { "Name" }
                        HTML.void(
                            "input",
                            [
                                "id": "name", "name": "name", "type": "text", "value": name,
                                "autocomplete": "username", "required": "", "autocapitalize": "none",
                            ])
                    }
                    el("div", ["class": "field"]) {
                        el("label", ["for": "password"]) { "Password" }
                        HTML.void(
                            "input",
                            [
                                "id": "password", "name": "password", "type": "password",
                                "autocomplete": "current-password", "required": "",
                            ])
                    }
                    el("button", ["type": "submit", "id": "sign-in-password"]) { "Sign in" }
                }
                el("form", ["class": "card", "method": "post", "action": WebPaths.signIn]) {
                    el("h2") { "With a token" }
                    hidden()
                    el("div", ["class": "field"]) {
                        el("label", ["for": "token"]) { "Token" }
                        HTML.void(
                            "input",
                            ["id": "token", "name": "token", "type": "password", "autocomplete": "off", "required": ""])
                    }
                    el("button", ["type": "submit", "id": "sign-in-token"]) { "Sign in with the token" }
                }
                el("p", ["class": "muted"]) {
                    "An admin sets passwords with "
                    el("code") { "tessera user set-password NAME" }
                    "; tokens come from "
                    el("code") { "tessera token create" }
                    "."
                }
            }
        }
    }

    func hidden() -> HTML {
        HTML.void("input", ["type": "hidden", "name": "csrf", "value": csrf])
            + HTML.void("input", ["type": "hidden", "name": "next", "value": next])
    }
}
