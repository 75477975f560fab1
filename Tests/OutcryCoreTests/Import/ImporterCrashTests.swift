import Foundation
import OutcryCore
import Testing

/// Inputs the fuzzer found that once stopped the importer, kept so they never do again.
@Suite struct ImporterCrashTests {
    /// Paragraphs found out of line order made a span whose end came before its start.
    @Test func paragraphsFoundOutOfOrderStillGiveASpan() throws {
        let bytes = try #require(
            Data(
                base64Encoded:
                    "VUEgMTA2LzIzCjE3IEFwcmlsIDIwMjMKClNyaSAMIExhbmthOiBUcmFkZSB1bmlvbmlzdCBkZXRhaW5lZCB1bmRlciBhbnRpLXRlcnJvciBsYXcKClVuaW9uIGxlYWRlciBOaXJtYWxhIFBlcmVyYSB3YXMgYXJyZXN0ZWQgYXQgaGVyIGhvbWUgaW4gQ29sb21ibyBvbiAyIEFwcmlsIDIwMjMgYnkgb2ZmaWNlcnMgb2YgdGhlIFRlcnJvcmlzbSBJbnZlc3RpZ2F0aW9uIERpdmlzaW9uLiBTaGUgaXMgaGVsZCB1bmRlciB0aGUgUHJldmVudGlvbiBvZiBUZXJyb3Jpc20gQWN0LCB3aGljaCBhbGxvd3MgZGV0ZW50aW9uIHdpdGhvdXQgY2hhcmdlIGZvciB1cCB0byBhIHllYXIuIEhlciBmYW1pbHkgaGFzIG5vdCBiZWVuIGFsbG93ZWQgdG8gc2VlIGhlciwgYW5kIGhlciBsYXd5ZXIgd2FzIHRvbGQgc2hlIGlzIGJlaW5nIHF1ZXN0aW9uZWQgYWJvdXQgYSBzdHJpa2Ugc2hlIGhlbHBlZCBvemdhbmlzZSBhdCB0aGUgS2VsYW5pIFZhbFVBIDEwNi8yMwoxNyBBcHJpbCAyMDIzCgpTcmkgTGFua2E6IFRyYWRlIHVuaW9uaXN0IGRldGFpbmVkIHVuZGVyIGFudGktbiBvZiBUZXJyb3Jpc20gQWN0LCB3aGljaCBhbGxvd3MgZGV0ZW50aW9uIHdpdGhvdXQgY2hhcmdlIGZvciB1cCB0byBhIHllYXIuIEhlciBmYW1pbHkgaGFzIG5vdCBiZWVuIGFsbG93ZWQgdG8gc2VlIGhlciwgYW5kIGhlciBsZSBwb2ludHMgYmVsYW8y"
            ))
        let text = try DocumentImporter.text(of: bytes)
        let document = try DocumentImporter().read(text: text)
        #expect(document.action != nil || document.statement != nil)
    }
}
