/// Finds dates written the ways news pages write them, in Indonesian or English.
struct DateScanner {
    /// A date found in a line, with how much of the line is something other than the date.
    struct Match {
        var date: PublishedDate
        /// Words in the line that are neither part of a date nor date vocabulary.
        var otherWords: Int
        /// True when the line calls the date an update rather than the publication.
        var isUpdateStamp: Bool
    }

    enum Token: Equatable {
        case number(String)
        case word(String)  // lower-cased
        case symbol(Character)
    }

    static let months: [String: Int] = [
        "januari": 1, "jan": 1, "january": 1,
        "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
        "maret": 3, "mar": 3, "march": 3,
        "april": 4, "apr": 4,
        "mei": 5, "may": 5,
        "juni": 6, "jun": 6, "june": 6,
        "juli": 7, "jul": 7, "july": 7,
        "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
        "september": 9, "sep": 9, "sept": 9,
        "oktober": 10, "okt": 10, "oct": 10, "october": 10,
        "november": 11, "nov": 11, "nopember": 11,
        "desember": 12, "des": 12, "dec": 12, "december": 12,
    ]

    /// Words that may stand beside a date on a date line.
    static let vocabulary: Set<String> = weekdays.union([
        "jum", "at", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "wib", "wita", "wit", "gmt", "utc", "pukul", "jam", "t", "z",
        "diperbarui", "diterbitkan", "dipublikasikan", "tayang", "terbit", "dibuat", "published",
        "updated", "update", "last", "posted", "on", "pada", "tanggal", "tgl", "am", "pm",
    ])

    /// The days of the week, written out.
    static let weekdays: Set<String> = [
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday",
    ]

    static let updateWords: Set<String> = ["diperbarui", "updated", "update", "last"]

    static func tokens(of line: some StringProtocol) -> [Token] {
        line.isASCIIText ? asciiTokens(of: line) : characterTokens(of: line)
    }

    /// `tokens(of:)` read character by character.
    static func characterTokens(of line: some StringProtocol) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var currentKind = 0  // 0 none, 1 digits, 2 letters
        func flush() {
            if currentKind == 1 { tokens.append(.number(current)) }
            if currentKind == 2 { tokens.append(.word(current.lowercased())) }
            current = ""
            currentKind = 0
        }
        for character in line {
            if character.isASCII && character.isNumber {
                if currentKind != 1 { flush() }
                currentKind = 1
                current.append(character)
            } else if character.isLetter {
                if currentKind != 2 { flush() }
                currentKind = 2
                current.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(.symbol(character)) }
            }
        }
        flush()
        return tokens
    }

    /// `tokens(of:)` for ASCII text, read from its bytes: the same tokens.
    static func asciiTokens(of line: some StringProtocol) -> [Token] {
        var tokens: [Token] = []
        var current: [UInt8] = []
        var currentKind = 0  // 0 none, 1 digits, 2 letters
        func flush() {
            if currentKind == 1 { tokens.append(.number(String(decoding: current, as: UTF8.self))) }
            if currentKind == 2 { tokens.append(.word(String(decoding: current, as: UTF8.self))) }
            current.removeAll(keepingCapacity: true)
            currentKind = 0
        }
        for byte in line.utf8 {
            switch byte {
            case 0x30...0x39:
                if currentKind != 1 { flush() }
                currentKind = 1
                current.append(byte)
            case 0x41...0x5A, 0x61...0x7A:
                if currentKind != 2 { flush() }
                currentKind = 2
                current.append(byte | 0x20)
            case 0x09...0x0D, 0x20:
                flush()
            default:
                flush()
                tokens.append(.symbol(Character(Unicode.Scalar(byte))))
            }
        }
        flush()
        return tokens
    }

    /// The first date in the line, if any.
    static func firstMatch(in line: some StringProtocol) -> Match? {
        // Every date holds a number, and numbers are ASCII digits.
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let tokens = tokens(of: line)
        var consumed = Set<Int>()
        var found: PublishedDate?
        var index = 0
        while index < tokens.count {
            if let (date, end) = date(in: tokens, at: index) {
                var result = date
                var last = end
                if let (hour, minute, timeEnd) = time(in: tokens, at: end) {
                    result.hour = hour
                    result.minute = minute
                    last = timeEnd
                }
                for i in index..<last { consumed.insert(i) }
                if found == nil {
                    found = result
                }
                index = last
                continue
            }
            index += 1
        }
        guard let found else { return nil }
        var otherWords = 0
        let firstDateToken = consumed.min() ?? 0
        var isUpdate = false
        for (i, token) in tokens.enumerated() where !consumed.contains(i) {
            switch token {
            case .word(let word):
                if i < firstDateToken && updateWords.contains(word) { isUpdate = true }
                if !vocabulary.contains(word) && months[word] == nil { otherWords += 1 }
            case .number:
                otherWords += 1
            case .symbol:
                break
            }
        }
        return Match(date: found, otherWords: otherWords, isUpdateStamp: isUpdate)
    }

    private static func number(_ tokens: [Token], _ i: Int) -> (String, Int)? {
        guard i < tokens.count, case .number(let text) = tokens[i], let value = Int(text) else { return nil }
        return (text, value)
    }

    private static func month(_ tokens: [Token], _ i: Int) -> Int? {
        guard i < tokens.count, case .word(let word) = tokens[i] else { return nil }
        return months[word]
    }

    private static func isSymbol(_ tokens: [Token], _ i: Int, _ allowed: Set<Character>) -> Bool {
        guard i < tokens.count, case .symbol(let c) = tokens[i] else { return false }
        return allowed.contains(c)
    }

    /// A date starting at token `i`; returns it with the index just past it.
    static func date(in tokens: [Token], at i: Int) -> (PublishedDate, Int)? {
        // 25 Juni 2024, 25 Jun. 2024, 25-Jun-2024
        if let (dayText, day) = number(tokens, i), dayText.count <= 2 {
            var j = i + 1
            if isSymbol(tokens, j, ["-", "."]) { j += 1 }
            if let month = month(tokens, j) {
                j += 1
                if isSymbol(tokens, j, [".", ",", "-"]) { j += 1 }
                if let (yearText, year) = number(tokens, j), yearText.count == 4 {
                    let date = PublishedDate(year: year, month: month, day: day)
                    if date.isValid { return (date, j + 1) }
                }
            }
            // 14/07/2016 or 14-07-2016
            if isSymbol(tokens, i + 1, ["/", "-", "."]), let (_, month) = number(tokens, i + 2),
                isSymbol(tokens, i + 3, ["/", "-", "."]), let (yearText, year) = number(tokens, i + 4),
                yearText.count == 4
            {
                let date = PublishedDate(year: year, month: month, day: day)
                if date.isValid { return (date, i + 5) }
            }
        }
        // 2024-06-20 or 2024/06/20
        if let (yearText, year) = number(tokens, i), yearText.count == 4,
            isSymbol(tokens, i + 1, ["-", "/"]), let (_, month) = number(tokens, i + 2),
            isSymbol(tokens, i + 3, ["-", "/"]), let (_, day) = number(tokens, i + 4)
        {
            let date = PublishedDate(year: year, month: month, day: day)
            if date.isValid { return (date, i + 5) }
        }
        // June 20, 2024
        if let month = month(tokens, i), let (dayText, day) = number(tokens, i + 1), dayText.count <= 2 {
            var j = i + 2
            if isSymbol(tokens, j, [","]) { j += 1 }
            if let (yearText, year) = number(tokens, j), yearText.count == 4 {
                let date = PublishedDate(year: year, month: month, day: day)
                if date.isValid { return (date, j + 1) }
            }
        }
        return nil
    }

    /// A time of day (`14:40`, `18.06`, `pukul 10:21`) at or just after token `i`.
    static func time(in tokens: [Token], at start: Int) -> (Int, Int, Int)? {
        var i = start
        var skipped = 0
        while i < tokens.count, skipped < 3 {
            switch tokens[i] {
            case .symbol(let c) where [",", "|", "-", "–", "—", "/", "(", "•", "·"].contains(c):
                i += 1
                skipped += 1
                continue
            case .word(let w) where w == "pukul" || w == "jam" || w == "t" || w == "at":
                i += 1
                skipped += 1
                continue
            default:
                break
            }
            break
        }
        guard let (hourText, hour) = number(tokens, i), hourText.count <= 2,
            isSymbol(tokens, i + 1, [":", "."]), let (minuteText, minute) = number(tokens, i + 2),
            minuteText.count == 2, (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        var end = i + 3
        // Seconds, if any.
        if isSymbol(tokens, end, [":"]), let (secondText, _) = number(tokens, end + 1), secondText.count == 2 {
            end += 2
        }
        return (hour, minute, end)
    }
}

extension PublishedDate {
    /// The latest date a text mentions with its weekday (`Rabu (19/6/2024)`, `Selasa, 18 Juni
    /// 2024`: how news dates what it reports), else the latest it mentions at all, its time left
    /// aside: an undated article was most likely written on or soon after it. A date without its
    /// weekday is as often one still to come (`GIIAS 2025 pada 24 Juli-3 Agustus 2025`). Years
    /// before 1990 are left out (history, not news).
    public static func latestMentioned(in text: String) -> PublishedDate? {
        var latest: PublishedDate?
        var latestWithWeekday: PublishedDate?
        for line in text.split(separator: "\n") where line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            let tokens = DateScanner.tokens(of: line)
            var index = 0
            while index < tokens.count {
                if let (date, end) = DateScanner.date(in: tokens, at: index) {
                    let day = PublishedDate(year: date.year, month: date.month, day: date.day)
                    if day.isValid, day.year >= 1990 {
                        if latest.map({ day > $0 }) ?? true { latest = day }
                        if DateScanner.followsWeekday(tokens, index), latestWithWeekday.map({ day > $0 }) ?? true {
                            latestWithWeekday = day
                        }
                    }
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return latestWithWeekday ?? latest
    }
}

extension DateScanner {
    /// Whether the date at `index` follows a weekday's name, across a comma or an opening bracket.
    static func followsWeekday(_ tokens: [Token], _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0, before >= index - 2, case .symbol = tokens[before] { before -= 1 }
        guard before >= 0, case .word(let word) = tokens[before] else { return false }
        return weekdays.contains(word)
    }
}
