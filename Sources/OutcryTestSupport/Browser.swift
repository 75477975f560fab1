import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore

/// A signed-in browser, as the tests drive one: its cookie and the CSRF token its forms carry.
public struct Browser: Sendable {
    public let cookie: String
    public let csrf: String
    public let email: String

    public init(cookie: String, csrf: String, email: String) {
        self.cookie = cookie
        self.csrf = csrf
        self.email = email
    }
}

extension Store {
    /// A new account of `role` with a complete session, made directly in the store (signing in itself is tested apart).
    public func signedIn(_ role: Role, now: Date) async throws -> Browser {
        let (account, _) = try await createAccount(
            email: "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@example.org", role: role, actor: "test", now: now)
        let token = try await startSession(for: account.id, stage: .complete, now: now, lifetime: 3600)
        let session = try await session(token: token, now: now)!
        return Browser(cookie: "outcry_session=\(token)", csrf: session.csrf, email: account.email)
    }
}

extension TestClientProtocol {
    public func get(_ uri: String, as browser: Browser?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let browser { headers[.cookie] = browser.cookie }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Posts a form as the browser and follows the redirect every change answers with, as the browser
    /// would: the page that says what was done.
    public func postFollowingRedirect(_ uri: String, _ fields: [(String, String)] = [], as browser: Browser) async throws -> TestResponse {
        let response = try await post(uri, fields, as: browser)
        guard response.status == .seeOther, let location = response.headers[.location] else { return response }
        return try await get(location, as: browser)
    }

    /// Posts a form as the browser, with its CSRF token unless `csrf` says otherwise.
    public func post(
        _ uri: String, _ fields: [(String, String)] = [], as browser: Browser?, csrf: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        var fields = fields
        if let browser {
            headers[.cookie] = browser.cookie
            fields.append(("csrf", csrf ?? browser.csrf))
        }
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestClientProtocol {
    /// Posts a `multipart/form-data` form as a browser sends one with a file: text fields, then files as
    /// (field, file name, bytes), with the browser's CSRF token.
    public func postMultipart(
        _ uri: String, _ fields: [(String, String)], files: [(String, String, [UInt8])], as browser: Browser,
        boundary: String = "----OutcryTestBoundary7MA4YWxkTrZu0gW"
    ) async throws -> TestResponse {
        var body = ByteBuffer()
        for (name, value) in fields + [("csrf", browser.csrf)] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, filename, bytes) in files {
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await execute(
            uri: uri, method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookie], body: body)
    }
}

extension TestResponse {
    /// The `value` of the first hidden input named `name`.
    public func hidden(_ name: String) -> String? {
        guard let start = text.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The session cookie a response sets, as a `Cookie` header value.
    public var sessionCookie: String? {
        headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) }
    }
}

extension TestResponse {
    /// What a browser would send for the form posting to `action` on this page, as it stands: text inputs,
    /// text areas, the selected option of each list and the ticked boxes, without any button's value.
    public func formFields(action: String) -> [(String, String)] {
        guard let start = text.range(of: #"action="\#(action)""#),
            let end = text[start.upperBound...].range(of: "</form>")
        else { return [] }
        let form = String(text[start.upperBound..<end.lowerBound])
        var fields: [(String, String)] = []
        for match in form.matches(of: /<input([^>]*)>/) {
            let attributes = String(match.1)
            guard let name = Self.attribute("name", in: attributes), name != "csrf" else { continue }
            let type = Self.attribute("type", in: attributes) ?? "text"
            if type == "checkbox" || type == "radio" {
                if attributes.contains(" checked") { fields.append((name, Self.attribute("value", in: attributes) ?? "on")) }
            } else if type != "file" {
                fields.append((name, Self.attribute("value", in: attributes) ?? ""))
            }
        }
        for match in form.matches(of: /<textarea([^>]*)>([^<]*)<\/textarea>/) {
            if let name = Self.attribute("name", in: String(match.1)) { fields.append((name, Self.unescaped(String(match.2)))) }
        }
        for match in form.matches(of: /<select([^>]*)>(.*?)<\/select>/) {
            guard let name = Self.attribute("name", in: String(match.1)) else { continue }
            let options = String(match.2).matches(of: /<option([^>]*)>/).map { String($0.1) }
            if let chosen = options.first(where: { $0.contains(" selected") }) ?? options.first {
                fields.append((name, Self.attribute("value", in: chosen) ?? ""))
            }
        }
        return fields
    }

    private static func attribute(_ name: String, in attributes: String) -> String? {
        guard let start = attributes.range(of: " \(name)=\"") else { return nil }
        return unescaped(String(attributes[start.upperBound...].prefix { $0 != "\"" }))
    }

    private static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
