/// Links that pages print come from editors and imported documents: only plain web addresses are
/// allowed, so a `javascript:` or `data:` link can never reach a supporter's browser.
public enum WebAddress {
    public static func isSafe(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        return !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) && text.count <= 2000
    }
}
