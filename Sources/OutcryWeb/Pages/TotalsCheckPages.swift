import Foundation
import OutcryCore
import OutcryStore

/// `/verify`: anyone (an embassy, a journalist) checks a signed statement of totals by its code or by
/// pasting it, and sees whether this site signed it, what it said, and whether the action's daily record
/// of totals still holds what the statement saw.
struct TotalsCheckPages: Sendable {
    let store: Store
    let signer: TotalsSigner
    let publicURL: String
    var messages = Messages.english

    /// Longer than any statement this site signs, with room for a long name: more is not one.
    static let longestInput = 4_000

    func speaking(_ messages: Messages) -> TotalsCheckPages {
        var pages = self
        pages.messages = messages
        return pages
    }

    /// The form, with what was asked and the answer when something was.
    func check(_ input: String) async throws -> VerifyTotalsPage {
        let input = input.trimmingCharacters(in: .whitespacesAndNewlines)
        var page = VerifyTotalsPage(
            page: PageMeta(
                title: messages("verify.title"), description: messages("verify.intro"), messages: messages, route: .verifyTotals,
                siteURL: publicURL),
            input: input, formAction: messages.href(.verifyTotals))
        guard !input.isEmpty else { return page }
        switch try await result(of: input) {
        case .success(let said): page.said = said
        case .failure(let refusal): page.refusal = refusal.reason
        }
        return page
    }

    private struct Refusal: Error { var reason: String }

    private func result(of input: String) async throws -> Result<VerifyTotalsPage.Said, Refusal> {
        func refused(_ reason: String) -> Result<VerifyTotalsPage.Said, Refusal> { .failure(Refusal(reason: reason)) }
        guard input.count <= Self.longestInput else { return refused(messages("verify.too-long")) }
        let signed: SignedTotalsStatement
        if let code = SignedTotalsStatement.normalisedCode(input) {
            guard let kept = try await store.signedStatement(code: code) else {
                return refused(messages("verify.no-such-code", ["code": code]))
            }
            signed = kept
        } else {
            guard let pasted = SignedTotalsStatement(text: input) else { return refused(messages("verify.not-a-statement")) }
            signed = pasted
        }
        guard signer.isGenuine(signed) else { return refused(messages("verify.not-genuine", ["site": publicURL])) }
        return .success(try await said(signed.statement))
    }

    /// What a genuine statement said, in the reader's language, and what the daily record says of it now.
    private func said(_ statement: TotalsStatement) async throws -> VerifyTotalsPage.Said {
        let action = try await store.urgentActions([statement.action]).first
        // A statement reads back only with a whole day (`TotalsStatement.isDay`).
        let day = (try? HistoricalDate(iso: statement.day)) ?? HistoricalDate(day: Date(timeIntervalSince1970: 0))
        let stillHolds = try await statement.record.asyncMap { try await store.dailyTotalsStillHold($0, of: statement.action) }
        return VerifyTotalsPage.Said(
            heading: messages("verify.genuine", ["site": statement.site]),
            action: try await action.asyncMap { try await Titles.load(store, messages, actions: [$0]).link($0) }
                ?? Link(text: statement.actionNumber, href: messages.href(.urgentAction(statement.action))),
            about: statement.officialName.map { messages("verify.for-official", ["name": $0, "date": messages.date(day).text]) }
                ?? messages("verify.for-action", ["date": messages.date(day).text]),
            rows: [.init(label: messages("verify.people"), count: messages.number(statement.people))]
                + Channel.allCases.compactMap { channel in
                    (statement.byChannel[channel] ?? 0) > 0
                        ? .init(label: channel.label(messages), count: messages.number(statement.byChannel[channel]!)) : nil
                } + [.init(label: messages("verify.countries"), count: messages.number(statement.countries))]
                + (statement.groups.groups > 0
                    ? [
                        .init(label: messages("verify.groups"), count: messages.number(statement.groups.groups)),
                        .init(label: messages("verify.group-actions"), count: messages.groupActions(statement.groups.byKind)),
                    ] : []),
            record: stillHolds.map {
                $0
                    ? messages("verify.record-holds", ["date": messages.date(day).text])
                    : messages("verify.record-changed", ["date": messages.date(day).text])
            },
            recordChanged: stillHolds == false)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
