/// Escaping for markup written by hand rather than by a template: HTML mail, the SVG chart, Atom feeds.
enum Markup {
    /// Safe in element content and in double-quoted attributes of HTML and XML 1.0; control characters,
    /// which XML does not allow at all, are dropped.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
