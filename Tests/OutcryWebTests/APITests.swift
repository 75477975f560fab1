import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryAPI
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// `/api/v1` on the real application, on both engines: public reads, drafts behind a `read` token, reports
/// counted once behind a `reports` token, problems for every bad request, and the OSDI round trip.
@Suite struct APITests {
    /// An account of `role` with a token of `scopes`; returns the token's secret.
    static func token(
        _ store: Store, role: Role = .editor, scopes: Set<APIToken.Scope>, name: String = "CRM sync", expiresIn: TimeInterval? = 86_400,
        email: String? = nil
    ) async throws -> (APIToken, String) {
        let now = FixedClock().now
        let email = email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.org"
        if try await store.account(email: email) == nil {
            _ = try await store.createAccount(email: email, role: role, actor: "test", now: now)
        }
        return try await store.createAPIToken(
            account: email, name: name, scopes: scopes, expiresAt: expiresIn.map { now.addingTimeInterval($0) }, actor: "test", now: now)
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any], "\(response.text)")
    }

    static func bearer(_ secret: String, _ more: HTTPFields = [:]) -> HTTPFields {
        var fields = more
        fields[.authorization] = "Bearer \(secret)"
        return fields
    }

    static func post(
        _ client: any TestClientProtocol, _ uri: String, _ body: String, token: String?, contentType: String = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// A problem in JSON: its status, and the field it names if any.
    static func expectProblem(
        _ response: TestResponse, _ status: HTTPResponse.Status, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try json(response)
        #expect(problem["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        #expect((problem["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        if let field {
            let fields = (problem["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(fields == [field], "\(response.text)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: TestApp.engines) func publicRecordsNeedNoTokenAndDraftsNeedTheReadScope(engine: SQLEngineKind) async throws {
        try await TestApp.withCoordinators(engine: engine) { client, store in
            var draft = try #require(try await store.urgentAction(Identifier("30-24")))
            draft.id = Identifier("31-24")
            draft.number = "31.24"
            draft.status = .draft
            try await store.save(
                draft,
                audit: AuditEntry(
                    at: FixedClock().now, actor: "test", action: "created", recordKind: "urgent action", recordID: "31-24", summary: ""))
            let list = try await client.execute(uri: "/api/v1/actions", method: .get)
            #expect(list.status == .ok)
            #expect(list.headers[.contentType] == "application/json; charset=utf-8")
            let items = try #require(try Self.json(list)["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? String } == ["30-24"])
            #expect(items.first?["url"] as? String == "http://127.0.0.1:8080/actions/30-24")
            try Self.expectProblem(try await client.execute(uri: "/api/v1/actions/31-24", method: .get), .notFound)
            try Self.expectProblem(try await client.execute(uri: "/api/v1/actions?status=draft", method: .get), .unauthorized)

            let (_, reader) = try await Self.token(store, role: .viewer, scopes: [.read])
            let drafts = try await client.execute(uri: "/api/v1/actions?status=draft", method: .get, headers: Self.bearer(reader))
            #expect(try (Self.json(drafts)["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["31-24"])
            #expect(try await client.execute(uri: "/api/v1/actions/31-24", method: .get, headers: Self.bearer(reader)).status == .ok)
        }
    }

    @Test(arguments: TestApp.engines) func anActionCarriesItsOfficialsLettersAndPeopleAndTheOtherRecordsTheirs(
        engine: SQLEngineKind
    ) async throws {
        try await TestApp.withCoordinators(engine: engine) { client, store in
            let action = try Self.json(try await client.execute(uri: "/api/v1/actions/30-24", method: .get))
            #expect(action["number"] as? String == "30.24")
            let targets = try #require(action["targets"] as? [[String: Any]])
            let stored = try #require(try await store.urgentAction(Identifier("30-24")))
            #expect(targets.count == stored.targets.count && !targets.isEmpty)
            #expect((targets.first?["target"] as? [String: Any])?["address"] is [String])
            #expect((action["letters"] as? [[String: Any]])?.first?["salutation"] is String)
            #expect((action["people"] as? [[String: Any]])?.count == stored.people.count)

            let caseID = try #require(action["case_id"] as? String)
            let item = try Self.json(try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get))
            #expect((item["action_ids"] as? [String]) == ["30-24"])
            let timeline = try #require(item["timeline"] as? [[String: Any]])
            #expect(!timeline.isEmpty && timeline.allSatisfy { $0["date"] is String && $0["kind"] is String })

            let people = try Self.json(try await client.execute(uri: "/api/v1/people?per_page=2&page=2", method: .get))
            #expect(people["page"] as? Int == 2 && people["per_page"] as? Int == 2)
            #expect((people["items"] as? [Any])?.count == 2)
            let links = try #require(people["_links"] as? [String: [String: String]])
            #expect(links["next"]?["href"] == "/api/v1/people?page=3&per_page=2")
            #expect(links["prev"]?["href"] == "/api/v1/people?page=1&per_page=2")
            let personID = try #require(((people["items"] as? [[String: Any]])?.first)?["id"] as? String)
            let person = try Self.json(try await client.execute(uri: "/api/v1/people/\(personID)", method: .get))
            #expect((person["current_status"] as? [String: Any])?["text"] is String)
            try Self.expectProblem(try await client.execute(uri: "/api/v1/people?per_page=500", method: .get), .badRequest)
            try Self.expectProblem(try await client.execute(uri: "/api/v1/people?page=0", method: .get), .badRequest)

            #expect(try await client.execute(uri: "/api/v1/statements", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/organisations", method: .get).status == .ok)
        }
    }

    @Test func aClientThatHasTheRepresentationGetsA304() async throws {
        try await TestApp.withCoordinators { client, store in
            let first = try await client.execute(uri: "/api/v1/actions/30-24/totals", method: .get)
            let tag = try #require(first.headers[.eTag])
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""), "sent as the quoted string it is: \(tag)")
            let again = try await client.execute(uri: "/api/v1/actions/30-24/totals", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == tag)
            let (_, secret) = try await Self.token(store, scopes: [.reports])
            #expect(
                try await Self.post(
                    client, "/api/v1/actions/30-24/reports", #"{"idempotency_key":"etag-test","counts":{"letter":2}}"#, token: secret
                ).status == .created)
            let changed = try await client.execute(uri: "/api/v1/actions/30-24/totals", method: .get, headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok, "the totals changed, and so did their tag")
            #expect(changed.headers[.eTag] != tag)
        }
    }

    @Test(arguments: TestApp.engines) func reportsNeedTheReportsScopeAndCountOncePerKey(engine: SQLEngineKind) async throws {
        try await TestApp.withCoordinators(engine: engine) { client, store in
            let body = #"{"idempotency_key":"library-evening-2026-11-20","counts":{"letter":12,"email":4},"country":"de"}"#
            try Self.expectProblem(try await Self.post(client, "/api/v1/actions/30-24/reports", body, token: nil), .unauthorized)
            let (_, reader) = try await Self.token(store, scopes: [.read])
            try Self.expectProblem(try await Self.post(client, "/api/v1/actions/30-24/reports", body, token: reader), .forbidden)
            let (_, viewer) = try await Self.token(store, role: .viewer, scopes: [.reports])
            try Self.expectProblem(try await Self.post(client, "/api/v1/actions/30-24/reports", body, token: viewer), .forbidden)

            let (token, secret) = try await Self.token(store, scopes: [.reports], name: "Events CRM")
            let first = try await Self.post(client, "/api/v1/actions/30-24/reports", body, token: secret)
            #expect(first.status == .created)
            #expect(try Self.json(first)["status"] as? String == "counted")
            let again = try await Self.post(client, "/api/v1/actions/30-24/reports", body, token: secret)
            #expect(try Self.json(again)["status"] as? String == "already_recorded")
            // Another partner's key of the same spelling is its own report.
            let (_, otherPartner) = try await Self.token(store, scopes: [.reports], name: "Other CRM")
            #expect(
                try Self.json(try await Self.post(client, "/api/v1/actions/30-24/reports", body, token: otherPartner))["status"] as? String
                    == "counted")

            let totals = try await store.totals(of: Identifier("30-24"))
            #expect(totals.reports == 2 && totals.byChannel[.letter] == 24 && totals.byChannel[.email] == 8)
            #expect(totals.peopleByCountry[Country(rawValue: "DE")] == 2)
            let audit = try await store.auditLog(limit: 20, recordID: "30-24")
            #expect(audit.filter { $0.actor == token.actor && $0.action == "report recorded" }.count == 1)
            #expect(try await store.apiTokens().first { $0.id == token.id }?.lastUsedAt == FixedClock().now)
        }
    }

    @Test func badReportsGetAProblemNamingTheField() async throws {
        try await TestApp.withCoordinators { client, store in
            let (_, secret) = try await Self.token(store, scopes: [.reports])
            let uri = "/api/v1/actions/30-24/reports"
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"idempotency_key":"k-000001","counts":{"letter":-1}}"#, token: secret),
                .unprocessableContent, field: "/counts/letter")
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"idempotency_key":"k-000001","counts":{"fax":"two"}}"#, token: secret),
                .unprocessableContent, field: "/counts/fax")
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"idempotency_key":"k-000001","counts":{"letter":501}}"#, token: secret),
                .unprocessableContent, field: "/counts/letter")
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"idempotency_key":"k-000001","counts":{}}"#, token: secret), .unprocessableContent,
                field: "/counts")
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"counts":{"letter":1}}"#, token: secret), .unprocessableContent,
                field: "/idempotency_key")
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"idempotency_key":"k","counts":{"letter":1}}"#, token: secret), .unprocessableContent,
                field: "/idempotency_key")
            try Self.expectProblem(
                try await Self.post(
                    client, uri, #"{"idempotency_key":"k-000001","counts":{"letter":1},"country":"Atlantis"}"#, token: secret),
                .unprocessableContent, field: "/country")
            try Self.expectProblem(
                try await Self.post(
                    client, uri, #"{"idempotency_key":"k-000001","counts":{"letter":1},"target_ids":["nobody"]}"#, token: secret),
                .unprocessableContent, field: "/target_ids")
            try Self.expectProblem(try await Self.post(client, uri, #"{"idempotency_key":"#, token: secret), .badRequest)
            try Self.expectProblem(
                try await Self.post(client, uri, "letter=1", token: secret, contentType: "application/x-www-form-urlencoded"),
                .unsupportedMediaType)
            try Self.expectProblem(
                try await Self.post(
                    client, "/api/v1/actions/none/reports", #"{"idempotency_key":"k-000001","counts":{"letter":1}}"#, token: secret),
                .notFound)
            var closed = try #require(try await store.urgentAction(Identifier("30-24")))
            closed.status = .closed
            try await store.save(
                closed,
                audit: AuditEntry(
                    at: FixedClock().now, actor: "test", action: "closed", recordKind: "urgent action", recordID: "30-24", summary: ""))
            try Self.expectProblem(
                try await Self.post(client, uri, #"{"idempotency_key":"k-000001","counts":{"letter":1}}"#, token: secret), .conflict)
            #expect(try await store.totals(of: Identifier("30-24")).reports == 0, "nothing refused was counted")
        }
    }

    @Test func revokedExpiredAndDisabledTokensOpenNothing() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let (token, secret) = try await Self.token(store, scopes: [.read], expiresIn: 3600, email: "partner@example.org")
            #expect(try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(secret)).status == .ok)
            try Self.expectProblem(
                try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(secret + "x")), .unauthorized)
            try Self.expectProblem(
                try await client.execute(uri: "/api/v1/actions", method: .get, headers: [.authorization: "Basic \(secret)"]), .unauthorized)
            #expect(try await store.revokeAPIToken(token.id, actor: "test", now: clock.now))
            #expect(try await store.revokeAPIToken(token.id, actor: "test", now: clock.now) == false, "revoked once")
            let revoked = try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(secret))
            try Self.expectProblem(revoked, .unauthorized)
            #expect(revoked.headers[.wwwAuthenticate]?.contains("invalid_token") == true)

            let (_, expiring) = try await Self.token(store, scopes: [.read], expiresIn: 3600)
            clock.advance(seconds: 3601)
            try Self.expectProblem(
                try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(expiring)), .unauthorized)

            let (_, disabled) = try await Self.token(store, scopes: [.read], expiresIn: nil, email: "leaving@example.org")
            try await store.setDisabled(true, account: "leaving@example.org", actor: "test", now: clock.now)
            try Self.expectProblem(
                try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(disabled)), .unauthorized)
        }
    }

    @Test func tooManyRequestsAreRefusedWithAMomentToWait() async throws {
        try await TestApp.withDemoAndOtherInstance(
            clock: FixedClock(), configure: { $0.apiRateLimits = APIRateLimits(perToken: 3, perClient: 2) }
        ) { client, store in
            for _ in 0..<2 { #expect(try await client.execute(uri: "/api/v1/actions", method: .get).status == .ok) }
            let refused = try await client.execute(uri: "/api/v1/actions", method: .get)
            try Self.expectProblem(refused, .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1)
            let (_, secret) = try await Self.token(store, scopes: [.read])
            for _ in 0..<3 {
                #expect(try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(secret)).status == .ok)
            }
            try Self.expectProblem(
                try await client.execute(uri: "/api/v1/actions", method: .get, headers: Self.bearer(secret)), .tooManyRequests)
        }
    }

    @Test(arguments: TestApp.engines) func anOSDIClientReadsACampaignAndRecordsAnOutreach(engine: SQLEngineKind) async throws {
        try await TestApp.withCoordinators(engine: engine) { client, store in
            let (_, secret) = try await Self.token(store, scopes: [.reports])
            let osdi: HTTPFields = [HTTPField.Name("OSDI-API-Token")!: secret]
            let entry = try Self.json(try await client.execute(uri: "/api/v1/osdi", method: .get, headers: osdi))
            #expect(entry["osdi_version"] as? String == "1.2")
            let campaignsHref = try #require(
                ((entry["_links"] as? [String: Any])?["osdi:advocacy_campaigns"] as? [String: Any])?["href"] as? String)
            let page = try await client.execute(uri: campaignsHref, method: .get, headers: osdi)
            #expect(page.headers[.contentType]?.hasPrefix("application/hal+json") == true)
            let campaigns = try #require(
                ((try Self.json(page))["_embedded"] as? [String: Any])?["osdi:advocacy_campaigns"] as? [[String: Any]])
            let campaign = try #require(campaigns.first)
            #expect(campaign["identifiers"] as? [String] == ["outcry:30-24"])
            #expect(campaign["total_outreaches"] as? Int == 0)
            let target = try #require((campaign["targets"] as? [[String: Any]])?.first)
            let helper = try #require(
                ((campaign["_links"] as? [String: Any])?["osdi:record_outreach_helper"] as? [String: Any])?["href"] as? String)
            let familyName = try #require(target["family_name"] as? String)
            let outreach = """
                {"identifiers":["crm:outreach-77"],"type":"email","targets":[{"family_name":"\(familyName)","given_name":"\(target["given_name"] as? String ?? "")"}],
                 "person":{"postal_addresses":[{"country":"FR"}]},"outcry:count":3}
                """
            var headers = osdi
            headers[.contentType] = "application/hal+json"
            let recorded = try await client.execute(uri: helper, method: .post, headers: headers, body: ByteBuffer(string: outreach))
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(try Self.json(recorded)["outcry:status"] as? String == "counted")
            let repeated = try await client.execute(uri: helper, method: .post, headers: headers, body: ByteBuffer(string: outreach))
            #expect(try Self.json(repeated)["outcry:status"] as? String == "already_recorded")
            let unknown = outreach.replacingOccurrences(of: "crm:outreach-77", with: "crm:outreach-78")
                .replacingOccurrences(of: familyName, with: "Nobody")
            try Self.expectProblem(
                try await client.execute(uri: helper, method: .post, headers: headers, body: ByteBuffer(string: unknown)),
                .unprocessableContent,
                field: "/targets/0")

            let totals = try await store.totals(of: Identifier("30-24"))
            #expect(totals.byChannel[.email] == 3 && totals.reports == 1 && totals.peopleByCountry[Country(rawValue: "FR")] == 1)
            #expect(totals.byTarget.count == 1, "counted for the official it named")
            let after = try Self.json(try await client.execute(uri: "/api/v1/osdi/advocacy_campaigns/30-24", method: .get))
            #expect(after["total_outreaches"] as? Int == 3)
            let outreachesHref = try #require(
                ((after["_links"] as? [String: Any])?["osdi:outreaches"] as? [String: Any])?["href"] as? String)
            try Self.expectProblem(try await client.execute(uri: outreachesHref, method: .get), .unauthorized)
            let listed = try await client.execute(uri: outreachesHref, method: .get, headers: osdi)
            let outreaches = try #require(((try Self.json(listed))["_embedded"] as? [String: Any])?["osdi:outreaches"] as? [[String: Any]])
            #expect(outreaches.count == 1)
            #expect(outreaches.first?["type"] as? String == "email" && outreaches.first?["outcry:country"] as? String == "FR")
            #expect(((outreaches.first?["outcry:counts"] as? [String: Any])?["email"] as? Int) == 3)
            #expect((outreaches.first?["targets"] as? [[String: Any]])?.first?["family_name"] as? String == familyName)
        }
    }

    @Test func theServedDocumentIsTheCheckedInOneAndEveryListItNamesAnswers() async throws {
        try await TestApp.withCoordinators { client, _ in
            let served = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(served.status == .ok)
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/OutcryAPI/openapi.json")
            #expect(Data(buffer: served.body) == (try Data(contentsOf: source)))
            let document = try Self.json(served)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for (path, operations) in paths where !path.contains("{") {
                guard let get = operations["get"] as? [String: Any] else { continue }
                // Public when its security allows no token at all (`{}`); otherwise it asks for one.
                let isPublic = (get["security"] as? [[String: Any]])?.contains { $0.isEmpty } ?? true
                let status = try await client.execute(uri: path, method: .get).status
                #expect(status == (isPublic ? .ok : .unauthorized), "\(path)")
            }
            let missing = try await client.execute(uri: "/api/v1/nothing-here", method: .get)
            try Self.expectProblem(missing, .notFound)
            let delete = try await client.execute(uri: "/api/v1/actions", method: .delete)
            try Self.expectProblem(delete, .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, HEAD, POST", "an address of the document: the methods it takes")
        }
    }

    @Test func aTokensSecretIsNeverStored() async throws {
        try await TestApp.withCoordinators { _, store in
            let (_, secret) = try await Self.token(store, scopes: [.read, .reports])
            let rows = try await store.engine.read { database in
                try await database.raw("SELECT * FROM api_tokens").all()
            }
            #expect(rows.count == 1)
            for column in try #require(rows.first).allColumns {
                let value = try? rows[0].decode(column: column, as: String.self)
                #expect(value?.contains(secret.dropFirst("outcry_".count)) != true, "\(column)")
            }
        }
    }
}

/// The administrators' page of API tokens.
@Suite struct APITokensPageTests {
    @Test func anAdministratorMakesATokenSeesItOnceAndRevokesIt() async throws {
        try await TestApp.withCoordinators { client, store in
            let admin = try await store.signedIn(.admin, now: FixedClock().now)
            let partner = try await store.signedIn(.editor, now: FixedClock().now)
            let empty = try await client.get("/admin/api-tokens", as: admin)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("There are no API tokens yet."))

            let made = try await client.post(
                "/admin/api-tokens",
                [("name", "Events CRM"), ("account", partner.email), ("scope", "read"), ("scope", "reports"), ("days", "30")],
                as: admin)
            #expect(made.status == .ok)
            let secret = try #require(made.text.firstMatch(of: /outcry_[A-Za-z0-9_-]+/).map { String($0.output) })
            #expect(made.text.contains("Copy this token now"))
            let token = try #require(try await store.apiTokens().first)
            #expect(token.name == "Events CRM" && token.scopes == [.read, .reports] && token.accountEmail == partner.email)
            #expect(token.expiresAt == FixedClock().now.addingTimeInterval(30 * 86_400))
            #expect(
                try await client.execute(uri: "/api/v1/actions?status=draft", method: .get, headers: APITests.bearer(secret)).status == .ok)

            let listed = try await client.get("/admin/api-tokens", as: admin)
            #expect(listed.text.contains("Events CRM") && !listed.text.contains(secret), "the list never shows a secret: \(listed.text)")
            #expect(try await store.auditLog(limit: 5, recordID: token.id.rawValue).first?.action == "token created")

            let revoked = try await client.postFollowingRedirect("/admin/api-tokens/\(token.id.rawValue)/revoke", as: admin)
            #expect(revoked.text.contains("The token “Events CRM” was revoked"))
            try APITests.expectProblem(
                try await client.execute(uri: "/api/v1/actions", method: .get, headers: APITests.bearer(secret)), .unauthorized)
        }
    }

    @Test func aFormThatCannotMakeATokenSaysWhyAndKeepsWhatWasTyped() async throws {
        try await TestApp.withCoordinators { client, store in
            let admin = try await store.signedIn(.admin, now: FixedClock().now)
            let cases: [([(String, String)], String)] = [
                ([("name", ""), ("account", admin.email), ("scope", "read"), ("days", "30")], "Give the token a name"),
                ([("name", "Sync"), ("account", admin.email), ("days", "30")], "Tick at least one scope"),
                ([("name", "Sync"), ("account", admin.email), ("scope", "read"), ("days", "9999")], "must expire in 1 to 3650 days"),
                ([("name", "Sync"), ("account", "nobody@example.org"), ("scope", "read"), ("days", "30")], "Choose one of the accounts"),
            ]
            for (fields, error) in cases {
                let refused = try await client.post("/admin/api-tokens", fields, as: admin)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains(error), "\(fields)")
            }
            let kept = try await client.post(
                "/admin/api-tokens", [("name", "Sync <CRM>"), ("account", admin.email), ("days", "30")], as: admin)
            #expect(kept.text.contains(#"value="Sync &lt;CRM&gt;""#), "typed again, escaped")
            #expect(try await store.apiTokens().isEmpty, "nothing refused was made")
            let forged = try await client.post(
                "/admin/api-tokens", [("name", "Sync"), ("account", admin.email), ("scope", "read"), ("days", "30")], as: admin,
                csrf: "wrong")
            #expect(forged.status == .forbidden)
            #expect(try await store.apiTokens().isEmpty)
        }
    }
}

/// Writes through the API with a `write` token, on both engines.
@Suite struct APIWriteTests {
    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ body: String, token: String?,
        ifMatch: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: TestApp.engines) func aPartnerMakesADraftActionWithItsCaseOfficialAndPersonAndCoordinatorsSeeIt(
        engine: SQLEngineKind
    ) async throws {
        try await TestApp.withCoordinators(engine: engine) { client, store in
            let (_, reader) = try await APITests.token(store, scopes: [.read])
            let (token, writer) = try await APITests.token(store, scopes: [.read, .write], name: "Partner CMS")
            let caseBody =
                #"{"title":"Tashkent bloggers","country":"UZ","summary":"Two bloggers held since March.","themes":["press freedom"]}"#
            try APITests.expectProblem(try await Self.send(client, .post, "/api/v1/cases", caseBody, token: reader), .forbidden)
            let madeCase = try await Self.send(client, .post, "/api/v1/cases", caseBody, token: writer)
            #expect(madeCase.status == .created, "\(madeCase.text)")
            let caseID = try #require(try APITests.json(madeCase)["id"] as? String)
            #expect(caseID == "tashkent-bloggers")

            let person = try APITests.json(
                try await Self.send(
                    client, .post, "/api/v1/people", #"{"name":"Aziza Karimova","variants":[{"name":"Азиза Каримова","language":"ru"}]}"#,
                    token: writer))
            let personID = try #require(person["id"] as? String)
            #expect((person["variants"] as? [[String: Any]])?.first?["script"] as? String == "Cyrl")
            let official = try APITests.json(
                try await Self.send(
                    client, .post, "/api/v1/targets",
                    #"{"honorific":"Mr","name":"Nodir Otajonov","title":"Prosecutor General","emails":["prosecutor@example.uz"],"country":"UZ"}"#,
                    token: writer))
            let targetID = try #require(official["id"] as? String)
            try await client.execute(uri: "/api/v1/targets/\(targetID)", method: .get) { #expect($0.status == .ok) }

            let action = """
                {"number":"88.26","case_id":"\(caseID)","title":"Uzbekistan: two bloggers held","summary":"Aziza Karimova was detained.",
                 "issued":"2026-11-20","deadline":"2027-01-15","person_ids":["\(personID)"],"targets":[{"target_id":"\(targetID)"}],
                 "asks":["Release her"],"letters":[{"salutation":"Dear Prosecutor General,","paragraphs":["I am writing…"],"closing":"Yours sincerely,"}]}
                """
            let made = try await Self.send(client, .post, "/api/v1/actions", action, token: writer)
            #expect(made.status == .created, "\(made.text)")
            #expect(try APITests.json(made)["status"] as? String == "draft")
            let stored = try #require(try await store.urgentAction(Identifier("88-26")))
            #expect(
                stored.status == .draft && stored.people == [Identifier(personID)] && stored.targets.map(\.target.rawValue) == [targetID])
            #expect(try await store.auditLog(limit: 10, recordID: "88-26").first?.actor == token.actor)
            #expect(
                try await Self.send(client, .post, "/api/v1/actions", action, token: writer).status == .conflict, "the same number again")
            // A draft is not public.
            #expect(try await client.execute(uri: "/actions/88-26", method: .get).status == .notFound)

            // Changing it with the tag it was read with; a stale tag is refused.
            let tag = try #require(made.headers[.eTag])
            let changed = try await Self.send(
                client, .put, "/api/v1/actions/88-26", action.replacingOccurrences(of: "two bloggers held", with: "bloggers held"),
                token: writer,
                ifMatch: tag)
            #expect(changed.status == .ok, "\(changed.text)")
            let stale = try await Self.send(client, .put, "/api/v1/actions/88-26", action, token: writer, ifMatch: tag)
            try APITests.expectProblem(stale, .preconditionFailed)
            #expect(try await store.urgentAction(Identifier("88-26"))?.title == "Uzbekistan: bloggers held")
            // Published actions are the coordinators' to change.
            try APITests.expectProblem(
                try await Self.send(client, .put, "/api/v1/actions/30-24", action, token: writer), .conflict)

            let event = try await Self.send(
                client, .post, "/api/v1/cases/\(caseID)/status-changes",
                #"{"date":"2026-03-02","kind":"detained","summary":"Detained at home.","person_ids":["\#(personID)"]}"#, token: writer)
            #expect(event.status == .created, "\(event.text)")
            let status = try APITests.json(try await client.execute(uri: "/api/v1/people/\(personID)", method: .get))
            #expect((status["current_status"] as? [String: Any])?["status"] as? String == "detained")

            let statement = try await Self.send(
                client, .post, "/api/v1/statements",
                """
                {"title":"Uzbekistan must free Aziza Karimova","published":"2026-11-21","lead":["Two bloggers are held."],
                 "quotes":[{"speaker":"Dilnoza R.","role":"Director","paragraphs":["Release them now."]}],"case_ids":["\(caseID)"]}
                """, token: writer)
            #expect(statement.status == .created, "\(statement.text)")
            let statementID = try #require(try APITests.json(statement)["id"] as? String)
            let read = try APITests.json(try await client.execute(uri: "/api/v1/statements/\(statementID)", method: .get))
            #expect((read["quotes"] as? [[String: Any]])?.first?["speaker"] as? String == "Dilnoza R.")
            let inCase = try APITests.json(try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get))
            #expect(inCase["statement_ids"] as? [String] == [statementID])
        }
    }

    @Test func badWritesNameEveryFieldThatFailedAndSaveNothing() async throws {
        try await TestApp.withCoordinators { client, store in
            let (_, writer) = try await APITests.token(store, scopes: [.write])
            let response = try await Self.send(
                client, .post, "/api/v1/actions",
                #"{"number":"99.26","case_id":"no-case","title":" ","summary":"x","issued":"2026-13-01","deadline":"2025-01-01","language":"English","person_ids":["nobody"],"targets":[{"target_id":"nobody"}]}"#,
                token: writer)
            #expect(response.status == .unprocessableContent)
            let fields = Set(((try APITests.json(response))["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["/title", "/issued", "/case_id", "/person_ids/0", "/targets/0/target_id", "/language"])
            #expect(try await store.urgentAction(Identifier("99-26")) == nil)
            try APITests.expectProblem(
                try await Self.send(
                    client, .post, "/api/v1/targets",
                    #"{"name":"X","emails":["not an address"],"phone":"call me","contact_form":"javascript:alert(1)"}"#,
                    token: writer), .unprocessableContent)
            try APITests.expectProblem(
                try await Self.send(
                    client, .post, "/api/v1/cases/temirov-live-2024/status-changes",
                    #"{"date":"2026-05-02/2026-05-01","kind":"released","summary":"x"}"#, token: writer),
                .unprocessableContent, field: "/date")
            #expect(try await store.allTargets().allSatisfy { $0.name != "X" })
        }
    }

    @Test func aTextSentToTheImporterBecomesADraftForCoordinators() async throws {
        try await TestApp.withCoordinators { client, store in
            let (_, writer) = try await APITests.token(store, scopes: [.write])
            let seed = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("Fixtures/imports/seed-ua-30-24.txt"), encoding: .utf8)
            let response = try await client.execute(
                uri: "/api/v1/imports", method: .post,
                headers: [.contentType: "text/plain; charset=utf-8", .authorization: "Bearer \(writer)"],
                body: ByteBuffer(string: seed))
            #expect(response.status == .created, "\(response.text)")
            let draft = try APITests.json(response)
            let number = ((draft["action"] as? [String: Any])?["number"] as? [String: Any])?["value"] as? String
            #expect(number == "30.24")
            #expect(try await store.importDrafts().count == 1)
            let empty = try await client.execute(
                uri: "/api/v1/imports", method: .post, headers: [.contentType: "text/plain", .authorization: "Bearer \(writer)"],
                body: ByteBuffer(string: "   "))
            try APITests.expectProblem(empty, .unprocessableContent)
        }
    }
}

/// Supporters' addresses leave through the API only with the `reports` scope and the supporter's consent.
@Suite struct APISupporterTests {
    @Test(arguments: TestApp.engines) func onlyAReportsTokenReadsTheSupportersWhoConsented(engine: SQLEngineKind) async throws {
        try await TestApp.withCoordinators(engine: engine) { client, store in
            let token = try await client.formToken(on: "/actions/30-24")
            #expect(
                try await client.submit(
                    "/actions/30-24/report", [("token", token), ("count_letter", "1"), ("email", "ana@example.pt"), ("consent", "yes")]
                ).status == .seeOther)
            let other = try await client.formToken(on: "/actions/30-24")
            #expect(try await client.submit("/actions/30-24/report", [("token", other), ("count_email", "1")]).status == .seeOther)

            try APITests.expectProblem(try await client.execute(uri: "/api/v1/osdi/people", method: .get), .unauthorized)
            let (_, reader) = try await APITests.token(store, scopes: [.read, .write])
            try APITests.expectProblem(
                try await client.execute(uri: "/api/v1/osdi/people", method: .get, headers: APITests.bearer(reader)), .forbidden)
            let (_, reports) = try await APITests.token(store, scopes: [.reports])
            let page = try await client.execute(uri: "/api/v1/osdi/people", method: .get, headers: APITests.bearer(reports))
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "private, no-store")
            let people = try #require(((try APITests.json(page))["_embedded"] as? [String: Any])?["osdi:people"] as? [[String: Any]])
            #expect(people.count == 1, "the anonymous report left no address")
            let person = try #require(people.first)
            #expect((person["email_addresses"] as? [[String: Any]])?.first?["address"] as? String == "ana@example.pt")
            #expect((person["outcry:consent"] as? [String: Any])?["wording"] as? String == Messages.english("report.consent"))
            #expect(person["outcry:advocacy_campaign"] as? String == "30-24")
        }
    }
}
