// libFuzzer target for the document importer, built with the OutcryCore sources by scripts/fuzz-importer.
// Any input must give a draft or an ImportError — never a crash, a hang or memory misuse (the address
// sanitizer watches) — and every span a draft reports must lie inside the text it was read from; read as a
// saved web page, the same holds of the text it is reduced to.
@_cdecl("LLVMFuzzerTestOneInput")
public func importerFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let importer = DocumentImporter(today: try! HistoricalDate(year: 2024, month: 4, day: 20))
    if let document = try? importer.read(bytes: bytes) { checkSpans(in: document, size: size) }
    // The same bytes as a saved web page: reduced to its text, which is read in turn.
    let page = HTMLText.text(of: String(decoding: bytes, as: UTF8.self))
    if let document = try? importer.read(text: page) { checkSpans(in: document, size: page.utf8.count) }
    return 0
}

private func checkSpans(in value: Any, size: Int) {
    if let span = value as? TextSpan {
        precondition(
            0 <= span.start && span.start <= span.end && span.end <= size && span.line >= 1, "span \(span) outside a text of \(size) bytes")
        return
    }
    for child in Mirror(reflecting: value).children { checkSpans(in: child.value, size: size) }
}
