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

    static func confirmation(confirmURL: String, manageURL: String, language: String) -> Content {
        let words = MailWording.of(language)
        return Content(
            subject: words.confirmSubject,
            text: [words.confirmIntro, "", words.confirmAction, confirmURL, "", words.notYou, "", words.manageAction, manageURL].joined(
                separator: "\n"),
            html: paragraphs([
                escape(words.confirmIntro), link(words.confirmAction, confirmURL), escape(words.notYou),
                link(words.manageAction, manageURL),
            ]))
    }

    static func manageLink(manageURL: String, language: String) -> Content {
        let words = MailWording.of(language)
        return Content(
            subject: words.manageSubject,
            text: [words.manageIntro, manageURL, "", words.ignore].joined(separator: "\n"),
            html: paragraphs([link(words.manageIntro, manageURL), escape(words.ignore)]))
    }

    static func alert(_ action: UrgentAction, occasion: AlertOccasion, actionURL: String, manageURL: String, language: String) -> Content {
        let words = MailWording.of(language)
        let opener = words.format(
            occasion == .closed ? words.outcome : occasion == .updated ? words.update : words.newAction, action.number)
        var lines = [action.title, "", action.summary, ""]
        var html = ["<strong>\(escape(action.title))</strong>", escape(action.summary)]
        if occasion == .closed, let outcome = action.outcome {
            lines += ["\(words.whatHappened) \(outcome.note)", ""]
            html.append(escape("\(words.whatHappened) \(outcome.note)"))
        } else {
            lines += [words.actNow, actionURL]
            html.append(link(words.actNow, actionURL))
            if let deadline = action.deadline {
                let before = words.format(words.actBefore, DateWording.text(deadline))
                lines.append(before)
                html.append(escape(before))
            }
            lines.append("")
        }
        lines += ["\(words.readMore) \(actionURL)", "", words.changeOrStop, manageURL]
        html.append("<small>\(link(words.changeOrStop, manageURL))</small>")
        return Content(subject: "\(opener): \(action.title)", text: lines.joined(separator: "\n"), html: paragraphs(html))
    }

    static func digest(
        _ items: [(action: UrgentAction, occasion: AlertOccasion, url: String)], manageURL: String, language: String
    ) -> Content {
        let words = MailWording.of(language)
        var lines = [words.digestIntro, ""]
        var html = [escape(words.digestIntro)]
        for item in items {
            let label = item.occasion == .closed ? words.labelOutcome : item.occasion == .updated ? words.labelUpdate : words.labelNew
            let heading = "\(label): \(words.format(words.newAction, item.action.number)): \(item.action.title)"
            lines += [heading, item.url, ""]
            html.append("<a href=\"\(escape(item.url))\">\(escape(heading))</a>")
        }
        lines += [words.changeOrStop, manageURL]
        html.append("<small>\(link(words.changeOrStop, manageURL))</small>")
        return Content(
            subject: words.format(words.digestSubject, String(items.count)), text: lines.joined(separator: "\n"), html: paragraphs(html))
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
