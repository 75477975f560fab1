import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// A person's portrait, a case's picture or the scan of an official's reply: uploaded by an editor with
/// what it shows and a record of consent, cleaned of everything but the picture before it is stored, and
/// taken away at once when consent ends.
struct PictureController: Sendable {
    /// Whose pictures this controller keeps, with their routes and words.
    enum Subject: Sendable {
        case person, `case`, reply

        /// The catalog's words for this subject: `admin.portrait.…`, `admin.case-picture.…` or `admin.reply-scan.…`.
        var words: String {
            switch self {
            case .person: "admin.portrait."
            case .case: "admin.case-picture."
            case .reply: "admin.reply-scan."
            }
        }

        var kind: AdminRoute.RecordKind {
            switch self {
            case .person: .people
            case .case: .cases
            case .reply: .replies
            }
        }

        /// What the record's page says after a change: `?done=…`.
        var savedWord: String {
            switch self {
            case .person: "portrait"
            case .case: "picture"
            case .reply: "scan"
            }
        }

        var removedWord: String {
            switch self {
            case .person: "removed"
            case .case: "nopicture"
            case .reply: "noscan"
            }
        }

        /// Where the file and description hints come from: a scan is no portrait.
        var hints: String { self == .reply ? "admin.reply-scan." : "admin.portrait." }

        /// The audit log's words: what the picture is, and what it belongs to.
        var audited: (picture: String, record: String) {
            switch self {
            case .person: ("portrait", "person")
            case .case: ("picture", "case")
            case .reply: ("scan", "official reply")
            }
        }

        func page(_ id: String) -> AdminRoute {
            switch self {
            case .person: .portrait(Identifier(id))
            case .case: .casePicture(Identifier(id))
            case .reply: .replyScan(Identifier(id))
            }
        }

        func removal(_ id: String) -> AdminRoute {
            switch self {
            case .person: .removePortrait(Identifier(id))
            case .case: .removeCasePicture(Identifier(id))
            case .reply: .removeReplyScan(Identifier(id))
            }
        }
    }

    let subject: Subject
    let auth: AdminAuth
    let renderer: PageRenderer

    /// Pictures of up to 5 MB (the catalogs say so), and the form's few text fields around them.
    static let uploadLimit = 5_000_000 + 16 * 1024
    static let accepted = CleanImage.Format.allCases.map(\.mediaType).joined(separator: ",")

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(subject.page(.key), .viewer, use: show)
        routes.post(subject.page(.key), .editor, uploadLimit: Self.uploadLimit, use: upload)
        routes.post(subject.removal(.key), .editor, use: remove)
    }

    /// The record a picture belongs to, as the page needs it.
    private struct Record {
        var id: String
        var name: String
        var picture: Picture?
        var owner: PictureOwner
    }

    private func record(_ context: CoordinatorContext) async throws -> Record {
        let id = try slug(context)
        switch subject {
        case .person:
            let person = try await found(auth.store.person(Identifier(id)))
            return Record(id: id, name: person.name, picture: person.portrait, owner: .person(person.id))
        case .case:
            let item = try await found(auth.store.case(Identifier(id)))
            return Record(id: id, name: item.title, picture: item.picture, owner: .case(item.id))
        case .reply:
            let reply = try await found(auth.store.reply(Identifier(id)))
            let official = try await auth.store.targets([reply.target]).first?.fullName ?? reply.target.rawValue
            return Record(id: id, name: "\(official), \(reply.date.iso)", picture: reply.scan, owner: .reply(reply.id))
        }
    }

    @Sendable func show(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let record = try await record(context)
        return try page(context.coordinator, record, alt: record.picture?.alt ?? "", errors: FormErrors(context.coordinator.messages))
    }

    @Sendable func upload(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let record = try await record(context)
        var errors = FormErrors(coordinator.messages)
        let alt = errors.required(form.text("alt"), "alt", limit: 300)
        if form["consent"] != "yes" { errors.add("consent", key: "admin.portrait.consent-missing") }
        var image: CleanImage?
        if let file = form.files["picture"] {
            do {
                image = try CleanImage(file.bytes)
            } catch .notAPicture {
                errors.add("picture", key: "admin.portrait.not-a-picture")
            } catch .damaged {
                errors.add("picture", key: "admin.portrait.damaged")
            } catch .tooLarge(let width, let height) {
                errors.add(
                    "picture", key: "admin.portrait.too-large",
                    ["width": coordinator.messages.number(width), "height": coordinator.messages.number(height)])
            }
        } else {
            errors.add("picture", key: "admin.portrait.choose")
        }
        guard errors.isEmpty, let image else { return try page(coordinator, record, alt: alt, errors: errors) }
        try await auth.store.setPicture(
            of: record.owner, to: image, alt: alt, consentRecordedBy: coordinator.account.email,
            audit: coordinator.audit(
                subject.audited.picture + " added", subject.audited.record, record.id, record.name,
                at: auth.now))
        return seeOther(SiteRoute.admin(.record(subject.kind, id: record.id)).path(query: ["done": subject.savedWord]))
    }

    @Sendable func remove(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let record = try await record(context)
        try await auth.store.setPicture(
            of: record.owner, to: nil, alt: "", consentRecordedBy: coordinator.account.email,
            audit: coordinator.audit(
                subject.audited.picture + " removed", subject.audited.record, record.id,
                record.name, at: auth.now))
        return seeOther(SiteRoute.admin(.record(subject.kind, id: record.id)).path(query: ["done": subject.removedWord]))
    }

    private func page(_ coordinator: Coordinator, _ record: Record, alt: String, errors: FormErrors) throws -> Response {
        let messages = coordinator.messages
        let words = subject.words
        let heading = messages(words + "heading", ["name": record.name])
        var picture = FormField.text(
            "picture", messages("admin.portrait.picture"), value: nil, hint: messages(subject.hints + "picture-hint"), required: true,
            type: "file")
        picture.accept = Self.accepted
        let fields = [
            picture,
            .text("alt", messages("admin.portrait.alt"), value: alt, hint: messages(subject.hints + "alt-hint"), required: true),
            .checks("consent", messages("admin.portrait.consent"), options: [("yes", messages(words + "consent-yes"))], selected: []),
        ]
        var view = FormView(
            admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.records(subject.kind).path),
            heading: heading, intro: messages(words + "intro"), action: subject.page(record.id).path,
            csrf: coordinator.session.csrf, fields: errors.apply(to: fields), submit: messages(words + "save"),
            cancel: Link(
                text: messages("admin.portrait.back", ["name": record.name]), href: AdminRoute.record(subject.kind, id: record.id).path))
        view.enctype = "multipart/form-data"
        if let shown = record.picture {
            view.picture = .init(src: SiteRoute.image(shown.image).path, alt: shown.alt, caption: messages(words + "current"))
            view.secondary = .init(action: subject.removal(record.id).path, submit: messages(words + "remove"))
        }
        return try renderer.response(view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
