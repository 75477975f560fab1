import Foundation
import OutcryCore
import OutcryStore

/// Every message Outcry sends, in plain text and in simple HTML, in the subscriber's language.
enum AlertMail {
    private static func escape(_ text: String) -> String { Markup.escape(text) }

    struct Content {
        var subject: String
        var text: String
        var html: String
    }

    /// The catalog of a subscriber's language (a code), English when there is none for it.
    static func words(_ language: String) -> Messages { Messages(Language(rawValue: language) ?? .en) }

    static func confirmation(confirmURL: String, manageURL: String, language: String) -> Content {
        let words = words(language)
        let (intro, action, notYou, manage) = (
            words("mail.confirm-intro"), words("mail.confirm-action"), words("mail.not-you"), words("mail.manage-action")
        )
        return Content(
            subject: words("mail.confirm-subject"),
            text: [intro, "", action, confirmURL, "", notYou, "", manage, manageURL].joined(separator: "\n"),
            html: paragraphs([escape(intro), link(action, confirmURL), escape(notYou), link(manage, manageURL)]))
    }

    static func manageLink(manageURL: String, language: String) -> Content {
        let words = words(language)
        return Content(
            subject: words("mail.manage-subject"),
            text: [words("mail.manage-intro"), manageURL, "", words("mail.ignore")].joined(separator: "\n"),
            html: paragraphs([link(words("mail.manage-intro"), manageURL), escape(words("mail.ignore"))]))
    }

    static func alert(_ action: UrgentAction, occasion: AlertOccasion, actionURL: String, manageURL: String, language: String) -> Content {
        let words = words(language)
        let opener = words(
            occasion == .closed ? "mail.outcome" : occasion == .updated ? "mail.update" : "mail.new-action", ["number": action.number])
        var lines = [action.title, "", action.summary, ""]
        var html = ["<strong>\(escape(action.title))</strong>", escape(action.summary)]
        if occasion == .closed, let outcome = action.outcome {
            lines += ["\(words("mail.what-happened")) \(outcome.note)", ""]
            html.append(escape("\(words("mail.what-happened")) \(outcome.note)"))
        } else {
            lines += [words("mail.act-now"), actionURL]
            html.append(link(words("mail.act-now"), actionURL))
            if let deadline = action.deadline {
                let before = words("mail.act-before", ["date": DateWording.text(deadline, language: words.language.rawValue)])
                lines.append(before)
                html.append(escape(before))
            }
            lines.append("")
        }
        lines += ["\(words("mail.read-more")) \(actionURL)", "", words("mail.change-or-stop"), manageURL]
        html.append("<small>\(link(words("mail.change-or-stop"), manageURL))</small>")
        return Content(subject: "\(opener): \(action.title)", text: lines.joined(separator: "\n"), html: paragraphs(html))
    }

    /// To a supporter who reported on an action and agreed to hear news of it: how it ended, once.
    static func reporterNews(_ action: UrgentAction, actionURL: String, forgetURL: String, language: String) -> Content {
        let words = words(language)
        let opener = words("mail.outcome", ["number": action.number])
        let why = words("mail.news-why", ["number": action.number])
        var lines = [words("mail.news-thanks"), "", action.title, ""]
        var html = [escape(words("mail.news-thanks")), "<strong>\(escape(action.title))</strong>"]
        if let outcome = action.outcome, !outcome.note.isEmpty {
            lines += ["\(words("mail.what-happened")) \(outcome.note)", ""]
            html.append(escape("\(words("mail.what-happened")) \(outcome.note)"))
        }
        lines += ["\(words("mail.read-more")) \(actionURL)", "", why, words("mail.news-forget"), forgetURL]
        html.append(link(words("mail.read-more"), actionURL))
        html.append("<small>\(escape(why)) \(link(words("mail.news-forget"), forgetURL))</small>")
        return Content(subject: "\(opener): \(action.title)", text: lines.joined(separator: "\n"), html: paragraphs(html))
    }

    /// The private link a group's organiser reports with; opening it confirms the group.
    static func groupLink(_ group: WritingGroup, url: String, language: String) -> Content {
        let words = words(language)
        let intro = words("mail.group-intro", ["name": group.name])
        return Content(
            // The name typed into the form stays out of the subject: the site sends no one's words as a headline.
            subject: words("mail.group-subject"),
            text: [
                intro, "", words("mail.group-action"), url, "", words("mail.group-keep"), words("group.sent-expiry"), "",
                words("mail.not-you"),
            ].joined(separator: "\n"),
            html: paragraphs([
                escape(intro), link(words("mail.group-action"), url),
                escape(words("mail.group-keep") + " " + words("group.sent-expiry")), escape(words("mail.not-you")),
            ]))
    }

    static func digest(
        _ items: [(action: UrgentAction, occasion: AlertOccasion, url: String)], manageURL: String, language: String
    ) -> Content {
        let words = words(language)
        var lines = [words("mail.digest-intro"), ""]
        var html = [escape(words("mail.digest-intro"))]
        for item in items {
            let label = words(
                item.occasion == .closed ? "mail.label-outcome" : item.occasion == .updated ? "mail.label-update" : "mail.label-new")
            let heading = "\(label): \(words("mail.new-action", ["number": item.action.number])): \(item.action.title)"
            lines += [heading, item.url, ""]
            html.append("<a href=\"\(escape(item.url))\">\(escape(heading))</a>")
        }
        lines += [words("mail.change-or-stop"), manageURL]
        html.append("<small>\(link(words("mail.change-or-stop"), manageURL))</small>")
        return Content(
            subject: words.plural("mail.digest-subject", count: items.count), text: lines.joined(separator: "\n"), html: paragraphs(html))
    }

    /// The words as a link: the colon that introduces the address in plain text goes.
    private static func link(_ words: String, _ url: String) -> String {
        let label = words.hasSuffix(":") ? String(words.dropLast()).trimmingCharacters(in: .whitespaces) : words
        return "<a href=\"\(escape(url))\">\(escape(label))</a>"
    }

    private static func paragraphs(_ items: [String]) -> String {
        "<!DOCTYPE html><html><body>" + items.map { "<p>\($0)</p>" }.joined() + "</body></html>"
    }
}
