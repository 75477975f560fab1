import Foundation
import OutcryCore
import OutcryStore

/// The words of every message Outcry sends, in plain text and in simple HTML.
enum AlertMail {
    struct Content {
        var subject: String
        var text: String
        var html: String
    }

    static func confirmation(confirmURL: String, manageURL: String) -> Content {
        let text = """
            Someone, we hope you, asked for Urgent Action alerts to be sent to this address.

            To start receiving them, confirm here (the link works for 7 days):
            \(confirmURL)

            If it was not you, do nothing: without confirmation, nothing else is sent, and the request is forgotten.

            To change what you receive, see what we hold about you, or have it deleted:
            \(manageURL)
            """
        let html = paragraphs([
            "Someone, we hope you, asked for Urgent Action alerts to be sent to this address.",
            "<a href=\"\(escape(confirmURL))\">Confirm and start receiving alerts</a> (the link works for 7 days).",
            "If it was not you, do nothing: without confirmation, nothing else is sent, and the request is forgotten.",
            "<a href=\"\(escape(manageURL))\">Change what you receive, see what we hold about you, or have it deleted</a>.",
        ])
        return Content(subject: "Please confirm your Urgent Action alerts", text: text, html: html)
    }

    static func manageLink(manageURL: String) -> Content {
        Content(
            subject: "Your Urgent Action alerts",
            text: "Here is the link you asked for, to change your alerts, download what we hold about you, or delete it:\n\(manageURL)\n\nIf you did not ask for it, you can ignore this message.",
            html: paragraphs([
                "<a href=\"\(escape(manageURL))\">Change your alerts, download what we hold about you, or delete it</a>.",
                "If you did not ask for this link, you can ignore this message.",
            ]))
    }

    static func alert(_ action: UrgentAction, in item: Case, occasion: AlertOccasion, actionURL: String, manageURL: String) -> Content {
        let opener: String =
            switch occasion {
            case .published: "Urgent Action \(action.number)"
            case .updated: "Update on Urgent Action \(action.number)"
            case .closed: "Outcome of Urgent Action \(action.number)"
            }
        var lines = [action.title, "", action.summary, ""]
        if occasion == .closed, let outcome = action.outcome {
            lines += ["What happened: \(outcome.note)", ""]
        } else {
            lines += ["Act now: write, e-mail or call the officials, with the sample letter on the page:", actionURL]
            if let deadline = action.deadline { lines.append("Please act before \(DateWording.text(deadline)).") }
            lines.append("")
        }
        lines += ["Read more: \(actionURL)", "", "Change or stop these alerts: \(manageURL)"]
        var html = ["<strong>\(escape(action.title))</strong>", escape(action.summary)]
        if occasion == .closed, let outcome = action.outcome {
            html.append("What happened: \(escape(outcome.note))")
        } else {
            html.append("<a href=\"\(escape(actionURL))\">Act now: write, e-mail or call the officials</a>"
                + (action.deadline.map { " — please act before \(escape(DateWording.text($0)))." } ?? "."))
        }
        html.append("<small><a href=\"\(escape(manageURL))\">Change or stop these alerts</a></small>")
        return Content(subject: "\(opener): \(action.title)", text: lines.joined(separator: "\n"), html: paragraphs(html))
    }

    static func digest(_ items: [(action: UrgentAction, occasion: AlertOccasion, url: String)], manageURL: String) -> Content {
        var lines = ["This week's Urgent Actions, updates and outcomes:", ""]
        var html = ["This week's Urgent Actions, updates and outcomes:"]
        for item in items {
            let label = item.occasion == .closed ? "Outcome" : item.occasion == .updated ? "Update" : "New"
            lines += ["\(label): Urgent Action \(item.action.number): \(item.action.title)", item.url, ""]
            html.append("\(label): <a href=\"\(escape(item.url))\">Urgent Action \(escape(item.action.number)): \(escape(item.action.title))</a>")
        }
        lines.append("Change or stop these alerts: \(manageURL)")
        html.append("<small><a href=\"\(escape(manageURL))\">Change or stop these alerts</a></small>")
        return Content(
            subject: "Urgent Actions this week: \(items.count) to read", text: lines.joined(separator: "\n"), html: paragraphs(html))
    }

    private static func paragraphs(_ items: [String]) -> String {
        "<!DOCTYPE html><html><body>" + items.map { "<p>\($0)</p>" }.joined() + "</body></html>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
