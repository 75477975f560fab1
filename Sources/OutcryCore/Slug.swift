import Foundation

/// A new record's id from its name: a readable slug, made unique with a number when taken.
public func newSlug(from text: String, isTaken: (String) async throws -> Bool) async rethrows -> String {
    var base = UrgentAction.slug(forNumber: text)
    if base.count > 60 { base = String(base.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
    if base.isEmpty { base = "record" }
    var candidate = base
    var number = 2
    while try await isTaken(candidate) {
        candidate = "\(base)-\(number)"
        number += 1
    }
    return candidate
}
