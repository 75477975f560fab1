import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Portraits from upload to page: cleaned before they are stored, required to say what they show and
/// that publication was agreed, served for ever from one address, and gone at once when removed.
@Suite struct PortraitTests {
    static let person = "makhabat-tazhibek-kyzy"
    static let portraitPath = "/admin/people/\(person)/portrait"

    static func fixture(_ name: String) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/images")
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.count >= needle.count
            && (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test(arguments: TestApp.engines)
    func anUploadedPhotoIsStoredCleanAndShownAtTheTopOfTheAction(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let alt = "Makhabat Tazhibek kyzy at her desk"
            let saved = try await client.postMultipart(
                Self.portraitPath, [("alt", alt), ("consent", "yes")],
                files: [("picture", "IMG_0042.jpg", try Self.fixture("portrait-gps.jpg"))],
                as: editor)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/people/\(Self.person)?done=portrait")
            let person = try #require(try await store.person(Identifier(Self.person)))
            let portrait = try #require(person.portrait)
            #expect(portrait.alt == alt)

            let image = try await client.execute(uri: "/images/\(portrait.image)", method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/jpeg")
            #expect(image.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let bytes = [UInt8](image.body.readableBytesView)
            for secret in ["PhoneMaker", "SERIAL-4711-0815", "Owner Name", "courthouse", "Bishkek"] {
                #expect(!Self.contains(bytes, secret), "\(secret) was served")
            }
            #expect(try CleanImage(bytes).width == 48)
            let again = try await client.execute(
                uri: "/images/\(portrait.image)", method: .get, headers: [.ifNoneMatch: image.headers[.eTag]!])
            #expect(again.status == .notModified)

            let page = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(page.contains(#"<img src="/images/\#(portrait.image)" alt="\#(alt)" width="56" height="56">"#))
            #expect(page.contains(#"/images/\#(portrait.image)">\#n<meta property="og:image:alt" content="\#(alt)">"#), "the link preview")
            #expect(try await store.auditLog(recordID: Self.person).first?.action == "portrait added")
        }
    }

    @Test func withoutAltTextConsentOrARealPictureNothingIsStored() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let jpeg = try Self.fixture("portrait-gps.jpg")
            let cases: [([(String, String)], [(String, String, [UInt8])], String)] = [
                ([("alt", "A face")], [("picture", "a.jpg", jpeg)], "Confirm that publication was agreed"),
                ([("consent", "yes")], [("picture", "a.jpg", jpeg)], "What the picture shows"),
                (
                    [("alt", "A face"), ("consent", "yes")], [("picture", "a.jpg", try Self.fixture("not-a-picture.gif"))],
                    "This file is not a JPEG, PNG or WebP picture"
                ),
                ([("alt", "A face"), ("consent", "yes")], [("picture", "a.jpg", Array(jpeg.prefix(600)))], "damaged or incomplete"),
                ([("alt", "A face"), ("consent", "yes")], [("picture", "", [])], "Choose a picture file."),
            ]
            for (fields, files, problem) in cases {
                let response = try await client.postMultipart(Self.portraitPath, fields, files: files, as: editor)
                #expect(response.status == .unprocessableContent, "\(problem)")
                #expect(response.text.contains(problem), "\(problem)")
                #expect(response.text.contains(#"enctype="multipart/form-data""#))
            }
            #expect(try await store.person(Identifier(Self.person))?.portrait == nil)
            let viewer = try await store.signedIn(.viewer, now: clock.now)
            let refused = try await client.postMultipart(
                Self.portraitPath, [("alt", "A face"), ("consent", "yes")], files: [("picture", "a.jpg", jpeg)], as: viewer)
            #expect(refused.status == .forbidden)
            let forged = Browser(cookie: editor.cookie, csrf: "not-the-token", email: editor.email)
            let noToken = try await client.postMultipart(
                Self.portraitPath, [("alt", "A face"), ("consent", "yes")], files: [("picture", "a.jpg", jpeg)], as: forged)
            #expect(noToken.status == .forbidden)
            #expect(try await store.person(Identifier(Self.person))?.portrait == nil)
        }
    }

    @Test(arguments: TestApp.engines)
    func aRemovedPortraitIsNoLongerServed(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.postMultipart(
                Self.portraitPath, [("alt", "A face"), ("consent", "yes")],
                files: [("picture", "a.png", try Self.fixture("portrait-text.png"))],
                as: editor)
            let image = try #require(try await store.person(Identifier(Self.person))?.portrait?.image)
            #expect(image.hasSuffix(".png"))
            let removed = try await client.postFollowingRedirect(Self.portraitPath + "/remove", as: editor)
            #expect(removed.text.contains("The portrait was removed and is no longer served."))
            #expect(try await client.execute(uri: "/images/\(image)", method: .get).status == .notFound)
            #expect(try await store.image(image) == nil)
            #expect(try await store.person(Identifier(Self.person))?.portrait == nil)
            #expect(try await client.execute(uri: "/images/../../etc/passwd", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestApp.engines)
    func aCaseHasAPictureOfItsOwnStoredTheSameWay(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let path = "/admin/cases/temirov-live-2024/picture"
            #expect(try await client.get("/admin/cases/temirov-live-2024", as: editor).text.contains(#"<a href="\#(path)">Picture</a>"#))
            let saved = try await client.postMultipart(
                path, [("alt", "Supporters outside the court"), ("consent", "yes")],
                files: [("picture", "vigil.webp", try Self.fixture("portrait-exif.webp"))], as: editor)
            #expect(saved.headers[.location] == "/admin/cases/temirov-live-2024?done=picture")
            let picture = try #require(try await store.case("temirov-live-2024")?.picture)
            #expect(picture.image.hasSuffix(".webp"))
            let page = try await client.execute(uri: "/cases/temirov-live-2024", method: .get).text
            #expect(page.contains(#"<img class="case-picture" src="/images/\#(picture.image)" alt="Supporters outside the court">"#))
            let served = [UInt8](try await client.execute(uri: "/images/\(picture.image)", method: .get).body.readableBytesView)
            #expect(!Self.contains(served, "SERIAL-4711-0815") && !Self.contains(served, "Bishkek"))
            // Editing the case keeps its picture; removing it stops serving it.
            let form = try await client.get("/admin/cases/temirov-live-2024", as: editor)
            _ = try await client.post(
                "/admin/cases/temirov-live-2024", form.formFields(action: "/admin/cases/temirov-live-2024"), as: editor)
            #expect(try await store.case("temirov-live-2024")?.picture == picture)
            _ = try await client.post(path + "/remove", as: editor)
            #expect(try await client.execute(uri: "/images/\(picture.image)", method: .get).status == .notFound)
        }
    }
}
