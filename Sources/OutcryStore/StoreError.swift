/// What can go wrong below the domain, in words that name the cause.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(String)
    case badURL(String)
    case timedOut(seconds: Int)
    case invalidDataset([String])
    case corruptRow(table: String, id: String, reason: String)
    case badKey(String)
    /// A record with this key exists already (an account with the same address, an action with the same number).
    case duplicate(String)
    case notFound(String)
    /// A value a person typed cannot be used; the reason is written for them.
    case invalid(String)
    /// The connection to the database closed before the statement could be sent (the server restarted).
    case connectionLost
    /// The database was closed (the server is stopping) before the work could begin.
    case closed

    public var description: String {
        switch self {
        case .cannotOpen(let what): "cannot open \(what)"
        case .badURL(let reason): reason
        case .timedOut(let seconds): "no answer within \(seconds) seconds"
        case .invalidDataset(let problems): "the data set has \(problems.count) problem(s): " + problems.joined(separator: "; ")
        case .corruptRow(let table, let id, let reason): "row “\(id)” of \(table) cannot be read: \(reason)"
        case .badKey(let reason): reason
        case .duplicate(let what): "\(what) already exists"
        case .notFound(let what): "\(what) does not exist"
        case .invalid(let reason): reason
        case .connectionLost: "the connection to the database was lost"
        case .closed: "the database is closed: the server is stopping"
        }
    }
}
