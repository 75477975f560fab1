import OutcryCore
import Testing

@Suite struct PasswordRulesTests {
    static func problem(_ password: String, _ email: String) -> String? {
        PasswordRules.problem(with: password, confirmation: password, email: email)
    }

    @Test func theAddressOrALongEnoughNameBeforeTheAtIsRefused() {
        let refused = "Choose a password that does not contain your e-mail address."
        #expect(Self.problem("my name is aigul, 2024!", "aigul@example.kg") == refused)
        #expect(Self.problem("AIGUL@EXAMPLE.KG and more", "aigul@example.kg") == refused)
        // A short name before the @ is in too many words to say anything.
        #expect(Self.problem("a long phrase about rain", "a@example.kg") == nil)
        #expect(Self.problem("journey to the mountains", "jo@example.kg") == nil)
    }

    @Test func theOtherRulesStillHold() {
        #expect(Self.problem("short", "aigul@example.kg") == "Choose a password of at least 12 characters.")
        #expect(PasswordRules.problem(with: "one long phrase", confirmation: "another", email: "") != nil)
        #expect(Self.problem("aaaaaaaaaaaaab", "x@example.org") == "Choose a password with more different characters.")
    }
}
