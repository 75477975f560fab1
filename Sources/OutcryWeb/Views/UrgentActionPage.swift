import OutcryCore

/// `/actions/:id`: everything a supporter needs to act, on one page.
struct UrgentActionPage: Sendable {
    struct TargetBlock: Sendable {
        var anchor: String
        var name: String
        /// Named apart from the page's `title`: Mustache looks a missing value up in the enclosing page.
        var office: String?
        var isCopy: Bool
        var postalAddress: [String]
        var emails: [ContactLink]
        var fax: String?
        var phone: String?
        var social: [String]
        var contactForm: ContactLink?
        var salutation: String?
        var unusableContacts: [String]
        var hasDigitalContact: Bool
        var letterHref: String
        var mailto: String?
        /// The e-mail link carries only the start of the letter; the page shows all of it to copy.
        var mailtoShortened: Bool
        var tel: String?
        /// The letter to print, at the line that gives the fax number: only for an office with a fax.
        var faxHref: String?
        var faxButton: String
        var callScript: String?
        var officialsReportHref: String
        /// "Print a letter to {name}", "E-mail {name}", "Call {name}", "Totals report for {name}".
        var printLetter, emailButton, callButton, totalsReport: String
        /// The `lang` of the salutation, in the language of the letter offered first, when that is not the page's.
        var salutationLanguage: String?
        /// The languages the letter can be printed in, when there are several.
        var letterChoice: LetterChoice?
        /// "Sadyr Japarov's office reads Kyrgyz and Russian.", when the letter offered first is in neither.
        var reads: String?
        /// Telling the organisation that one of these contacts does not work; nil without any to tell of.
        var problems: ContactProblemForm?
    }

    /// A small form under an official's contacts: which one bounced, does not answer or is wrong.
    struct ContactProblemForm: Sendable {
        var postTo: String
        var target: String
        var token: String
        var options: [ReportFormView.Option]
    }

    /// The languages of the letter, each named in itself, the likeliest chosen.
    struct LetterChoice: Sendable {
        var id: String
        var options: [ReportFormView.Option]
    }

    /// An address as shown, and the link it makes when it makes a safe one.
    struct ContactLink: Sendable {
        var text: String
        var href: String?
    }

    struct Share: Sendable {
        var x: String
        var bluesky: String
        var whatsApp: String
        var telegram: String
        var mastodonAction: String
        /// The page's own address, in a field to copy from: sharing anywhere, without a script.
        var link: String
    }

    struct Letter: Sendable {
        /// Set when the letter is in another language than the page.
        var language: String?
        var salutation: String
        var paragraphs: [String]
        var closing: String
    }

    var page: PageMeta
    /// "Urgent Action 30.24", as the language labels a number.
    var numberLabel: String
    var title: String
    /// The `lang` of the action's own words, when they are in another language than the page.
    var contentLanguage: String?
    var dates: DateLabels
    var kindBadge: String?
    var isClosed: Bool
    var outcome: String?
    var issued: DateText
    var deadline: DateText?
    /// "12 days left", "Last day today", or that the deadline has passed; nil without a deadline.
    var deadlineChip: String?
    /// Past its deadline: the page says so, and no longer asks to share it.
    var deadlinePassed = false
    /// "Outcome: Released.", on a closed action whose outcome has a kind worth naming.
    var outcomeKind: String?
    /// "Write to Sadyr Japarov", to the first official to write to, while the action is open: the one act
    /// the page asks for first, with "Tell us what you did" beside it.
    var primaryCall: Link?
    var country: String
    var caseLink: Link
    var updates: Link?
    var laterActions: [Link]
    var summary: String
    var people: [PersonSummary]
    /// The first people, with their faces and status, at the top of the page; `more` says how many follow.
    var strip: [PersonSummary] = []
    var morePeople: String?
    static let stripLength = 3
    var takeAction: [String]
    var asks: [String]
    var targets: [TargetBlock]
    var letter: Letter?
    var statements: [Link]
    /// Filled per request by the page cache.
    var totalsHTML: String
    var share: Share?
    var report: ReportFormView?
}

extension UrgentActionPage.TargetBlock {
    init(_ target: Target, role: UrgentActionTarget.Role, action: UrgentAction, peopleNames: [String], _ messages: Messages) {
        anchor = "target-\(target.id.rawValue)"
        name = target.fullName
        office = target.title
        isCopy = role == .copy
        postalAddress = target.postalAddress
        // Each link made by the same encoders as the action links; text that makes no safe link stays text.
        emails = target.emails.map { UrgentActionPage.ContactLink(text: $0, href: ActionLinks.mailto($0)) }
        fax = target.fax
        phone = target.phone
        social = target.socialHandles.map { "\($0.network.label(messages)): \($0.handle)" }
        contactForm = target.contactFormURL.map { UrgentActionPage.ContactLink(text: $0, href: WebAddress.isSafe($0) ? $0 : nil) }
        unusableContacts = target.unusableContacts
        hasDigitalContact = !emails.isEmpty || fax != nil || phone != nil || !social.isEmpty || contactForm != nil
        letterHref = messages.href(.letter(action.id, to: target.id))
        let reader = messages.language.rawValue
        let letterLanguage = action.letterLanguage(to: target, reader: reader)
        let letter = try? action.letter(
            to: target, in: letterLanguage, on: action.issued, defaults: messages.speaking(Language(code: letterLanguage)).letterDefaults)
        let body = letter.map { ([$0.salutation] + $0.paragraphs + [$0.closing]).joined(separator: "\n\n") } ?? ""
        // The greeting of the letter offered first, in its language: the official's own only in the action's.
        salutation = letter?.salutation ?? target.salutation
        let subject =
            peopleNames.isEmpty
            ? messages("action.mail-subject", ["number": action.number])
            : messages("action.mail-concern", ["names": messages.list(peopleNames)])
        let mail = ActionLinks.mailto(to: target.emails, subject: subject, body: body)
        mailto = mail?.url
        mailtoShortened = mail?.isShortened ?? false
        tel = target.phone.flatMap(ActionLinks.tel)
        callScript = target.phone == nil ? nil : messages.callScript(action, to: target, peopleNames: peopleNames)
        officialsReportHref = messages.href(.officialsReport(action.id, for: target.id))
        printLetter = messages("action.print-letter", ["name": name])
        emailButton = messages("action.email-button", ["name": name])
        callButton = messages("action.call-button", ["name": name])
        faxHref = target.fax == nil ? nil : letterHref + "#send-fax"
        faxButton = messages("action.fax-button", ["name": name])
        totalsReport = messages("action.totals-report", ["name": name])
        salutationLanguage = letterLanguage == reader ? nil : letterLanguage
        let languages = action.letterLanguages
        letterChoice =
            languages.count > 1
            ? UrgentActionPage.LetterChoice(
                id: anchor + "-letter-language",
                options: languages.map { .init(value: $0, label: Language.name(of: $0), selected: $0 == letterLanguage) })
            : nil
        let choices = ContactChannel.allCases.flatMap { channel in
            target.contacts(on: channel).enumerated().map { index, value in
                ReportFormView.Option(
                    value: "\(channel.rawValue):\(index)", label: messages("contact-problem." + channel.rawValue, ["value": value]),
                    selected: false)
            }
        }
        problems =
            choices.isEmpty
            ? nil
            : UrgentActionPage.ContactProblemForm(
                postTo: messages.href(.contactProblem(action.id)), target: target.id.rawValue,
                token: PageCache.Hole.reportToken(action.id).marker, options: choices)
        let preferred = target.preferredLanguages
        reads =
            preferred.isEmpty || preferred.contains(letterLanguage)
            ? nil
            : messages("letter.reads", ["name": name, "languages": messages.list(preferred.map { messages.languageName($0) })])
    }
}
