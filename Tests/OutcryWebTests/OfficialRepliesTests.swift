import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// The officials' side: a coordinator records what an office answered; the reply shows on the case's
/// timeline and on the report of totals to that official, and the officials' list puts those who answer first.
@Suite struct OfficialRepliesTests {
    static let reply: [(String, String)] = [
        ("target", "baktybek-amanbaev"), ("case", "temirov-live-2024"), ("action", "30-24"), ("date", "2024-06-12"),
        ("from", "Counsellor of the Embassy"), ("channel", "letter"), ("position", "promised_review"),
        ("summary", "The embassy wrote that it had passed the appeals to Bishkek."), ("full_text", "Dear Sir or Madam, …"),
    ]

    @Test(arguments: TestApp.engines)
    func aRecordedReplyShowsOnTheTimelineTheReportAndTheOfficialsList(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let created = try await client.post("/admin/replies", Self.reply, as: editor)
            #expect(created.status == .seeOther)
            let saved = try #require(try await store.allReplies().first)
            #expect(saved.position == .promisedReview && saved.action == "30-24" && saved.fullText == "Dear Sir or Madam, …")

            let timeline = try await client.get("/cases/temirov-live-2024", as: nil).text
            #expect(timeline.contains("Reply from Ambassador Baktybek Amanbaev"))
            #expect(timeline.contains("The embassy wrote that it had passed the appeals to Bishkek. (Promised a review)"))
            #expect(!timeline.contains("Dear Sir or Madam"), "the full text is for coordinators")
            let french = try await client.get("/fr/cases/temirov-live-2024", as: nil).text
            #expect(!french.contains("Reply from"))

            let report = try await client.get("/actions/30-24/officials/baktybek-amanbaev", as: nil).text
            #expect(report.contains("Your office replied on 12 June 2024."))
            let other = try await client.get("/actions/30-24/officials/sadyr-japarov", as: nil).text
            #expect(!other.contains("Your office replied"))

            let official = try await client.get("/admin/targets/baktybek-amanbaev", as: editor).text
            #expect(official.contains("12 June 2024 · Promised a review · The embassy wrote that it had passed the appeals to Bishkek."))
            let officials = try await client.get("/admin/targets", as: editor).text
            let replied = try #require(officials.range(of: "1 reply, last on 12 June 2024"))
            let never = try #require(officials.range(of: "Never replied"))
            #expect(replied.lowerBound < never.lowerBound, "those who answer come first")
        }
    }

    @Test(arguments: TestApp.engines)
    func aScanOfTheReplyIsStoredCleanLinkedFromTheTimelineAndKeptWhenTheReplyIsSaved(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/replies", Self.reply, as: editor)
            let reply = try #require(try await store.allReplies().first)
            let scanPath = AdminRoute.replyScan(reply.id).path
            #expect(try await client.get(AdminRoute.record(.replies, id: reply.id.rawValue).path, as: editor).text.contains(scanPath))
            let refused = try await client.postMultipart(
                scanPath, [("alt", "Letter from the embassy, one page")],
                files: [("picture", "scan.jpg", try PortraitTests.fixture("portrait-gps.jpg"))],
                as: editor)
            #expect(refused.status == .unprocessableContent, "without the box ticked nothing is stored")
            let saved = try await client.postMultipart(
                scanPath, [("alt", "Letter from the embassy, one page"), ("consent", "yes")],
                files: [("picture", "scan.jpg", try PortraitTests.fixture("portrait-gps.jpg"))], as: editor)
            #expect(saved.headers[.location] == AdminRoute.record(.replies, id: reply.id.rawValue).path + "?done=scan")
            let scan = try #require(try await store.reply(reply.id)?.scan)
            let bytes = [UInt8](try await client.execute(uri: "/images/\(scan.image)", method: .get).body.readableBytesView)
            #expect(!PortraitTests.contains(bytes, "Bishkek") && !PortraitTests.contains(bytes, "SERIAL-4711-0815"))
            let timeline = try await client.get("/cases/temirov-live-2024", as: nil).text
            #expect(
                timeline.contains(
                    #"<a href="/images/\#(scan.image)">See the reply as received (scan): Letter from the embassy, one page</a>"#))

            // Saving the reply's form again keeps its scan; removing the scan stops serving it.
            _ = try await client.post(AdminRoute.record(.replies, id: reply.id.rawValue).path, Self.reply, as: editor)
            #expect(try await store.reply(reply.id)?.scan == scan)
            _ = try await client.post(AdminRoute.removeReplyScan(reply.id).path, as: editor)
            #expect(try await store.reply(reply.id)?.scan == nil)
            #expect(try await client.execute(uri: "/images/\(scan.image)", method: .get).status == .notFound)
            #expect(try await store.auditLog(recordID: reply.id.rawValue).map(\.action).contains("scan added"))
        }
    }

    @Test func aReplyWithoutASummaryOrWithAnotherCasesActionIsRefusedAndNothingSaved() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            var fields = Self.reply.filter { $0.0 != "summary" }
            fields.append(("summary", ""))
            let empty = try await client.post("/admin/replies", fields, as: editor)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Counsellor of the Embassy"), "what was typed comes back")
            fields = Self.reply.map { $0.0 == "case" ? ("case", "kloop-media-2025") : $0 }
            let wrongCase = try await client.post("/admin/replies", fields, as: editor)
            #expect(wrongCase.text.contains("Choose an Urgent Action of that case, or none."))
            #expect(try await store.allReplies().isEmpty)
        }
    }
}
