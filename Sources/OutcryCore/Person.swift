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
    /// A photograph published with consent, cleaned of its metadata.
    public var portrait: Picture?

    public init(
        id: Identifier<Person>, name: String, variants: [NameVariant] = [], role: String? = nil,
        affiliations: [Identifier<Organisation>] = [], note: String? = nil, portrait: Picture? = nil
    ) {
        self.id = id
        self.name = name
        self.variants = variants
        self.role = role
        self.affiliations = affiliations
        self.note = note
        self.portrait = portrait
    }

    /// Every known spelling, the preferred one first.
    public var allNames: [String] { [name] + variants.map(\.name).filter { $0 != name } }
}

/// A photograph published with consent (a person's portrait, a case's picture): the stored picture and
/// what it shows, for those who cannot see it.
public struct Picture: Hashable, Codable, Sendable {
    /// The stored picture's id, made from its bytes.
    public var image: String
    /// "Makhabat Tazhibek kyzy, smiling, in front of a bookshelf".
    public var alt: String

    public init(image: String, alt: String) {
        self.image = image
        self.alt = alt
    }
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

extension NameVariant {
    /// The ISO 15924 code of the script a name is written in, judged from its letters: what an editor
    /// would otherwise have to look up.
    public static func script(of name: String) -> String {
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x0400...0x052F: return "Cyrl"
            case 0x0600...0x06FF, 0x0750...0x077F: return "Arab"
            case 0x0590...0x05FF: return "Hebr"
            case 0x0370...0x03FF: return "Grek"
            case 0x0530...0x058F: return "Armn"
            case 0x10A0...0x10FF: return "Geor"
            case 0x0E00...0x0E7F: return "Thai"
            case 0x0900...0x097F: return "Deva"
            case 0x3040...0x30FF: return "Jpan"
            case 0xAC00...0xD7AF, 0x1100...0x11FF: return "Kore"
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: return "Hani"
            default: continue
            }
        }
        return "Latn"
    }
}
