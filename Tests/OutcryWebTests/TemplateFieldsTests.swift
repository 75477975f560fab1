import Mustache
import OutcryCore
import Testing

@testable import OutcryWeb

/// The values templates read by name must answer for every field their type has: a field added later and
/// forgotten in `child(named:)` would print nothing, silently.
@Suite struct TemplateFieldsTests {
    static func answersEveryField(_ value: some MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap { child -> String? in
            guard let label = child.label else { return nil }
            let optional = Mirror(reflecting: child.value)
            let expected: Any? = optional.displayStyle == .optional ? optional.children.first?.value : child.value
            let given = value.child(named: label)
            return String(describing: given as Any) == String(describing: expected as Any) ? nil : label
        }
    }

    @Test func everyFieldIsReadByName() {
        var meta = PageMeta(title: "t", description: "d", messages: .english, route: .home, siteURL: "https://a.example", query: "?q=x")
        // Every optional set, so that a field the table forgets shows as nothing where a value was due.
        (meta.image, meta.imageAlt, meta.preview, meta.previewBack) = ("https://a.example/images/a.jpg", "A face", "Preview", "/admin")
        #expect(Self.answersEveryField(meta).filter { $0 != "words" } == [])
        #expect(Self.answersEveryField(Link(text: "a", href: "/a", linkLanguage: "en")) == [])
        #expect(Self.answersEveryField(ReportFormView.Option(value: "KG", label: "Kyrgyzstan", selected: true)) == [])
        #expect(
            Self.answersEveryField(
                IndexPage.Item(
                    title: "t", href: "/h", meta: "m", foundAs: .init(before: "b", name: "n", after: "a", language: "ky"),
                    linkLanguage: "en")) == [])
        #expect(Self.answersEveryField(meta.languages[1]) == [])
        #expect(Self.answersEveryField(DateText(text: "17 April 2024", iso: "2024-04-17")) == [])
        #expect(Self.answersEveryField(SearchPage.Group(id: "people", heading: "People", items: [])) == [])
    }
}
