import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// Groups that write together: an organiser registers a class and gets a private link by e-mail; opening it
/// confirms the group; its reports count apart from individual supporters, once per form, and numbers
/// beyond what the class could write wait for a coordinator.
@Suite struct GroupTests {
    static let registration = [
        ("name", "Class 9B, School No. 12"), ("kind", "school"), ("size", "32"), ("town", "Bishkek"), ("country", "KG"),
        ("email", "teacher@example.org"), ("shows-name", "yes"), ("hears-outcome", "yes"),
    ]

    @Test(arguments: TestApp.engines)
    func aClassRegistersConfirmsAndReportsItsLetters(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let path = try await Self.registerAndConfirm(client, store)
            let group = try #require(try await store.allGroups().first)
            #expect(group.status == .confirmed && group.size == 32 && group.kind == .school)

            // 300 letters from a class of 32: plausible, counted, shown apart from individual supporters.
            let form = try await client.get(path + "?action=30-24", as: nil)
            #expect(form.text.contains("Report for"))
            let token = try #require(form.hidden("token"))
            let fields = [("token", token), ("letter", "300"), ("target", "sadyr-japarov"), ("from", "2026-11-20"), ("to", "2026-11-26")]
            let sent = try await client.submit(path + "?action=30-24", fields)
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location]?.hasSuffix("done=counted") == true)
            // The same form again (a double click, a retry): stored once.
            let again = try await client.submit(path + "?action=30-24", fields)
            #expect(again.headers[.location]?.hasSuffix("done=duplicate") == true)
            let totals = try await store.totals(of: "30-24")
            #expect(totals.groups == GroupTotals(groups: 1, byKind: [.letter: 300]))
            #expect(totals.byTarget["sadyr-japarov"]?.groups.byKind[.letter] == 300)
            #expect(totals.reports == 0, "a group's report is not one person")
            let action = try await client.get("/actions/30-24", as: nil).text
            #expect(action.contains("Written together by 1 group: 300 letters."))
            let official = try await client.get("/actions/30-24/officials/sadyr-japarov", as: nil).text
            #expect(official.contains("Written together by 1 group: 300 letters."))
            // The signed statement on the report says it too, and the verification page reads it back.
            #expect(official.contains("countries: 0\ngroups: 1\ngroup-letter: 300\ngroup-card: 0"))
            let code = try #require(official.firstMatch(of: /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)).output
            // Partner systems read them too, apart from people.
            let api = try await client.execute(uri: "/api/v1/actions/30-24/totals", method: .get)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any])
            #expect(json["groups"] as? [String: Int] == ["groups": 1, "letter": 300, "card": 0, "signature": 0, "other": 0])
            let csv = try await client.get("/actions/30-24/totals.csv", as: nil).text
            #expect(csv.contains("30.24,groups,,group-letter,300\r\n"))
            #expect(csv.contains("30.24,target_groups,Sadyr Japarov,group-letter,300\r\n"))
            let verified = try await client.get("/verify?code=\(code)", as: nil).text
            #expect(verified.contains("<th scope=\"row\">What the groups did</th><td>300 letters</td>"))

            // 100 more is more than 32 pupils write for one action: held, with the reason, out of the totals.
            let more = try await client.submit(
                path + "?action=30-24",
                [("token", try await client.formToken(on: path + "?action=30-24")), ("card", "100"), ("from", "2026-11-27")])
            #expect(more.headers[.location]?.hasSuffix("done=held") == true)
            #expect(try await store.totals(of: "30-24").groups.actions == 300)
            let home = try await client.get(path, as: nil).text
            #expect(home.contains("Being checked") && home.contains("Counted"))

            let editor = try await store.signedIn(.editor, now: clock.now)
            #expect(try await client.get("/admin", as: editor).text.contains("1 group report waiting for a check"))
            let held = try await client.get("/admin/group-reports", as: editor)
            #expect(
                held.text.contains(
                    "400 actions for this action from a group of 32 (school): more than the 320 plausible before a coordinator checks the group"
                ))
            let report = try #require(try await store.heldGroupReports().first)
            let accepted = try await client.postFollowingRedirect(
                AdminRoute.groupReport(report.id).path, [("decision", "accept")], as: editor)
            #expect(accepted.text.contains("The report is counted in the totals."))
            #expect(try await store.totals(of: "30-24").groups.byKind == [.letter: 300, .card: 100])

            // The class agreed to be named: its name is public once a coordinator has checked the group.
            #expect(try await client.get("/groups/\(group.id)", as: nil).status == .notFound)
            #expect(try await client.get(path, as: nil).text.contains("once one of our coordinators has checked it"))
            try await Self.check(group.id, client, editor)
            let certificate = try await client.get(path + "/certificate", as: nil)
            #expect(certificate.status == .ok)
            #expect(certificate.text.contains("took part in 1 Urgent Action with 300 letters and 100 cards."))
            let shownPage = try await client.get("/groups/\(group.id)", as: nil).text
            #expect(shownPage.contains("Class 9B, School No. 12") && shownPage.contains("School class · Bishkek, Kyrgyzstan"))
        }
    }

    @Test func aCampaignPageCountsGroupsOnceAndNamesThoseWhoAgreed() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/campaigns", [("title", "Write for Rights 2026"), ("action", "30-24")], as: editor)
            let campaign = try #require(try await store.allCampaigns().first)
            let path = try await Self.registerAndConfirm(client, store)
            // A second group, made by a coordinator, that did not agree to be named.
            _ = try await client.post(
                "/admin/groups",
                [
                    ("name", "Amnesty Osh"), ("kind", "local_group"), ("size", "15"), ("town", "Osh"), ("language", "ru"),
                    ("verified", "yes"),
                ],
                as: editor)
            let quiet = try #require(try await store.allGroups().first { $0.name == "Amnesty Osh" })
            #expect(quiet.status == .confirmed && quiet.language == "ru" && !quiet.showsName && quiet.verified)
            let teachers = try #require(try await store.allGroups().first { $0.name != "Amnesty Osh" })
            #expect(!teachers.verified, "a group registered on the site waits for a coordinator's check")
            try await Self.check(teachers.id, client, editor)
            let quietPath = SiteRoute.groupReport(Self.links.token(quiet)).path
            let shown = try await client.get(AdminRoute.record(.groups, id: quiet.id.rawValue).path, as: editor).text
            #expect(shown.contains(quietPath), "the coordinator sees the private link to hand out")

            for (link, letters) in [(path, "20"), (quietPath, "10"), (path, "5")] {
                let token = try await client.formToken(on: link + "?action=30-24")
                let sent = try await client.submit(link + "?action=30-24", [("token", token), ("letter", letters), ("from", "2026-11-26")])
                #expect(sent.headers[.location]?.hasSuffix("done=counted") == true)
            }
            let page = try await client.get("/campaigns/\(campaign.id)", as: nil).text
            #expect(page.contains("2 groups took part."))
            #expect(page.contains("Written together by 2 groups: 35 letters."))
            #expect(page.contains("Class 9B, School No. 12, Bishkek, Kyrgyzstan"))
            #expect(!page.contains("Amnesty Osh"), "a group that did not agree is not named")
            #expect(try await client.get("/groups/\(quiet.id)", as: nil).status == .notFound)
            // The group's own page speaks its organiser's language.
            #expect(try await client.get(quietPath, as: nil).text.contains(#"<html lang="ru""#))
            // A link that went further than the group is replaced: the old one stops working at once.
            let replaced = try await client.postFollowingRedirect(AdminRoute.newGroupLink(quiet.id).path, as: editor)
            #expect(replaced.text.contains("A new private link is made and the old one no longer works."))
            #expect(try await client.get(quietPath, as: nil).status == .notFound)
            let renewed = try #require(try await store.writingGroup(quiet.id))
            let newPath = SiteRoute.groupReport(Self.links.token(renewed)).path
            #expect(newPath != quietPath && replaced.text.contains(newPath))
            #expect(try await client.get(newPath, as: nil).status == .ok)
        }
    }

    @Test func badFormsAreRefusedWithTheReasonAndStoreNothing() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            var fields = Self.registration.filter { $0.0 != "email" && $0.0 != "size" }
            fields += [("size", "90000"), ("email", "not an address"), ("token", try await client.formToken(on: "/groups/new"))]
            let refused = try await client.submit("/groups/new", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Please give a whole number of people from 1 to 3,000."))
            #expect(refused.text.contains("Please give an e-mail address such as name@example.org"))
            #expect(refused.text.contains("Class 9B, School No. 12"), "what was typed is kept")
            let forged = try await client.submit("/groups/new", Self.registration + [("token", "1.2.3")])
            #expect(forged.status == .unprocessableContent)
            #expect(try await store.allGroups().isEmpty)

            let path = try await Self.registerAndConfirm(client, store)
            for (extra, problem) in [
                ([("letter", "-3"), ("from", "2026-11-26")], "A number cannot be below zero."),
                ([("letter", "many"), ("from", "2026-11-26")], "Please give a whole number, such as 30."),
                ([("letter", "0"), ("from", "2026-11-26")], "Please give at least one number"),
                ([("letter", "5"), ("from", "2026-11-26"), ("to", "2026-11-20")], "The last day is before the first."),
                ([("letter", "5"), ("from", "2026-12-24")], "This day has not come yet."),
                ([("letter", "5"), ("from", "2026-11-26"), ("target", "someone-else")], "The official you chose is not on this action"),
            ] {
                let token = try await client.formToken(on: path + "?action=30-24")
                let response = try await client.submit(path + "?action=30-24", [("token", token)] + extra)
                #expect(response.status == .unprocessableContent, "\(extra)")
                #expect(response.text.contains(problem), "\(extra)")
            }
            let noToken = try await client.submit(path + "?action=30-24", [("letter", "5"), ("from", "2026-11-26")])
            #expect(noToken.status == .unprocessableContent)
            #expect(try await store.groupReports(of: try #require(try await store.allGroups().first).id).isEmpty)
            // A link with a wrong code finds nothing.
            #expect(try await client.get(String(path.dropLast(2)) + "xx", as: nil).status == .notFound)
        }
    }

    @Test func oneConnectionRegistersOnlySoManyGroupsAnHour() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            for number in 1...6 {
                let fields =
                    Self.registration.filter { $0.0 != "name" && $0.0 != "email" } + [
                        ("name", "Class \(number)"), ("email", "teacher\(number)@example.org"),
                        ("token", try await client.formToken(on: "/groups/new")),
                    ]
                let response = try await client.submit("/groups/new", fields)
                if number <= AlertMailLimits.perClient.count {
                    #expect(response.status == .ok)
                } else {
                    #expect(response.status == .tooManyRequests)
                    #expect(response.headers[.retryAfter] != nil)
                    #expect(response.text.contains("Several groups were registered from your connection in the last hour"))
                }
            }
            #expect(try await store.allGroups().count == AlertMailLimits.perClient.count, "the refused one is not stored")
        }
    }

    @Test(arguments: TestApp.engines)
    func aClosingTellsTheGroupsThatAskedOnce(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let path = try await Self.registerAndConfirm(client, store)
            let token = try await client.formToken(on: path + "?action=30-24")
            _ = try await client.submit(path + "?action=30-24", [("token", token), ("letter", "30"), ("from", "2026-11-26")])
            let editor = try await store.signedIn(.editor, now: clock.now)
            let closing = [("outcome", "released"), ("note", "Both journalists were released on 20 November."), ("confirm", "yes")]
            _ = try await client.postFollowingRedirect("/admin/actions/30-24/close", closing, as: editor)
            _ = try await client.postFollowingRedirect("/admin/actions/30-24/reopen", as: editor)
            _ = try await client.postFollowingRedirect("/admin/actions/30-24/close", closing, as: editor)
            // A form opened before the closing and sent after it is told why nothing was counted.
            let late = try await client.submit(path + "?action=30-24", [("token", token), ("letter", "5"), ("from", "2026-11-26")])
            #expect(late.status == .unprocessableContent)
            #expect(late.text.contains("This action is closed"))
            let news = try await ReporterNewsTests.news(store)
            #expect(news.count == 1)
            #expect(news.first?.text.contains("Both journalists were released on 20 November.") == true)
            // Its forget link deletes the organiser's address; the group and its reports stay.
            let link = try #require(
                news.first?.text.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.contains("/alerts/forget/") })
            _ = try await client.submit(try #require(URLComponents(string: link)?.path), [])
            let group = try #require(try await store.allGroups().first)
            #expect(try await store.groupContact(group.id) == nil)
            #expect(try await store.groupReports(of: group.id).count == 1)
        }
    }

    @Test func oneGroupSendsOnlySoManyReportsAnHour() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let path = try await Self.registerAndConfirm(client, store)
            for number in 1...(GroupsController.reportsPerHour.count + 1) {
                let token = try await client.formToken(on: path + "?action=30-24")
                let response = try await client.submit(
                    path + "?action=30-24", [("token", token), ("signature", "1"), ("from", "2026-11-\(10 + number % 15)")])
                if number <= GroupsController.reportsPerHour.count {
                    #expect(response.status == .seeOther)
                } else {
                    #expect(response.status == .tooManyRequests)
                    #expect(response.text.contains("Your group sent many reports in the last hour"))
                }
            }
        }
    }

    static var links: GroupLinks { GroupLinks(secret: TestApp.vault.secret(for: "group links")) }

    /// A coordinator opens the group's page, ticks "Checked" and saves, as in the browser.
    static func check(_ id: Identifier<WritingGroup>, _ client: some TestClientProtocol, _ editor: Browser) async throws {
        let path = AdminRoute.record(.groups, id: id.rawValue).path
        let fields = try await client.get(path, as: editor).formFields(action: path).filter { $0.0 != "verified" && $0.0 != "csrf" }
        let saved = try await client.post(path, fields + [("verified", "yes")], as: editor)
        #expect(saved.status == .seeOther)
    }

    /// Registers the class as its teacher would, opens the link the message carries and confirms: the link's path.
    static func registerAndConfirm(_ client: some TestClientProtocol, _ store: Store) async throws -> String {
        let token = try await client.formToken(on: "/groups/new")
        let registered = try await client.submit("/groups/new", registration + [("token", token)])
        #expect(registered.status == .ok)
        #expect(registered.text.contains("teacher@example.org"))
        let text = try await store.engine.read { database in
            try await database.select().column("body_text").from("outbox").where("kind", .equal, "group-link").first()
        }
        let body = try TestApp.vault.openMarked(try #require(text).decode(column: "body_text", as: String.self))
        let link = try #require(body.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.contains("/groups/report/") })
        let path = try #require(URLComponents(string: link)?.path)
        let waiting = try await client.get(path, as: nil)
        #expect(waiting.text.contains("Confirm our group"))
        #expect(waiting.headers[.cacheControl] == "no-store", "a page at a private link is kept by no cache")
        #expect(try await store.allGroups().first?.status == .waiting, "opening the link changes nothing by itself")
        let confirmed = try await client.submit(path + "/confirm", [])
        #expect(confirmed.status == .seeOther)
        return path
    }
}
