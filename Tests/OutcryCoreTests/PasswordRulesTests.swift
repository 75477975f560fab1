import OutcryCore
import Testing

@Suite struct PasswordRulesTests {
    static func problem(_ password: String, _ email: String) -> PasswordRules.Problem? {
        PasswordRules.problem(with: password, confirmation: password, email: email)
    }

    @Test func theAddressOrALongEnoughNameBeforeTheAtIsRefused() {
        let refused = PasswordRules.Problem.containsEmail
        #expect(Self.problem("my name is aigul, 2024!", "aigul@example.kg") == refused)
        #expect(Self.problem("AIGUL@EXAMPLE.KG and more", "aigul@example.kg") == refused)
        // A short name before the @ is in too many words to say anything.
        #expect(Self.problem("a long phrase about rain", "a@example.kg") == nil)
        #expect(Self.problem("journey to the mountains", "jo@example.kg") == nil)
    }

    @Test func theOtherRulesStillHold() {
        #expect(Self.problem("short", "aigul@example.kg") == .tooShort)
        #expect(PasswordRules.problem(with: "one long phrase", confirmation: "another", email: "") == .notTheSame)
        #expect(Self.problem(String(repeating: "ab3Д", count: 20), "x@example.org") == .tooLong)
        #expect(Self.problem("aaaaaaaaaaaaab", "x@example.org") == .tooFewCharacters)
    }
}
