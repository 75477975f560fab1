import Hummingbird
import OutcryCore

/// The `:id` of the path, refused early when it could not be an id, so nothing odd reaches the store.
func slug(_ context: some RequestContext) throws -> String {
    guard let id = context.parameters.get("id"), Slug.isValid(id) else { throw HTTPError(.notFound) }
    return id
}

func found<T>(_ value: T?) throws -> T {
    guard let value else { throw HTTPError(.notFound) }
    return value
}
