import Foundation
import OutcryCore
import OutcryMail
import OutcryStore

/// Subscriptions and what is queued for them: every message goes through the outbox, none is sent here.
struct Alerts: Sendable {
    let store: Store
    let vault: ContactVault
    let links: AlertLinks
    let mailHost: String

    enum Request { case confirmationSent, alreadyConfirmed }

    /// A subscribe form was sent: a new or pending address gets a confirmation message (at most one a day),
    /// a confirmed one a link to manage it. The page says the same either way.
    @discardableResult
    func subscribe(
        email: EmailAddress, language: String, filter: AlertFilter, frequency: AlertFrequency, consentWording: String, now: Date
    ) async throws -> Request {
        let stored = try await store.subscribe(
            lookup: vault.lookup(email.normalised), sealed: try vault.seal(email.value), language: language, filter: filter,
            frequency: frequency, consent: Consent(wording: consentWording, givenAt: now), now: now)
        let day = Int(now.timeIntervalSince1970 / 86_400)
        if stored.status == .confirmed {
            try await queue(
                stored, AlertMail.manageLink(manageURL: manageURL(stored.id, now: now), language: stored.language), kind: "manage",
                key: "manage:\(stored.id):\(day)", now: now)
            return .alreadyConfirmed
        }
        let content = AlertMail.confirmation(
            confirmURL: links.url(SiteRoute.confirmAlerts(links.token(stored.id, .confirm, now: now)).path),
            manageURL: manageURL(stored.id, now: now),
            language: stored.language)
        try await queue(stored, content, kind: "confirm", key: "confirm:\(stored.id):\(day)", now: now)
        return .confirmationSent
    }

    /// Deletes the subscriptions whose confirmation link has expired, with the messages still waiting for them.
    @discardableResult
    func forgetUnconfirmed(now: Date) async throws -> Int {
        try await store.forgetUnconfirmedSubscriptions(requestedBefore: now.addingTimeInterval(-AlertLinks.confirmationLifetime))
    }

    /// Someone lost their links: if the address has a subscription, it is sent a new one (at most one a day).
    func sendAccessLink(to email: EmailAddress, now: Date) async throws {
        guard let stored = try await store.subscription(lookup: vault.lookup(email.normalised)) else { return }
        let day = Int(now.timeIntervalSince1970 / 86_400)
        try await queue(
            stored, AlertMail.manageLink(manageURL: manageURL(stored.id, now: now), language: stored.language), kind: "manage",
            key: "manage:\(stored.id):\(day)", now: now)
    }

    /// Tells every confirmed instant subscriber whose choices match; weekly ones hear in the digest.
    /// Queuing twice for the same action and occasion adds nothing.
    @discardableResult
    func announce(_ action: UrgentAction, _ occasion: AlertOccasion, now: Date) async throws -> Int {
        guard let item = try await store.case(action.caseID) else { return 0 }
        try await store.recordOccasion(occasion, of: action.id, now: now)
        let translations = try await translations(of: [action])
        var drafts: [OutboxDraft] = []
        for subscriber in try await store.subscribers(for: item, frequency: .instant) {
            // The action's page in the subscriber's language, as the mail around the link is.
            let actionURL = links.url(SiteRoute.urgentAction(action.id).path(language: subscriber.language))
            let content = AlertMail.alert(
                translated(action, subscriber.language, translations), occasion: occasion, actionURL: actionURL,
                manageURL: manageURL(subscriber.id, now: now),
                language: subscriber.language)
            var alert = try draft(subscriber, content, kind: "alert", key: "\(occasion.rawValue):\(action.id):\(subscriber.id)", now: now)
            alert.action = action.id
            drafts.append(alert)
        }
        return try await store.queue(drafts, now: now)
    }

    /// The outcome, once, to everyone who reported on the action, left an address and agreed to hear news of
    /// it, each in the language they reported in. Closing it again later adds nothing.
    @discardableResult
    func tellReporters(_ action: UrgentAction, now: Date) async throws -> Int {
        guard action.status == .closed else { return 0 }
        let translations = try await translations(of: [action])
        var drafts: [OutboxDraft] = []
        // Groups' organisers who asked, unless they also reported alone with the same address: one message each.
        let reporters = try await store.reportersToTell(of: action.id)
        var told = Set(reporters.map(\.lookup))
        let organisers = try await store.groupsToTell(of: action.id).filter { told.insert($0.lookup).inserted }.map {
            ReporterToTell(lookup: $0.lookup, emailSealed: $0.emailSealed, language: $0.language)
        }
        for reporter in reporters + organisers {
            let content = AlertMail.reporterNews(
                translated(action, reporter.language, translations),
                actionURL: links.url(SiteRoute.urgentAction(action.id).path(language: reporter.language)),
                forgetURL: links.url(SiteRoute.forgetSupporter(links.forgetToken(lookup: reporter.lookup, now: now)).path),
                language: reporter.language)
            drafts.append(
                try draft(
                    to: reporter.emailSealed, content, kind: "outcome", key: "outcome:\(action.id):\(reporter.lookup)", action: action.id))
        }
        return try await store.queue(drafts, now: now)
    }

    /// A registered group's private link, to the address its organiser gave: opening it confirms the group. Once
    /// per group; the forms' hourly limits hold back anyone registering many.
    func sendGroupLink(_ group: WritingGroup, contact: GroupContact, url: String, now: Date) async throws {
        let content = AlertMail.groupLink(group, url: url, language: group.language)
        // One message per group, however often its form is sent again; the address's lookup last, for forgetting it.
        try await store.queue(
            [try draft(to: contact.emailSealed, content, kind: "group-link", key: "group-link:\(group.id):\(contact.lookup)")], now: now)
    }

    /// A message to an address kept apart from any subscription (a reporter's, a group organiser's), its words
    /// sealed until sent, with a Message-ID of its own that stays with it through every retry.
    private func draft(
        to recipientSealed: String, _ content: AlertMail.Content, kind: String, key: String, action: Identifier<UrgentAction>? = nil
    ) throws -> OutboxDraft {
        OutboxDraft(
            dedupeKey: key, subscription: nil, recipientSealed: recipientSealed, messageID: "\(randomToken(bytes: 16))@\(mailHost)",
            kind: kind, subject: content.subject, text: try vault.sealMarked(content.text), html: try vault.sealMarked(content.html),
            headers: [:], action: action)
    }

    /// One message to each weekly subscriber listing the week's occasions that match their choices.
    /// Run again in the same week, it adds nothing.
    func queueDigest(now: Date) async throws -> Int {
        let occasions = try await store.occasions(since: now.addingTimeInterval(-7 * 86_400))
        guard !occasions.isEmpty else { return 0 }
        // An action waiting for a coordinator (its person released, moved, dead; silence asked) is left out.
        let waiting = Set(try await store.actionsNeedingAttention().map(\.action))
        var actions: [(UrgentAction, Case, AlertOccasion)] = []
        for entry in occasions where !waiting.contains(entry.action) {
            guard let action = try await store.urgentAction(entry.action), action.status != .draft,
                let item = try await store.case(action.caseID)
            else { continue }
            actions.append((action, item, entry.occasion))
        }
        let week = Int(now.timeIntervalSince1970 / (7 * 86_400))
        let translations = try await translations(of: actions.map(\.0))
        var drafts: [OutboxDraft] = []
        for subscriber in try await store.subscribers(frequency: .weekly) {
            let mine = actions.filter { subscriber.filter.matches($0.1) }
            guard !mine.isEmpty else { continue }
            let content = AlertMail.digest(
                mine.map {
                    (
                        translated($0.0, subscriber.language, translations), $0.2,
                        links.url(SiteRoute.urgentAction($0.0.id).path(language: subscriber.language))
                    )
                },
                manageURL: manageURL(subscriber.id, now: now),
                language: subscriber.language)
            drafts.append(try draft(subscriber, content, kind: "digest", key: "digest:\(week):\(subscriber.id)", now: now))
        }
        return try await store.queue(drafts, now: now)
    }

    /// Every translation of these actions, by action and language: each subscriber reads an action in their
    /// language when it has that translation.
    private func translations(of actions: [UrgentAction]) async throws -> [String: [String: Translation]] {
        var found: [String: [String: Translation]] = [:]
        for action in actions {
            found[action.id.rawValue] = Dictionary(
                try await store.translations(of: .urgentAction, action.id.rawValue).map { ($0.language, $0) },
                uniquingKeysWith: { a, _ in a })
        }
        return found
    }

    private func translated(_ action: UrgentAction, _ language: String, _ translations: [String: [String: Translation]]) -> UrgentAction {
        translations[action.id.rawValue]?[language].map(action.applying) ?? action
    }

    /// Everything held about a subscriber, as JSON.
    func export(_ id: Identifier<Subscription>) async throws -> Data? {
        guard let stored = try await store.subscription(id) else { return nil }
        let email = try vault.open(stored.emailSealed)
        let iso = ISO8601DateFormatter()
        var filter: [String: [String]] = [:]
        switch stored.filter {
        case .everything: filter["everything"] = []
        case .countries(let countries): filter["countries"] = countries.map(\.code)
        case .themes(let themes): filter["themes"] = themes
        }
        var object: [String: Any] = [
            "email": email, "language": stored.language, "receive": filter, "frequency": stored.frequency.rawValue,
            "status": stored.status.rawValue, "subscribed_at": iso.string(from: stored.createdAt),
            "consent": ["wording": stored.consent.wording, "given_at": iso.string(from: stored.consent.givenAt)],
            "messages": try await store.messages(for: id).map { message -> [String: Any] in
                var entry: [String: Any] = [
                    "subject": message.subject, "status": message.status, "queued_at": iso.string(from: message.createdAt),
                ]
                if let sent = message.sentAt { entry["sent_at"] = iso.string(from: sent) }
                return entry
            },
        ]
        if let confirmed = stored.confirmedAt { object["confirmed_at"] = iso.string(from: confirmed) }
        if let contact = try await store.reportContact(lookup: vault.lookup(email.lowercased())) {
            object["kept_from_a_report"] = [
                "wording": contact.consent.wording, "given_at": iso.string(from: contact.consent.givenAt), "source": contact.source,
            ]
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    func manageURL(_ id: Identifier<Subscription>, now: Date) -> String {
        links.url(SiteRoute.manageAlerts(links.token(id, .manage, now: now)).path)
    }

    private func queue(_ stored: StoredSubscription, _ content: AlertMail.Content, kind: String, key: String, now: Date) async throws {
        try await store.queue([try draft(stored, content, kind: kind, key: key, now: now)], now: now)
    }

    /// A message for one subscriber, with one-click unsubscribe (RFC 8058) and a Message-ID of its own
    /// that stays with it through every retry.
    private func draft(
        _ subscriber: StoredSubscription, _ content: AlertMail.Content, kind: String, key: String, now: Date
    ) throws -> OutboxDraft {
        let unsubscribe = links.url(SiteRoute.unsubscribe(links.token(subscriber.id, .manage, now: now)).path)
        // The text and the headers carry links that act for the subscriber: kept sealed until sent.
        return OutboxDraft(
            dedupeKey: key, subscription: subscriber.id, recipientSealed: subscriber.emailSealed,
            messageID: "\(randomToken(bytes: 16))@\(mailHost)", kind: kind, subject: content.subject,
            text: try vault.sealMarked(content.text), html: try vault.sealMarked(content.html),
            headers: [
                "List-Unsubscribe": try vault.sealMarked("<\(unsubscribe)>"), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            ])
    }
}

/// The store's outbox as the sender sees it: addresses opened, messages put together.
struct StoreOutbox: Outbox {
    let store: Store
    let vault: ContactVault
    let from: MailAddress
    let clock: any WallClock

    func claim(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxItem] {
        try await store.claimOutbox(worker: worker, limit: limit, lease: lease, now: now).map { entry in
            OutboxItem(
                id: entry.id,
                message: MailMessage(
                    from: from, to: MailAddress(try vault.open(entry.recipientSealed)), subject: entry.subject,
                    text: try vault.openMarked(entry.text), html: try entry.html.map(vault.openMarked), messageID: entry.messageID,
                    date: clock.now,
                    headers: try entry.headers.sorted { $0.key < $1.key }.map { MailMessage.Header($0.key, try vault.openMarked($0.value)) }
                ),
                attempts: entry.attempts, isResend: entry.isResend)
        }
    }

    func sending(_ id: Int64) async throws {
        try await store.markInFlight(id)
    }

    func delivered(_ id: Int64, next: Int64?, worker: String, now: Date) async throws {
        try await store.markSent(id, nextInFlight: next, now: now)
    }

    func undelivered(_ id: Int64, reason: String, retryAt: Date?) async throws {
        try await store.markUnsent(id, error: reason, retryAt: retryAt)
    }

    func recover(worker: String) async throws -> Int {
        try await store.recoverOutbox(worker: worker)
    }
}
