import Foundation

/// Ids no record may have: they are the words of addresses beside records' own (`/admin/cases/new`, `/groups/new`).
let reservedSlugs: Set<String> = ["new"]

/// A new record's id from its name: a readable slug, made unique with a number when taken or reserved.
public func newSlug(from text: String, isTaken: (String) async throws -> Bool) async rethrows -> String {
    var base = UrgentAction.slug(forNumber: text)
    if base.count > 60 { base = String(base.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
    if base.isEmpty { base = "record" }
    var candidate = base
    var number = 2
    while try await isReservedOrTaken(candidate, isTaken) {
        candidate = "\(base)-\(number)"
        number += 1
    }
    return candidate
}

private func isReservedOrTaken(_ candidate: String, _ isTaken: (String) async throws -> Bool) async rethrows -> Bool {
    if reservedSlugs.contains(candidate) { return true }
    return try await isTaken(candidate)
}
