/// The country an Amnesty International index number names: its region and the country's two digits ("MDE 13/…" is
/// Iran, "AFR 44/…" Nigeria). Only codes that have always stood for one country: "ASA 21" was Indonesia and East Timor,
/// "MDE 15" is Israel and the Occupied Territories, "EUR 70" Serbia and Kosovo; regional and thematic codes ("MDE 01",
/// "ACT 50") name none.
enum IndexCountries {
    /// The first index number in `text` that names a country, and where it is (UTF-8 offsets).
    static func country(in text: String) -> (country: Country, bytes: Range<Int>)? {
        // Most lines hold no slash, and so no index number: they are not copied.
        guard text.utf8.contains(0x2F) else { return nil }
        let bytes = Array(text.utf8)
        var start = 0
        while start + 8 <= bytes.count {
            defer { start += 1 }
            guard NumberReader.isCapital(bytes[start]), start == 0 || !isLetter(bytes[start - 1]), NumberReader.isCapital(bytes[start + 1]),
                NumberReader.isCapital(bytes[start + 2])
            else { continue }
            var cursor = start + 3
            if bytes[cursor] == 0x20 { cursor += 1 }
            let digits = cursor
            guard let end = slashedNumbers(bytes, from: cursor + 2), NumberReader.isDigit(bytes[digits]), digits + 1 < bytes.count,
                NumberReader.isDigit(bytes[digits + 1])
            else { continue }
            let key =
                String(decoding: bytes[start..<(start + 3)], as: UTF8.self) + " "
                + String(decoding: bytes[digits..<(digits + 2)], as: UTF8.self)
            if let code = codes[key], let country = Country(rawValue: code) { return (country, start..<end) }
        }
        return nil
    }

    /// Where "/014/2007" ends, when it is at `start`: two numbers, each after a slash.
    private static func slashedNumbers(_ bytes: [UInt8], from start: Int) -> Int? {
        var cursor = start
        for _ in 0..<2 {
            guard cursor < bytes.count, bytes[cursor] == 0x2F else { return nil }
            cursor += 1
            let digits = cursor
            while cursor < bytes.count, NumberReader.isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor - digits >= 2 else { return nil }
        }
        return cursor
    }

    /// An ASCII letter: a code glued to a word ("XMDE 13/…") is none.
    private static func isLetter(_ byte: UInt8) -> Bool { NumberReader.isCapital(byte) || (0x61...0x7A).contains(byte) }

    private static let codes: [String: String] = [
        // Africa
        "AFR 12": "AO", "AFR 16": "BI", "AFR 17": "CM", "AFR 19": "CF", "AFR 20": "TD", "AFR 22": "CG", "AFR 25": "ET",
        "AFR 27": "GM", "AFR 29": "GN", "AFR 31": "CI", "AFR 32": "KE", "AFR 34": "LR", "AFR 44": "NG", "AFR 46": "ZW",
        "AFR 47": "RW", "AFR 51": "SL", "AFR 52": "SO", "AFR 53": "ZA", "AFR 54": "SD", "AFR 56": "TZ", "AFR 59": "UG",
        "AFR 62": "CD", "AFR 64": "ER", "AFR 65": "SS",
        // The Americas
        "AMR 13": "AR", "AMR 18": "BO", "AMR 19": "BR", "AMR 20": "CA", "AMR 22": "CL", "AMR 23": "CO", "AMR 25": "CU",
        "AMR 28": "EC", "AMR 29": "SV", "AMR 34": "GT", "AMR 36": "HT", "AMR 37": "HN", "AMR 38": "JM", "AMR 41": "MX",
        "AMR 43": "NI", "AMR 45": "PY", "AMR 46": "PE", "AMR 51": "US", "AMR 52": "UY", "AMR 53": "VE",
        // Asia and the Pacific
        "ASA 11": "AF", "ASA 12": "AU", "ASA 13": "BD", "ASA 16": "MM", "ASA 17": "CN", "ASA 20": "IN", "ASA 22": "JP",
        "ASA 23": "KH", "ASA 24": "KP", "ASA 25": "KR", "ASA 26": "LA", "ASA 28": "MY", "ASA 31": "NP", "ASA 33": "PK",
        "ASA 35": "PH", "ASA 36": "SG", "ASA 37": "LK", "ASA 39": "TH", "ASA 41": "VN",
        // Europe and Central Asia
        "EUR 21": "FR", "EUR 23": "DE", "EUR 25": "GR", "EUR 27": "HU", "EUR 30": "IT", "EUR 37": "PL", "EUR 41": "ES",
        "EUR 44": "TR", "EUR 45": "GB", "EUR 46": "RU", "EUR 49": "BY", "EUR 50": "UA", "EUR 54": "AM", "EUR 55": "AZ",
        "EUR 56": "GE", "EUR 57": "KZ", "EUR 58": "KG", "EUR 59": "MD", "EUR 60": "TJ", "EUR 61": "TM", "EUR 62": "UZ",
        // The Middle East and North Africa
        "MDE 11": "BH", "MDE 12": "EG", "MDE 13": "IR", "MDE 14": "IQ", "MDE 16": "JO", "MDE 17": "KW", "MDE 18": "LB",
        "MDE 19": "LY", "MDE 20": "OM", "MDE 21": "PS", "MDE 22": "QA", "MDE 23": "SA", "MDE 24": "SY", "MDE 25": "AE",
        "MDE 28": "DZ", "MDE 29": "MA", "MDE 30": "TN", "MDE 31": "YE",
    ]
}
