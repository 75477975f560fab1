import Foundation
import Hummingbird
import Mustache

/// Renders view models through the templates: the built-in ones, with any of a theme folder's in their place.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// The template names every page relies on; a theme that breaks one of them is refused at start.
    static let templateNames = [
        "home", "urgent-action", "case", "person", "statement", "error", "head", "foot", "person-summary", "timeline",
        "letter", "report", "report-form", "totals", "totals-card", "thanks", "officials-report", "share",
        "admin-head", "admin-foot", "admin-form", "admin-list", "admin-message", "admin-account", "admin-two-factor", "admin-users",
        "admin-action", "admin-form-body", "admin-import", "admin-import-review", "alerts", "alert-choices",
    ]

    public init(themeDirectory: String?) async throws {
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

    /// The page as HTML text.
    func html(_ template: String, _ model: some Sendable) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    /// The page as a response with the given status.
    func response(_ template: String, _ model: some Sendable, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html(template, model))))
    }
}

public enum PageRendererError: Error, CustomStringConvertible {
    case missingTemplates(String)
    public var description: String {
        switch self { case .missingTemplates(let reason): reason }
    }
}
