import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// The About, Privacy, Contact and Accessibility pages: which are written in which language, and the
/// form for one of them in one language. Editors write them; going back to the default text is one button.
struct SitePagesController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.sitePages, .viewer, use: list)
        routes.get(.sitePage(.about, language: .key), .viewer, use: show)
        routes.post(.sitePage(.about, language: .key), .editor, use: save)
        routes.post(.resetSitePage(.about, language: .key), .editor, use: reset)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let written = Set(try await auth.store.sitePages().map { "\($0.kind.rawValue)/\($0.language)" })
        let heading = messages("admin.site-pages.heading")
        return try renderer.response(
            ListView(
                admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.sitePages.path),
                heading: heading, intro: messages("admin.site-pages.intro"), newLink: nil,
                columns: [messages("admin.column.page")] + Language.allCases.map(\.name),
                rows: SitePage.Kind.allCases.map { kind in
                    ListView.Row(
                        cells: [.init(text: messages("site." + kind.rawValue))]
                            + Language.allCases.map { language in
                                .init(
                                    text: messages(
                                        written.contains("\(kind.rawValue)/\(language.rawValue)")
                                            ? "admin.site-pages.written" : "admin.site-pages.default"),
                                    href: AdminRoute.sitePage(kind, language: language.rawValue).path)
                            })
                },
                empty: ""))
    }

    @Sendable func show(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let (kind, language) = try Self.page(context)
        let notice: String? =
            switch request.uri.queryParameters["done"] {
            case "saved": context.coordinator.messages("admin.site-pages.saved")
            case "reset": context.coordinator.messages("admin.site-pages.was-reset")
            default: nil
            }
        let written = try await auth.store.sitePage(kind, language: language.rawValue)
        let shown = written ?? Self.defaultPage(kind, context.coordinator.messages.speaking(language))
        return try page(
            context.coordinator, shown, isWritten: written != nil, errors: FormErrors(context.coordinator.messages), notice: notice)
    }

    @Sendable func save(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let (kind, language) = try Self.page(context)
        var errors = FormErrors(coordinator.messages)
        let title = errors.required(form.text("title"), "title", limit: SitePage.titleLimit)
        let body = errors.required(form.block("body"), "body", limit: SitePage.bodyLimit)
        let page = SitePage(kind: kind, language: language.rawValue, title: title, body: body)
        let isWritten = try await auth.store.sitePage(kind, language: language.rawValue) != nil
        guard errors.isEmpty else { return try self.page(coordinator, page, isWritten: isWritten, errors: errors) }
        try await auth.store.save(
            page, audit: coordinator.audit("edited", "site page", "\(kind.rawValue)/\(language.rawValue)", title, at: auth.now))
        return seeOther(SiteRoute.admin(.sitePage(kind, language: language.rawValue)).path(query: ["done": "saved"]))
    }

    @Sendable func reset(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let (kind, language) = try Self.page(context)
        try await auth.store.deleteSitePage(
            kind, language: language.rawValue,
            audit: context.coordinator.audit(
                "reset", "site page", "\(kind.rawValue)/\(language.rawValue)", "back to the default text", at: auth.now))
        return seeOther(SiteRoute.admin(.sitePage(kind, language: language.rawValue)).path(query: ["done": "reset"]))
    }

    /// The page and language an address names; anything else is not found.
    private static func page(_ context: CoordinatorContext) throws -> (SitePage.Kind, Language) {
        guard let kind = context.parameters.get("kind").flatMap(SitePage.Kind.init(rawValue:)),
            let language = context.parameters.get("language").flatMap(Language.init(rawValue:))
        else { throw HTTPError(.notFound) }
        return (kind, language)
    }

    /// The default text in that language, to start from.
    private static func defaultPage(_ kind: SitePage.Kind, _ messages: Messages) -> SitePage {
        SitePage(
            kind: kind, language: messages.language.rawValue, title: messages("site." + kind.rawValue),
            body: messages("site.\(kind.rawValue)-body"))
    }

    private func page(
        _ coordinator: Coordinator, _ page: SitePage, isWritten: Bool, errors: FormErrors, notice: String? = nil
    ) throws -> Response {
        let messages = coordinator.messages
        let heading = messages(
            "admin.site-pages.edit-heading",
            ["page": messages("site." + page.kind.rawValue), "language": Language.name(of: page.language)])
        let fields = [
            FormField.text("title", messages("admin.site-pages.title"), value: page.title, required: true),
            .area(
                "body", messages("admin.site-pages.body"), value: page.body, hint: messages("admin.site-pages.body-hint"), rows: 16,
                required: true),
        ]
        var view = FormView(
            admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.sitePages.path, notice: notice),
            heading: heading, action: AdminRoute.sitePage(page.kind, language: page.language).path, csrf: coordinator.session.csrf,
            fields: errors.apply(to: fields), submit: messages("admin.site-pages.save"),
            cancel: Link(text: messages("admin.site-pages.back"), href: AdminRoute.sitePages.path))
        if isWritten {
            view.secondary = .init(
                action: AdminRoute.resetSitePage(page.kind, language: page.language).path, submit: messages("admin.site-pages.reset"))
        }
        view.related = [
            Link(text: messages("site." + page.kind.rawValue), href: SiteRoute.sitePage(page.kind).path(language: page.language))
        ]
        return try renderer.response(view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
