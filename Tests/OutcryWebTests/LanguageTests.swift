import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Every page a supporter reads, in every language at its own address: the words, the links, the
/// alternates and the switcher follow the address, and no page but `/` depends on a header.
@Suite struct LanguageTests {
    @Test func anActionPageIsServedInEachLanguageUnderItsCode() async throws {
        try await TestApp.withDemo { client in
            let russian = try await client.execute(uri: "/ru/actions/30-24", method: .get)
            #expect(russian.status == .ok)
            let html = russian.text
            #expect(html.contains(#"<html lang="ru">"#))
            #expect(html.contains(#"<h1 id="ua-title">Кыргызстан: 11 журналистам грозит до 10 лет лишения свободы</h1>"#))
            #expect(html.contains(#"<a href="/ru/cases/temirov-live-2024" lang="en">Temirov LIVE"#), "the case is not translated")
            let french = try await client.execute(uri: "/fr/actions/30-24", method: .get).text
            #expect(french.contains(#"<h1 id="ua-title" lang="en">Kyrgyzstan: 11 journalists"#), "untranslated words carry their language")
            #expect(html.contains(#"action="/ru/actions/30-24/letter/sadyr-japarov""#), "links stay in the reader's language")
            #expect(html.contains(#"action="/ru/actions/30-24/report""#))
            #expect(
                html.contains("<time datetime=\"2024-04-17\">17 апреля 2024\u{202F}г.</time>"), "ICU's date, with its narrow no-break space"
            )
            #expect(!html.contains("[missing "))
            let english = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(english.contains(#"<html lang="en">"#))
            #expect(english.contains(#"<h1 id="ua-title">"#), "no `lang` where the words are in the page's language")
        }
    }

    @Test func everyPageNamesItsOtherLanguagesAndTheSwitcherLeadsThere() async throws {
        try await TestApp.withDemo { client in
            let html = try await client.execute(uri: "/ky/cases/kloop-media-2025", method: .get).text
            for code in ["en", "ru", "ky", "fr", "es", "de"] {
                let path = code == "en" ? "/cases/kloop-media-2025" : "/\(code)/cases/kloop-media-2025"
                #expect(html.contains(#"<link rel="alternate" hreflang="\#(code)" href="http://127.0.0.1:8080\#(path)">"#), "\(code)")
                #expect(html.contains(#"<a href="\#(path)" lang="\#(code)" hreflang="\#(code)""#), "\(code)")
            }
            #expect(html.contains(#"aria-current="page">Кыргызча</a>"#))
        }
    }

    @Test func theSearchKeepsItsQueryWhenTheLanguageChanges() async throws {
        try await TestApp.withDemo { client in
            let html = try await client.execute(uri: "/fr/search?q=%D0%9C%D0%B0%D1%85%D0%B0%D0%B1%D0%B0%D1%82", method: .get).text
            #expect(html.contains(#"<html lang="fr">"#))
            #expect(html.contains(#"href="/de/search?q=%D0%9C%D0%B0%D1%85%D0%B0%D0%B1%D0%B0%D1%82""#))
            #expect(html.contains(#"href="/fr/people/makhabat-tazhibek-kyzy""#))
        }
    }

    @Test func englishStaysAtTheRootAndUnknownPrefixesAreNotFound() async throws {
        try await TestApp.withDemo { client in
            let prefixed = try await client.execute(uri: "/en/actions/30-24?x=1", method: .get)
            #expect(prefixed.status == .movedPermanently)
            #expect(prefixed.headers[.location] == "/actions/30-24?x=1")
            #expect(try await client.execute(uri: "/en/", method: .get).text.contains(#"<html lang="en">"#))
            #expect(try await client.execute(uri: "/ru/admin", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/ru/totals.csv", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/ru/healthz", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/xx/actions/30-24", method: .get).status == .notFound)
            let missing = try await client.execute(uri: "/de/actions/no-such-action", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains(#"<html lang="de">"#), "the error page speaks the address's language")
        }
    }

    @Test func onlyTheBareHomeFollowsTheBrowsersLanguage() async throws {
        try await TestApp.withDemo { client in
            let russian = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8"])
            #expect(russian.status == .found)
            #expect(russian.headers[.location] == "/ru")
            #expect(russian.headers[.vary] == "Accept-Language")
            let weighted = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "en;q=0.5, ky"])
            #expect(weighted.headers[.location] == "/ky")
            for header in ["en-GB,en;q=0.9,ru;q=0.5", "ja, zh;q=0.8", ""] {
                #expect(try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: header]).status == .ok, "\(header)")
            }
            let page = try await client.execute(uri: "/actions/30-24", method: .get, headers: [.acceptLanguage: "ru"])
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<html lang="en">"#), "any other address answers the same whoever asks")
        }
    }

    @Test func aReportSentInAnotherLanguageThanksInIt() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/ky/actions/30-24/report")
            let sent = try await client.submit("/ky/actions/30-24/report", [("token", token), ("count_letter", "1")])
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/ky/actions/30-24/thanks")
            let thanks = try await client.execute(uri: "/ky/actions/30-24/thanks", method: .get).text
            #expect(thanks.contains(#"<html lang="ky">"#))
            let refused = try await client.submit("/ru/actions/30-24/report", [("token", token), ("count_letter", "x")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<html lang="ru">"#))
        }
    }

    @Test func theTotalsInACachedPageAreInItsLanguage() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24/report")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "2")])
            let german = try await client.execute(uri: "/de/actions/30-24", method: .get).text
            let english = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(english.contains("<strong>1 person</strong> has reported <strong>2 actions</strong>."))
            #expect(!german.contains("1 person"))
            #expect(german.contains("<strong>1 Person</strong>"))
        }
    }

    @Test func acceptLanguageIsReadByWeightAndRegion() {
        #expect(Language.preferred(by: "ru-KG, ky;q=0.8") == .ru)
        #expect(Language.preferred(by: "ky;q=0.5, ru;q=0.7") == .ru)
        #expect(Language.preferred(by: "fr-CA;q=0, de") == .de)
        #expect(Language.preferred(by: "*") == nil)
        #expect(Language.home(for: "en-US,en;q=0.9,ru;q=0.8") == nil)
        #expect(Language.prefix(of: "/ru")?.rest == "/")
        #expect(Language.prefix(of: "/ru?q=1").map { "\($0.language):\($0.rest)" } == "ru:/?q=1")
        #expect(Language.prefix(of: "/rus/x") == nil)
    }

    @Test func feedsAreInEachLanguageToo() async throws {
        try await TestApp.withDemo { client in
            let feed = try await client.execute(uri: "/es/feeds/actions.atom", method: .get).text
            #expect(feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">"#))
            #expect(feed.contains(#"href="http://127.0.0.1:8080/es/actions/30-24""#))
            let russian = try await client.execute(uri: "/ru/feeds/actions.atom", method: .get).text
            #expect(russian.contains("Кыргызстан: 11 журналистам грозит"), "a translated action in the Russian feed")
            let page = try await client.execute(uri: "/es/actions/30-24", method: .get).text
            #expect(page.contains(#"type="application/atom+xml""#) && page.contains(#"href="/es/feeds/actions.atom""#))
        }
    }

    @Test func titlesAreTranslatedWhereTheyCanBeAndMarkedWhereTheyCannot() async throws {
        try await TestApp.withDemo { client in
            let russianHome = try await client.execute(uri: "/ru", method: .get).text
            #expect(russianHome.contains(#"<a href="/ru/actions/30-24">Кыргызстан: 11 журналистам грозит до 10 лет лишения свободы</a>"#))
            #expect(russianHome.contains(#"<a href="/ru/statements/kloop-media-staff-detained-2025" lang="en">"#))
            let frenchHome = try await client.execute(uri: "/fr", method: .get).text
            #expect(frenchHome.contains(#"<a href="/fr/actions/30-24" lang="en">Kyrgyzstan: 11 journalists"#))
            let list = try await client.execute(uri: "/ky/actions", method: .get).text
            #expect(list.contains("Кыргызстан: 11 журналист"), "the list of actions in Kyrgyz")
            let found = try await client.execute(
                uri: "/ru/search?q=%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB%D0%B8%D1%81%D1%82%D0%B0%D0%BC", method: .get)
            #expect(found.text.contains(#"href="/ru/actions/30-24""#), "found by its Russian title")
            let letter = try await client.execute(uri: "/ru/actions/30-24/letter/sadyr-japarov", method: .get).text
            #expect(letter.contains(#"<p class="salutation">Уважаемый господин Президент!</p>"#), "a Russian letter throughout")
            #expect(letter.contains(#"<p class="closing">С уважением,</p>"#))
            #expect(!letter.contains("Dear Mr. President"))
            let report = try await client.execute(uri: "/fr/actions/30-24/officials/sadyr-japarov", method: .get).text
            #expect(report.contains(#"<p class="salutation">Madame, Monsieur,</p>"#), "no French letter: the French greeting to anyone")
            let russianReport = try await client.execute(uri: "/ru/actions/30-24/officials/sadyr-japarov", method: .get).text
            #expect(russianReport.contains(#"<p class="salutation">Уважаемый господин Президент!</p>"#))
            let toAmbassador = try await client.execute(uri: "/ru/actions/30-24/letter/baktybek-amanbaev?language=ru", method: .get).text
            #expect(toAmbassador.contains(#"<p class="salutation">Уважаемые дамы и господа!</p>"#))
        }
    }

    @Test func thePhoneScriptKeepsANamesCapitalInAnyScript() {
        var action = UrgentAction.readyToPublish()
        let names = ["Makhabat Tazhibek-kyzy"]
        #expect(Messages.continuing("Release them now", action: action, names: names) == "release them now")
        #expect(Messages.continuing("Махабат Тажибек кызын бошотуңуз", action: action, names: names) == "Махабат Тажибек кызын бошотуңуз")
        #expect(Messages.continuing("Makhabat must be freed", action: action, names: names) == "Makhabat must be freed")
        action.language = "de"
        #expect(Messages.continuing("Freilassung aller Journalisten", action: action, names: names) == "Freilassung aller Journalisten")
    }
}
