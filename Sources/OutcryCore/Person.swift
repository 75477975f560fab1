/// Someone at risk, known by several spellings in several scripts.
public struct Person: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<Person>
    /// The spelling the organisation uses in its own documents.
    public var name: String
    /// Other spellings: transliterations, native scripts, short forms used in letters.
    public var variants: [NameVariant]
    /// What the person does, in the organisation's words ("journalist", "head of Temirov LIVE").
    public var role: String?
    public var affiliations: [Identifier<Organisation>]
    /// Facts worth knowing that are not events ("23 years old in April 2024").
    public var note: String?

    public init(
        id: Identifier<Person>, name: String, variants: [NameVariant] = [], role: String? = nil,
        affiliations: [Identifier<Organisation>] = [], note: String? = nil
    ) {
        self.id = id
        self.name = name
        self.variants = variants
        self.role = role
        self.affiliations = affiliations
        self.note = note
    }

    /// Every known spelling, the preferred one first.
    public var allNames: [String] { [name] + variants.map(\.name).filter { $0 != name } }
}

public struct NameVariant: Hashable, Codable, Sendable {
    public var name: String
    /// ISO 15924 script code: `Latn`, `Cyrl`, `Arab`, `Hans`…
    public var script: String
    /// BCP 47 language tag where it matters (`ky`, `ru`).
    public var language: String?

    public init(name: String, script: String = "Latn", language: String? = nil) {
        self.name = name
        self.script = script
        self.language = language
    }
}
