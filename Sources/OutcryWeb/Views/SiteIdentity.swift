import Foundation

/// What marks the site as an organisation's own: its icon (built in, or `favicon.svg` in the theme folder)
/// and, when the theme folder has a `wordmark.svg`, that picture in place of the site's name as text.
struct SiteIdentity: Sendable {
    var favicon = SiteRoute.favicon.path
    /// Set only when the theme supplies one: the built-in wordmark is text, and costs no request.
    var wordmark: String?

    init(themeDirectory: String?) {
        if let themeDirectory,
            FileManager.default.fileExists(atPath: URL(fileURLWithPath: themeDirectory).appendingPathComponent("wordmark.svg").path)
        {
            wordmark = SiteRoute.wordmark.path
        }
    }
}
