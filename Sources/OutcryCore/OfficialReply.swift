/// What an official or their office answered, as a coordinator recorded it: the officials' side of a case.
public struct OfficialReply: Hashable, Codable, Sendable, Identifiable {
    /// Where the answer leaves the call, as far as the organisation can tell.
    public enum Position: String, Codable, Sendable, CaseIterable {
        case acknowledged
        case denied
        case promisedReview = "promised_review"
        case acted
        case other
    }

    public var id: Identifier<OfficialReply>
    public var target: Identifier<Target>
    public var caseID: Identifier<Case>
    /// The action it answers, when it names one.
    public var action: Identifier<UrgentAction>?
    public var date: HistoricalDate
    /// Who signed or spoke ("Deputy head of the Presidential Administration").
    public var from: String
    public var channel: Channel
    /// One or two sentences in the organisation's words.
    public var summary: String
    public var fullText: String?
    public var position: Position
    /// The reply as received, scanned or photographed; set on its own page, as pictures are.
    public var scan: Picture?

    public init(
        id: Identifier<OfficialReply>, target: Identifier<Target>, caseID: Identifier<Case>, action: Identifier<UrgentAction>? = nil,
        date: HistoricalDate, from: String = "", channel: Channel = .letter, summary: String, fullText: String? = nil,
        position: Position = .acknowledged, scan: Picture? = nil
    ) {
        self.id = id
        self.target = target
        self.caseID = caseID
        self.action = action
        self.date = date
        self.from = from
        self.channel = channel
        self.summary = summary
        self.fullText = fullText
        self.position = position
        self.scan = scan
    }
}
