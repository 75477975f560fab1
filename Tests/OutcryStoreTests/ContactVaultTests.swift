import Foundation
import OutcryCore
import Testing

@testable import OutcryStore

@Suite struct ContactVaultTests {
    let key = Data((0..<32).map { UInt8($0) })

    @Test func sealedAddressesOpenOnlyWithTheirKey() throws {
        let vault = try ContactVault(key: key)
        let sealed = try vault.seal("ana.souza@example.pt")
        #expect(!sealed.contains("souza"))
        #expect(try vault.seal("ana.souza@example.pt") != sealed, "a fresh nonce every time")
        #expect(try vault.open(sealed) == "ana.souza@example.pt")
        let other = try ContactVault(key: Data(repeating: 7, count: 32))
        #expect(throws: (any Error).self) { try other.open(sealed) }
        #expect(vault.lookup("ana.souza@example.pt") == vault.lookup("ana.souza@example.pt"))
        #expect(vault.lookup("ana.souza@example.pt") != other.lookup("ana.souza@example.pt"))
        #expect(throws: StoreError.self) { try ContactVault(key: Data(repeating: 1, count: 16)) }
    }

    @Test(arguments: ["ana@example.pt", " Ana.Souza+ua@Example.PT "])
    func plausibleAddressesAreAccepted(text: String) throws {
        #expect(EmailAddress(text) != nil)
    }

    @Test(arguments: ["", "ana", "ana@", "@example.pt", "ana@example", "ana@@example.pt", "ana smith@example.pt", "a@b..pt", "<a@b.pt>"])
    func implausibleAddressesAreRefused(text: String) {
        #expect(EmailAddress(text) == nil)
    }
}
