import Foundation
import Hummingbird
import Mustache

/// Renders view models through the templates: the built-in ones, with any of a theme folder's in their place.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The icon and wordmark every page shows, read by templates as `site`.
    let identity: SiteIdentity

    /// The template names every page relies on; a theme that breaks one of them is refused at start.
    static let templateNames: [String] =
        [
            HomePage.template, UrgentActionPage.template, CasePage.template, PersonPage.template, StatementPage.template,
            ErrorPage.template, LetterPage.template, ReportPage.template, ThanksPage.template, OfficialsReportPage.template,
            SharePage.template, AlertsView.template, FormView.template, ListView.template, MessageView.template,
            AccountView.template, EnrolmentView.template, UsersView.template, APITokensView.template, WebhooksView.template,
            WebhookLogView.template, DashboardView.template, ContactProblemsView.template,
            ImportView.template,
            TotalsView.blockTemplate, TotalsView.cardTemplate, SitePageView.template,
            ConfirmView.template, VerifyTotalsPage.template, ContactProblemPage.template, CampaignPage.template,
        ] + Partial.names

    public init(themeDirectory: String?) async throws {
        identity = SiteIdentity(themeDirectory: themeDirectory)
        guard let builtIn = Bundle.module.url(forResource: "templates", withExtension: nil)?.path else {
            throw PageRendererError.missingTemplates("the built-in templates are missing from the build")
        }
        var library = try await MustacheLibrary(directory: builtIn)
        if let themeDirectory {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: themeDirectory)) ?? []
            for file in files.sorted() where file.hasSuffix(".mustache") {
                let path = URL(fileURLWithPath: themeDirectory).appendingPathComponent(file).path
                let text = try String(contentsOfFile: path, encoding: .utf8)
                do {
                    try library.register(text, named: String(file.dropLast(".mustache".count)))
                } catch {
                    throw PageRendererError.missingTemplates("theme template \(path) cannot be read: \(error)")
                }
            }
        }
        let missing = Self.templateNames.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw PageRendererError.missingTemplates("templates missing: \(missing.joined(separator: ", "))")
        }
        self.library = library
    }

    init(library: MustacheLibrary) {
        self.library = library
        identity = SiteIdentity(themeDirectory: nil)
    }

    /// The page as HTML text.
    func html<View: PageView>(_ view: View) throws(PageRendererError) -> String {
        try html(view, template: View.template)
    }

    /// Live totals as HTML, for the holes of a cached page.
    func html(_ totals: TotalsView, card: Bool) throws(PageRendererError) -> String {
        try html(totals, template: TotalsView.template(card: card))
    }

    /// The page as a response with the given status.
    func response(_ view: some PageView, status: HTTPResponse.Status = .ok) throws(PageRendererError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try html(view))))
    }

    /// A template that cannot render is a failure to report, never an empty page sent as if it were fine.
    private func html(_ model: some Sendable, template: String) throws(PageRendererError) -> String {
        let words =
            (model as? any PublicPageView)?.page.words ?? (model as? any CoordinatorPageView)?.admin.words ?? (model as? TotalsView)?.words
            ?? Words(.english)
        guard let html = library.render(Root(model: model, words: words, identity: identity), withTemplate: template) else {
            throw .cannotRender(template)
        }
        return html
    }

    /// What a template starts from: the view model's own fields, and the catalog as `t`. The fields are read
    /// once: every name a template does not find nearer is looked up here again.
    private struct Root: MustacheParent {
        private let fields: [String: Any]

        init(model: Any, words: Words, identity: SiteIdentity) {
            var fields: [String: Any] = ["t": words, "site": identity]
            for case let (label?, value) in Mirror(reflecting: model).children {
                // As Mustache reads any field: an optional's value, or nothing.
                let optional = Mirror(reflecting: value)
                if optional.displayStyle != .optional {
                    fields[label] = value
                } else if let wrapped = optional.children.first?.value {
                    fields[label] = wrapped
                }
            }
            self.fields = fields
        }

        func child(named name: String) -> Any? { fields[name] }
    }
}

public enum PageRendererError: Error, CustomStringConvertible {
    case missingTemplates(String)
    case cannotRender(String)

    public var description: String {
        switch self {
        case .missingTemplates(let reason): reason
        case .cannotRender(let template): "the template \(template) cannot be rendered"
        }
    }
}
