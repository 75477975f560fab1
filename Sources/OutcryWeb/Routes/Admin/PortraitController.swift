import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// A person's portrait: uploaded by an editor with what it shows and a record of consent, cleaned of
/// everything but the picture before it is stored, and taken away again at once when consent ends.
struct PortraitController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    /// Pictures of up to 5 MB (the catalogs say so), and the form's few text fields around them.
    static let uploadLimit = 5_000_000 + 16 * 1024
    static let accepted = CleanImage.Format.allCases.map(\.mediaType).joined(separator: ",")

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.portrait(.key), .viewer, use: show)
        routes.post(.portrait(.key), .editor, uploadLimit: Self.uploadLimit, use: upload)
        routes.post(.removePortrait(.key), .editor, use: remove)
    }

    @Sendable func show(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let person = try await found(auth.store.person(Identifier(try slug(context))))
        return try page(context.coordinator, person, alt: person.portrait?.alt ?? "", errors: FormErrors(context.coordinator.messages))
    }

    @Sendable func upload(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let person = try await found(auth.store.person(Identifier(try slug(context))))
        var errors = FormErrors(coordinator.messages)
        let alt = errors.required(form.text("alt"), "alt", limit: 300)
        if form["consent"] != "yes" { errors.add("consent", key: "admin.portrait.consent-missing") }
        var image: CleanImage?
        if let file = form.files["picture"] {
            do {
                image = try CleanImage(file.bytes)
            } catch .notAPicture {
                errors.add("picture", key: "admin.portrait.not-a-picture")
            } catch .damaged {
                errors.add("picture", key: "admin.portrait.damaged")
            } catch .tooLarge(let width, let height) {
                errors.add(
                    "picture", key: "admin.portrait.too-large",
                    ["width": coordinator.messages.number(width), "height": coordinator.messages.number(height)])
            }
        } else {
            errors.add("picture", key: "admin.portrait.choose")
        }
        guard errors.isEmpty, let image else { return try page(coordinator, person, alt: alt, errors: errors) }
        try await auth.store.setPortrait(
            of: person.id, to: image, alt: alt, consentRecordedBy: coordinator.account.email,
            audit: coordinator.audit("portrait added", "person", person.id.rawValue, person.name, at: auth.now))
        return seeOther(SiteRoute.admin(.record(.people, id: person.id.rawValue)).path(query: ["done": "portrait"]))
    }

    @Sendable func remove(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let person = try await found(auth.store.person(Identifier(try slug(context))))
        try await auth.store.setPortrait(
            of: person.id, to: nil, alt: "", consentRecordedBy: coordinator.account.email,
            audit: coordinator.audit("portrait removed", "person", person.id.rawValue, person.name, at: auth.now))
        return seeOther(SiteRoute.admin(.record(.people, id: person.id.rawValue)).path(query: ["done": "removed"]))
    }

    private func page(_ coordinator: Coordinator, _ person: Person, alt: String, errors: FormErrors) throws -> Response {
        let messages = coordinator.messages
        let heading = messages("admin.portrait.heading", ["name": person.name])
        var picture = FormField.text(
            "picture", messages("admin.portrait.picture"), value: nil, hint: messages("admin.portrait.picture-hint"), required: true,
            type: "file")
        picture.accept = Self.accepted
        let fields = [
            picture,
            .text("alt", messages("admin.portrait.alt"), value: alt, hint: messages("admin.portrait.alt-hint"), required: true),
            .checks(
                "consent", messages("admin.portrait.consent"), options: [("yes", messages("admin.portrait.consent-yes"))], selected: []),
        ]
        let back = AdminRoute.record(.people, id: person.id.rawValue).path
        var view = FormView(
            admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.records(.people).path),
            heading: heading, intro: messages("admin.portrait.intro"), action: AdminRoute.portrait(person.id).path,
            csrf: coordinator.session.csrf, fields: errors.apply(to: fields), submit: messages("admin.portrait.save"),
            cancel: Link(text: messages("admin.portrait.back", ["name": person.name]), href: back))
        view.enctype = "multipart/form-data"
        if let portrait = person.portrait {
            view.picture = .init(src: SiteRoute.image(portrait.image).path, alt: portrait.alt, caption: messages("admin.portrait.current"))
            view.secondary = .init(action: AdminRoute.removePortrait(person.id).path, submit: messages("admin.portrait.remove"))
        }
        return try renderer.response(view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
