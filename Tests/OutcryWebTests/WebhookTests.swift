import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryTestSupport
import Synchronization
import Testing

@testable import OutcryStore
@testable import OutcryWeb

/// A partner's receiver on 127.0.0.1: checks each message's signature with the hook's secret, as the log
/// page tells partners to, and answers 503 while it is "down".
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var delivery: String
        var event: String
        var payload: [String: String]
    }

    let secret: String
    let isDown = Mutex(true)
    /// Every message accepted (answered 2xx), in order.
    let accepted = Mutex<[Received]>([])
    let refused = Mutex(0)
    let badSignatures = Mutex(0)

    init(secret: String) { self.secret = secret }

    /// The receiver as an application, to run with HummingbirdTesting's live framework (a real port).
    func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("/hooks") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let bytes = Array(buffer: body)
            guard let header = request.headers[HTTPField.Name("Outcry-Signature")!], self.verifies(header, bytes) else {
                self.badSignatures.withLock { $0 += 1 }
                return .badRequest
            }
            if self.isDown.withLock({ $0 }) {
                self.refused.withLock { $0 += 1 }
                return .serviceUnavailable
            }
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]) ?? [:]
            let data = (object["data"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
            self.accepted.withLock {
                $0.append(
                    Received(
                        delivery: request.headers[HTTPField.Name("Outcry-Delivery")!] ?? "", event: object["event"] as? String ?? "",
                        payload: data))
            }
            return .noContent
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestApp.logger)
    }

    /// `t=…,v1=…`: the HMAC of "t." and the body, compared in constant time.
    func verifies(_ header: String, _ body: [UInt8]) -> Bool {
        let parts = Dictionary(
            header.split(separator: ",").compactMap { part -> (String, String)? in
                let pair = part.split(separator: "=", maxSplits: 1)
                return pair.count == 2 ? (String(pair[0]), String(pair[1])) : nil
            }, uniquingKeysWith: { first, _ in first })
        guard let time = parts["t"], let given = parts["v1"] else { return false }
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))
        mac.update(data: Data("\(time).".utf8))
        mac.update(data: body)
        let expected = mac.finalize().map { String(format: "%02x", $0) }.joined()
        return expected.utf8.count == given.utf8.count && zip(expected.utf8, given.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

@Suite struct WebhookTests {
    static func waitFor(_ what: String, seconds: Double = 15, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("waited \(seconds) s for \(what)")
    }

    @Test(arguments: TestApp.engines) func aReceiverThatIsDownThenUpGetsEveryEventOnceSigned(engine: SQLEngineKind) async throws {
        let secret = "whsec_" + randomToken(bytes: 24)
        let receiver = WebhookReceiver(secret: secret)
        try await receiver.application().test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            try await Self.deliver(to: port, receiver: receiver, secret: secret, engine: engine)
        }
    }

    static func deliver(to port: Int, receiver: WebhookReceiver, secret: String, engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withDemoAndOtherInstance(
            clock: clock, engine: engine, passwordCost: 4, configure: { $0.webhookReportInterval = .milliseconds(200) }
        ) { client, store in
            let hook = try await store.createWebhook(
                url: "http://127.0.0.1:\(port)/hooks", events: Set(Webhook.Event.allCases), secretSealed: try TestApp.vault.seal(secret),
                actor: "admin@example.org", now: clock.now)
            let audit = AuditEntry(
                at: clock.now, actor: "editor@example.org", action: "changed", recordKind: "test", recordID: "", summary: "")
            // The first look at the reports only sets each action's mark.
            try await Self.waitFor("the report marks") {
                try await store.engine.read { try await $0.raw("SELECT reports FROM webhook_report_marks").all().count } > 0
            }
            var action = try #require(try await store.urgentAction(Identifier("30-24")))
            action.title += " (new deadline)"
            try await store.save(action, audit: audit)
            let (_, token) = try await APITests.token(store, scopes: [.reports])
            let report = try await APITests.post(
                client, "/api/v1/actions/30-24/reports", #"{"idempotency_key":"webhook-test-1","counts":{"letter":3}}"#, token: token)
            #expect(report.status == .created)
            try await Self.waitFor("reports.received queued") {
                try await store.webhookDeliveries(of: hook.id).contains { $0.event == .reportsReceived }
            }
            let person = try #require(action.people.first)
            try await store.save(
                Event(
                    id: Identifier("released-test"), caseID: action.caseID, date: try EventDate(try HistoricalDate(iso: "2026-11-26")),
                    kind: .released, summary: "Released", people: [person]), audit: audit)
            action.status = .closed
            action.outcome = Outcome(kind: .released, note: "Released on 26 November.")
            try await store.save(action, audit: audit)

            let expected: [Webhook.Event] = [.actionUpdated, .reportsReceived, .personStatusChanged, .actionClosed]
            try await Self.waitFor("every delivery tried once while the receiver is down") {
                let deliveries = try await store.webhookDeliveries(of: hook.id)
                return deliveries.count == expected.count && deliveries.allSatisfy { $0.status == .queued && $0.attempts == 1 }
            }
            #expect(receiver.refused.withLock { $0 } == expected.count)
            #expect(receiver.accepted.withLock { $0 }.isEmpty)
            #expect(try await store.webhookDeliveries(of: hook.id).allSatisfy { $0.lastResponse == "HTTP 503" })

            // Up again, and the retries come due.
            receiver.isDown.withLock { $0 = false }
            clock.advance(seconds: 31)
            try await Self.waitFor("every delivery delivered") {
                try await store.webhookDeliveries(of: hook.id).allSatisfy { $0.status == .delivered }
            }
            let accepted = receiver.accepted.withLock { $0 }
            #expect(accepted.map(\.event).sorted() == expected.map(\.rawValue).sorted())
            #expect(Set(accepted.map(\.delivery)).count == accepted.count, "each event once")
            #expect(receiver.badSignatures.withLock { $0 } == 0)
            let reports = try #require(accepted.first { $0.event == "reports.received" })
            #expect(reports.payload["new_reports"] == "1" && reports.payload["action_id"] == "30-24")
            #expect(accepted.first { $0.event == "action.closed" }?.payload["status"] == "closed")
            #expect(accepted.first { $0.event == "person.status_changed" }?.payload["kind"] == "released")

            // A removed hook hears nothing more.
            #expect(try await store.removeWebhook(hook.id, actor: "admin@example.org", now: clock.now))
            action.status = .published
            try await store.save(action, audit: audit)
            #expect(try await store.webhookDeliveries(of: hook.id).count == expected.count)
        }
    }

    @Test func aStatusMakesTheEventsPartnersHearOf() {
        #expect(Store.webhookEvent(from: nil, to: .draft) == nil)
        #expect(Store.webhookEvent(from: .draft, to: .draft) == nil)
        #expect(Store.webhookEvent(from: .draft, to: .published) == .actionPublished)
        #expect(Store.webhookEvent(from: nil, to: .published) == .actionPublished)
        #expect(Store.webhookEvent(from: .published, to: .published) == .actionUpdated)
        #expect(Store.webhookEvent(from: .published, to: .closed) == .actionClosed)
        #expect(Store.webhookEvent(from: .closed, to: .published) == .actionPublished, "reopened")
        #expect(Store.webhookEvent(from: .closed, to: .closed) == nil)
    }

    @Test func theSignatureIsTheHMACOfTheTimeAndTheBody() {
        let body = Array(#"{"event":"action.closed"}"#.utf8)
        let header = WebhookSenderService.signature(secret: "whsec_test", timestamp: 1_795_777_326, body: body)
        #expect(header.hasPrefix("t=1795777326,v1="))
        #expect(WebhookReceiver(secret: "whsec_test").verifies(header, body))
        #expect(!WebhookReceiver(secret: "whsec_other").verifies(header, body))
        #expect(!WebhookReceiver(secret: "whsec_test").verifies(header, body + [0x20]))
    }

    @Test func anAdministratorRegistersAHookSeesItsSecretOnceAndItsDeliveries() async throws {
        try await TestApp.withCoordinators { client, store in
            let admin = try await store.signedIn(.admin, now: FixedClock().now)
            let refused = try await client.post(
                "/admin/webhooks", [("url", "ftp://crm.example.org"), ("event", "action.closed")], as: admin)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("https://"))
            let none = try await client.post("/admin/webhooks", [("url", "https://crm.example.org/outcry")], as: admin)
            #expect(none.text.contains("Tick at least one event"))
            let made = try await client.post(
                "/admin/webhooks", [("url", "https://crm.example.org/outcry"), ("event", "action.closed"), ("event", "reports.received")],
                as: admin)
            #expect(made.status == .ok)
            let secret = try #require(made.text.firstMatch(of: /whsec_[A-Za-z0-9_-]+/).map { String($0.output) })
            let hook = try #require(try await store.webhooks().first)
            #expect(hook.events == [.actionClosed, .reportsReceived])
            let sealed = try await store.engine.read {
                try await $0.raw("SELECT secret_sealed FROM webhooks").first()!.decode(column: "secret_sealed", as: String.self)
            }
            let opened = try TestApp.vault.open(sealed)
            #expect(!sealed.contains(secret.dropFirst(6)) && opened == secret, "kept sealed")
            #expect(!(try await client.get("/admin/webhooks", as: admin)).text.contains(secret), "shown once")
            let log = try await client.get("/admin/webhooks/\(hook.id.rawValue)", as: admin)
            #expect(log.text.contains("Nothing has been sent to this address yet."))
            let removed = try await client.postFollowingRedirect("/admin/webhooks/\(hook.id.rawValue)/remove", as: admin)
            #expect(removed.text.contains("was removed"))
            #expect(try await store.webhooks().isEmpty)
        }
    }
}
