import SequenceModels

/// What one non-blank line of a page looks like to the line model: its size, its shares of
/// stopwords, capitalised words and digits, and the shapes of its wording. Read by hand-written
/// scanners over the line's characters, with no regular expression.
struct LineShape: Equatable {
    /// The line with HTML-like tags replaced by spaces, trimmed.
    var text: Substring
    /// The name of the tag the line opens with (`p`, `h3`), lower case.
    var tag: String?
    var words = 0
    /// Characters (Unicode scalars) of `text`.
    var characters = 0
    /// Share of words that are stopwords.
    var stopShare = 0.0
    /// Share of words holding a letter that start with a capital (or whose second character is one,
    /// after an opening quote or bracket).
    var capitalShare = 0.0
    /// Share of characters that are digits.
    var digitShare = 0.0
    /// Ends as a sentence, maybe followed by closing quotes and a sign-off such as `(ant)`.
    var endsAsSentence = false
    /// Opens with an outlet dateline: `Jakarta, CNN Indonesia --`, `TEMPO.CO, Jakarta -`.
    var hasDateline = false
    /// Hashes of the line's words reduced to lower-case a–z, sorted, each once (for similarity).
    var wordHashes: [UInt64] = []

    /// Title case, no final stop, 4 to 15 words: a link to another article.
    var isLinkLike: Bool { (4...15).contains(words) && !endsAsSentence && capitalShare >= 0.6 }

    /// Reads as running prose.
    var isProse: Bool {
        (words >= 8 && (endsAsSentence || stopShare >= 0.15) && stopShare >= 0.08) || (words >= 15 && stopShare >= 0.1)
    }

    /// The stopwords' hashes (see `wordHashes`), sorted.
    static let stopwords: [UInt64] = Set(
        """
        yang dan di ke dari ini itu untuk dengan pada dalam tidak akan juga adalah oleh karena sebagai \
        atau bahwa telah sudah saat kata ujar menurut ia dia mereka kami kita saya tersebut bisa dapat lebih \
        masih namun tetapi tapi agar supaya jika kalau ada para serta hingga sampai bagi sejak setelah sebelum \
        ketika yakni yaitu pun lagi hal secara menjadi harus belum sangat tak nya seperti antara terhadap \
        kepada bagaimana apa siapa mengatakan menambahkan jelasnya katanya
        """.split(separator: " ").map { word in
            var hash = fnvStart
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* fnvPrime }
            return hash
        }
    ).sorted()

    static func isStopword(_ hash: UInt64) -> Bool {
        var low = 0
        var high = stopwords.count
        while low < high {
            let middle = (low + high) / 2
            if stopwords[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < stopwords.count && stopwords[low] == hash
    }

    static let fnvStart: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return scalar.properties.isWhitespace
    }

    @inline(__always)
    static func isSpace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return Unicode.Scalar(value)!.properties.isWhitespace
    }

    @inline(__always)
    static func isUppercase(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return Unicode.Scalar(value)!.properties.isUppercase
    }

    @inline(__always)
    static func isAlphabetic(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return Unicode.Scalar(value)!.properties.isAlphabetic
    }

    init(_ line: Substring) {
        var text = Self.trimmed(line)
        if text.containsByte(0x3C) {
            let (stripped, tag) = Self.strippingTags(text)
            self.tag = tag
            text = Self.trimmed(Substring(stripped))
        }
        self.text = text
        let measure = { (bytes: UnsafeBufferPointer<UInt8>) in self.measure(bytes) }
        if text.utf8.withContiguousStorageIfAvailable(measure) == nil {
            Array(text.utf8).withUnsafeBufferPointer(measure)
        }
        endsAsSentence = Self.endsAsSentence(text)
        hasDateline = Self.opensWithDateline(text)
    }

    /// Counts characters, digits, words, stopwords and capitalised words in one pass over the
    /// line's UTF-8 bytes, and hashes its words.
    private mutating func measure(_ bytes: UnsafeBufferPointer<UInt8>) {
        var characters = 0
        var digits = 0
        var words = 0
        var stops = 0
        var withLetter = 0
        var capitalised = 0
        // The current word: its first two characters (Unicode scalars), whether it holds an ASCII
        // letter, and the hash of its ASCII letters in lower case.
        var inWord = false
        var position = 0
        var first: UInt32 = 0x20
        var second: UInt32?
        var hasLetter = false
        var hash = Self.fnvStart
        var reducedLength = 0
        var hashes: [UInt64] = []
        hashes.reserveCapacity(bytes.count / 4 + 1)
        func finish() {
            words += 1
            if reducedLength > 0, Self.isStopword(hash) { stops += 1 }
            hashes.append(reducedLength > 0 ? hash : 0)
            if hasLetter {
                withLetter += 1
                if Self.isUppercase(first) || (!Self.isAlphabetic(first) && (second.map(Self.isUppercase) ?? false)) {
                    capitalised += 1
                }
            }
        }
        var i = 0
        let count = bytes.count
        while i < count {
            // A Swift string's bytes are valid UTF-8.
            let lead = bytes[i]
            let value: UInt32
            if lead < 0x80 {
                value = UInt32(lead)
                i += 1
            } else {
                value = Self.scalarBeyondASCII(bytes, at: &i)
            }
            characters += 1
            if value >= 0x30 && value <= 0x39 { digits += 1 }
            if Self.isSpace(value) {
                if inWord { finish() }
                inWord = false
                continue
            }
            if !inWord {
                inWord = true
                position = 0
                first = value
                second = nil
                hasLetter = false
                hash = Self.fnvStart
                reducedLength = 0
            } else if position == 1 {
                second = value
            }
            position += 1
            if (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) {
                hasLetter = true
                hash = (hash ^ UInt64(value | 0x20)) &* Self.fnvPrime
                reducedLength += 1
            }
        }
        if inWord { finish() }
        self.characters = characters
        self.words = words
        stopShare = words > 0 ? Double(stops) / Double(words) : 0
        capitalShare = withLetter > 0 ? Double(capitalised) / Double(withLetter) : 0
        digitShare = Double(digits) / Double(max(1, characters))
        hashes.sort()
        // Each hash once, in place.
        var kept = 0
        for hash in hashes where kept == 0 || hash != hashes[kept - 1] {
            hashes[kept] = hash
            kept += 1
        }
        hashes.removeLast(hashes.count - kept)
        wordHashes = hashes
    }

    /// The Unicode scalar of the multi-byte UTF-8 sequence at `i` (valid UTF-8, as a Swift string's
    /// bytes are), moving `i` past it.
    @inline(__always)
    static func scalarBeyondASCII(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32 {
        let lead = bytes[i]
        if lead < 0xE0 {
            defer { i += 2 }
            return UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        }
        if lead < 0xF0 {
            defer { i += 3 }
            return UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        }
        defer { i += 4 }
        return UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
    }

    static func trimmed(_ line: Substring) -> Substring {
        // Printable ASCII at both ends is no white space.
        if let first = line.utf8.first, let last = line.utf8.last, first.isVisibleASCII, last.isVisibleASCII {
            return line
        }
        var scalars = line.unicodeScalars[...]
        while let first = scalars.first, isSpace(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isSpace(last) { scalars = scalars.dropLast() }
        return Substring(scalars)
    }

    /// The line with every tag (`<p>`, `</h3 class="x">`) replaced by a space, and the first tag's name.
    static func strippingTags(_ text: Substring) -> (String, String?) {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var firstTag: String?
        var i = 0
        func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || (0x30...0x39).contains(b) }
        while i < bytes.count {
            if bytes[i] == 0x3C {
                var j = i + 1
                if j < bytes.count, bytes[j] == 0x2F { j += 1 }
                if j < bytes.count, isLetter(bytes[j]) {
                    let nameStart = j
                    while j < bytes.count, isAlnum(bytes[j]) { j += 1 }
                    let nameEnd = j
                    while j < bytes.count, bytes[j] != 0x3E { j += 1 }
                    if j < bytes.count {
                        if i == 0 {
                            firstTag = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased()
                        }
                        out.append(0x20)
                        i = j + 1
                        continue
                    }
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), firstTag)
    }

    /// `.`, `!` or `?`, then closing quotes or brackets, maybe a sign-off such as `(*)` or `(ant)`.
    static func endsAsSentence(_ text: Substring) -> Bool {
        // Read backwards over the characters (Unicode scalars), from `end`.
        let scalars = text.unicodeScalars
        let start = scalars.startIndex
        func droppingSpaces(_ end: Substring.UnicodeScalarView.Index) -> Substring.UnicodeScalarView.Index {
            var end = end
            while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
            return end
        }
        func endsInStop(_ end: Substring.UnicodeScalarView.Index) -> Bool {
            var end = end
            while end > start, "\"'\u{201D}\u{2019})".unicodeScalars.contains(scalars[scalars.index(before: end)]) {
                end = scalars.index(before: end)
            }
            return end > start && ".!?".unicodeScalars.contains(scalars[scalars.index(before: end)])
        }
        let end = droppingSpaces(scalars.endIndex)
        if endsInStop(end) { return true }
        // A sign-off in parentheses: `(*)` or two to five word characters.
        guard end > start, scalars[scalars.index(before: end)] == ")",
            let open = scalars[start..<end].lastIndex(of: "(")
        else { return false }
        let inside = scalars[scalars.index(after: open)..<scalars.index(before: end)]
        var insideCount = 0
        var isWordLike = true
        for scalar in inside {
            insideCount += 1
            if insideCount > 5 { break }
            if !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_") {
                isWordLike = false
            }
        }
        let isSignOff = inside.elementsEqual(["*"]) || ((2...5).contains(insideCount) && isWordLike)
        guard isSignOff else { return false }
        return endsInStop(droppingSpaces(open))
    }

    // MARK: - Datelines

    /// Opens with an outlet dateline: one to four capitalised words, maybe a comma and up to three
    /// more (`Jakarta, CNN Indonesia`), or a domain (`TEMPO.CO, Jakarta`, `Liputan6.com`); maybe a
    /// bracketed agency (`(ANTARA)`); then one or two dashes and text.
    static func opensWithDateline(_ text: Substring) -> Bool {
        // The dash lies within the bytes read: a hyphen, or the lead byte of an en or em dash.
        guard text.utf8.prefix(160).contains(where: { $0 == 0x2D || $0 == 0xE2 }) else { return false }
        let bytes = Array(text.utf8.prefix(160))
        var ends = Set<Int>()
        capitalisedName(bytes, into: &ends)
        domainName(bytes, upper: true, into: &ends)
        domainName(bytes, upper: false, into: &ends)
        return ends.contains { dashFollows(bytes, at: $0) }
    }

    static func isUpper(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) }
    static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || (0x61...0x7A).contains(b) }
    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    /// Where a run of at least `minimum` bytes of `allowed` starting at `start` may end.
    static func runEnds(_ bytes: [UInt8], from start: Int, minimum: Int, _ allowed: (UInt8) -> Bool) -> [Int] {
        var end = start
        while end < bytes.count, allowed(bytes[end]) { end += 1 }
        return end - start >= minimum ? Array((start + minimum)...end) : []
    }

    /// `[A-Z][A-Za-z.]+( [A-Z][A-Za-z.]+){0,3}(, [A-Za-z0-9.]+( [A-Za-z0-9.]+){0,2})?`
    static func capitalisedName(_ bytes: [UInt8], into ends: inout Set<Int>) {
        let nameByte: (UInt8) -> Bool = { isLetter($0) || $0 == 0x2E }
        let placeByte: (UInt8) -> Bool = { isLetter($0) || isDigit($0) || $0 == 0x2E }
        func word(at start: Int) -> [Int] {
            guard start < bytes.count, isUpper(bytes[start]) else { return [] }
            return runEnds(bytes, from: start + 1, minimum: 1, nameByte)
        }
        var names = Set(word(at: 0))
        var frontier = names
        for _ in 0..<3 {
            var next = Set<Int>()
            for end in frontier where end < bytes.count && bytes[end] == 0x20 { next.formUnion(word(at: end + 1)) }
            names.formUnion(next)
            frontier = next
        }
        ends.formUnion(names)
        for end in names where end + 1 < bytes.count && bytes[end] == 0x2C && bytes[end + 1] == 0x20 {
            var frontier = Set(runEnds(bytes, from: end + 2, minimum: 1, placeByte))
            ends.formUnion(frontier)
            for _ in 0..<2 {
                var next = Set<Int>()
                for end in frontier where end < bytes.count && bytes[end] == 0x20 {
                    next.formUnion(runEnds(bytes, from: end + 1, minimum: 1, placeByte))
                }
                ends.formUnion(next)
                frontier = next
            }
        }
    }

    /// `[A-Z0-9.\-]+\.(COM|CO\.ID|ID|NET|CO)(, [A-Za-z ]+)?`, or its lower-case form without dashes.
    static func domainName(_ bytes: [UInt8], upper: Bool, into ends: inout Set<Int>) {
        let allowed: (UInt8) -> Bool =
            upper
            ? { isUpper($0) || isDigit($0) || $0 == 0x2E || $0 == 0x2D } : { isLetter($0) || isDigit($0) || $0 == 0x2E }
        let endings = (upper ? ["COM", "CO.ID", "ID", "NET", "CO"] : ["com", "co.id", "id", "net", "co"]).map {
            Array($0.utf8)
        }
        var names = Set<Int>()
        for dot in runEnds(bytes, from: 0, minimum: 1, allowed) where dot < bytes.count && bytes[dot] == 0x2E {
            for ending in endings where bytes[(dot + 1)...].starts(with: ending) {
                names.insert(dot + 1 + ending.count)
            }
        }
        ends.formUnion(names)
        for end in names where end + 1 < bytes.count && bytes[end] == 0x2C && bytes[end + 1] == 0x20 {
            ends.formUnion(runEnds(bytes, from: end + 2, minimum: 1) { isLetter($0) || $0 == 0x20 })
        }
    }

    /// `\s*(\([A-Za-z/ ]+\))?\s*[-–—]{1,2}\s+\S` at `start`.
    static func dashFollows(_ bytes: [UInt8], at start: Int) -> Bool {
        func skipSpaces(_ i: Int) -> Int {
            var i = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i
        }
        func dash(at i: Int) -> Int? {
            guard i < bytes.count else { return nil }
            if bytes[i] == 0x2D { return i + 1 }
            if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94
            {
                return i + 3
            }
            return nil
        }
        func dashesAndText(at i: Int) -> Bool {
            guard let one = dash(at: i) else { return false }
            for end in [one, dash(at: one)].compactMap({ $0 }) {
                let text = skipSpaces(end)
                if text > end, text < bytes.count { return true }
            }
            return false
        }
        let afterSpaces = skipSpaces(start)
        if dashesAndText(at: afterSpaces) { return true }
        guard afterSpaces < bytes.count, bytes[afterSpaces] == 0x28 else { return false }
        var close = afterSpaces + 1
        while close < bytes.count, isLetter(bytes[close]) || bytes[close] == 0x2F || bytes[close] == 0x20 { close += 1 }
        guard close > afterSpaces + 1, close < bytes.count, bytes[close] == 0x29 else { return false }
        return dashesAndText(at: skipSpaces(close + 1))
    }
}

/// Evidence about a page's lines from beyond the page (how often the outlet's other pages repeat
/// a line). None is used yet; the line model's features take it when there is some.
public struct PageEvidence: Sendable, Hashable {
    /// For each line of the page (by index), how many other pages of the same outlet hold it.
    public var templateCounts: [Int: Int]

    public init(templateCounts: [Int: Int] = [:]) {
        self.templateCounts = templateCounts
    }
}

/// The line model's features of a page's non-blank lines: indicator features named `name=value`,
/// those of the two lines either side, and the page's shape around the line.
enum LineFeatures {
    static let wordEdges: [Double] = [1, 2, 3, 4, 6, 10, 15, 25, 40]
    static let characterEdges: [Double] = [10, 20, 40, 80, 160, 320]
    static let stopEdges = [0.01, 0.1, 0.2, 0.3]
    static let capitalEdges = [0.2, 0.4, 0.6, 0.8]
    static let digitEdges = [0.01, 0.05, 0.15, 0.3]
    static let distanceEdges: [Double] = [1, 2, 3, 4, 6, 11, 21]
    static let similarityEdges = [0.2, 0.5, 0.9]

    /// The index of the first edge greater than `x`.
    static func bucket(_ x: Double, _ edges: [Double]) -> Int {
        for (i, edge) in edges.enumerated() where x < edge { return i }
        return edges.count
    }

    /// The keys of `name=0` … `name=count-1`.
    static func keys(_ name: String, count: Int) -> [UInt32] {
        (0..<count).map { FeatureKey.key("\(name)=\($0)") }
    }

    static let wordKeys = keys("w", count: 10)
    static let characterKeys = keys("c", count: 7)
    static let stopKeys = keys("stop", count: 5)
    static let capitalKeys = keys("cap", count: 5)
    static let digitKeys = keys("dig", count: 5)
    static let endsKey = FeatureKey.key("ends=1")
    static let datelineKey = FeatureKey.key("dl=1")
    static let linkKey = FeatureKey.key("link=1")
    static let proseKey = FeatureKey.key("prose=1")
    static let biasKey = FeatureKey.key("bias=1")
    static let firstKey = FeatureKey.key("first=1")
    static let lastKey = FeatureKey.key("last=1")
    static let kindKeys = Dictionary(
        uniqueKeysWithValues: LineKind.allCases.map { ($0, FeatureKey.key("k=\($0.rawValue)")) })
    static let runNoneKey = FeatureKey.key("run=none")
    static let runBeforeKey = FeatureKey.key("run=before")
    static let runAfterKey = FeatureKey.key("run=after")
    static let runInKey = FeatureKey.key("run=in")
    static let beforeRunKeys = (0..<8).map { FeatureKey.key("rd=b\($0)") }
    static let afterRunKeys = (0..<8).map { FeatureKey.key("rd=a\($0)") }
    static let insideRunKeys = (0...3).map { a in (0...3).map { b in FeatureKey.key("rd=i\(a)_\(b)") } }
    static let similarityKeys = keys("tsim", count: 4)
    static let templateKeys = keys("to", count: 4)
    static let ledeKeys = keys("lede", count: 4)
    static let repeatKeys = keys("same", count: 3)
    /// The most words of a line whose repeats on the page are counted.
    static let repeatedLineWords = 12
    static let ledeEdges = [0.15, 0.35, 0.6]
    /// `-2:`, `-1:`, `+1:`, `+2:`, combined with a neighbour's own keys.
    static let offsets = [-2, -1, 1, 2]
    static let offsetKeys = offsets.map { FeatureKey.key(String(format: "%+d:", $0)) }
    static let padKeys = offsets.map { FeatureKey.key(String(format: "%+d:pad=1", $0)) }

    /// The densest run of prose among the lines: the run with the largest sum of scores, a prose line
    /// scoring its words and any other line -8 (the first such run; nil when none scores above 0).
    static func densestProseRun(_ shapes: [LineShape]) -> ClosedRange<Int>? {
        var best = 0.0
        var bestRange: ClosedRange<Int>?
        var current = 0.0
        var start = 0
        for (i, shape) in shapes.enumerated() {
            let score = shape.isProse ? Double(shape.words) : -8
            if current <= 0 {
                current = score
                start = i
            } else {
                current += score
            }
            if current > best {
                best = current
                bestRange = start...i
            }
        }
        return bestRange
    }

    /// The words of the lede, as near as the page tells before the model reads it: the words, not
    /// stopwords, of the first three lines of the densest run of prose; sorted, each once.
    static func ledeWords(_ shapes: [LineShape], run: ClosedRange<Int>?) -> [UInt64] {
        ledeWords(shapes, lines: run.map { Array($0.prefix(3)) } ?? [])
    }

    /// The words, not stopwords, of the lines at `lines` (the lede's): sorted, each once.
    static func ledeWords(_ shapes: [LineShape], lines: some Sequence<Int>) -> [UInt64] {
        var words = Set<UInt64>()
        for i in lines {
            for hash in shapes[i].wordHashes where !LineShape.isStopword(hash) { words.insert(hash) }
        }
        return words.sorted()
    }

    /// The share of the line's words, not stopwords, that the lede holds (nil for a line without
    /// such words): a headline and the article's paragraphs share the lede's names and matter.
    static func ledeShare(_ line: [UInt64], lede: [UInt64]) -> Double? {
        var own = 0
        var shared = 0
        var j = 0
        for hash in line where !LineShape.isStopword(hash) {
            own += 1
            while j < lede.count && lede[j] < hash { j += 1 }
            if j < lede.count && lede[j] == hash { shared += 1 }
        }
        return own > 0 ? Double(shared) / Double(own) : nil
    }

    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        var i = 0
        var j = 0
        var common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let union = a.count + b.count - common
        return union > 0 ? Double(common) / Double(union) : 0
    }

    /// The features of each of the lines, given each one's kind by the wording rules.
    static func features(shapes: [LineShape], kinds: [LineKind], evidence: [Int?]? = nil) -> FeatureSequence {
        let count = shapes.count
        let run = densestProseRun(shapes)
        let prose = proseNeighbours(shapes)
        let lede = ledeWords(shapes, run: run)
        // How often each line's text occurs on the page: a label a page repeats (`Catatan Harian
        // Dahlan` over every teaser) is furniture, and so, less surely, is a line said twice.
        // (Lines of a few words: a longer one said twice is a duplicate paragraph, which the rules mark.)
        var textCounts: [Substring: Int] = [:]
        for shape in shapes where shape.words <= repeatedLineWords { textCounts[shape.text, default: 0] += 1 }
        // The features a line lends its neighbours, then its own: line i's are
        // `lent[lentEnds[i - 1]..<lentEnds[i]]` (from 0 for the first line), and alike in `mine`.
        var lent: [UInt32] = []
        lent.reserveCapacity(count * 10)
        var lentEnds: [Int] = []
        lentEnds.reserveCapacity(count)
        var mine: [UInt32] = []
        mine.reserveCapacity(count * 8)
        var mineEnds: [Int] = []
        mineEnds.reserveCapacity(count)
        let kindKeys = kinds.map { Self.kindKeys[$0]! }
        for i in 0..<count {
            let shape = shapes[i]
            lent.append(wordKeys[bucket(Double(shape.words), wordEdges)])
            mine.append(characterKeys[bucket(Double(shape.characters), characterEdges)])
            if shape.words >= 3 {
                lent.append(stopKeys[bucket(shape.stopShare, stopEdges)])
                lent.append(capitalKeys[bucket(shape.capitalShare, capitalEdges)])
            }
            mine.append(digitKeys[bucket(shape.digitShare, digitEdges)])
            if let tag = shape.tag { mine.append(FeatureKey.key("tag=\(tag)")) }
            if shape.endsAsSentence { lent.append(endsKey) }
            if shape.hasDateline { lent.append(datelineKey) }
            if shape.isLinkLike { lent.append(linkKey) }
            if shape.isProse { lent.append(proseKey) }
            lent.append(kindKeys[i])
            if let run {
                if i < run.lowerBound {
                    lent.append(runBeforeKey)
                    mine.append(beforeRunKeys[bucket(Double(run.lowerBound - i), distanceEdges)])
                } else if i > run.upperBound {
                    lent.append(runAfterKey)
                    mine.append(afterRunKeys[bucket(Double(i - run.upperBound), distanceEdges)])
                } else {
                    lent.append(runInKey)
                    mine.append(insideRunKeys[min(i - run.lowerBound, 3)][min(run.upperBound - i, 3)])
                }
            } else {
                lent.append(runNoneKey)
            }
            if let evidence, let seen = evidence[i] { mine.append(templateKeys[min(seen, 3)]) }
            if let run, !run.prefix(3).contains(i), let share = ledeShare(shape.wordHashes, lede: lede) {
                mine.append(ledeKeys[bucket(share, ledeEdges)])
            }
            if shape.words <= repeatedLineWords, let seen = textCounts[shape.text], seen > 1 {
                mine.append(repeatKeys[min(seen - 1, 2)])
            }
            pageFeatures(at: i, shapes: shapes, prose: prose, lent: &lent, own: &mine)
            lentEnds.append(lent.count)
            mineEnds.append(mine.count)
        }
        func lentKeys(_ i: Int) -> ArraySlice<UInt32> { lent[(i == 0 ? 0 : lentEnds[i - 1])..<lentEnds[i]] }
        let candidate = kinds.firstIndex(of: .title)
        var sequence = FeatureSequence()
        var keys: [UInt32] = []
        keys.reserveCapacity(64)
        for i in 0..<count {
            keys.removeAll(keepingCapacity: true)
            keys.append(contentsOf: lentKeys(i))
            keys.append(contentsOf: mine[(i == 0 ? 0 : mineEnds[i - 1])..<mineEnds[i]])
            keys.append(biasKey)
            if let candidate, !shapes[i].wordHashes.isEmpty {
                let similarity = jaccard(shapes[i].wordHashes, shapes[candidate].wordHashes)
                keys.append(similarityKeys[bucket(similarity, similarityEdges)])
            }
            if i == 0 { keys.append(firstKey) }
            if i == count - 1 { keys.append(lastKey) }
            for (o, offset) in offsets.enumerated() {
                let j = i + offset
                if j >= 0 && j < count {
                    for key in lentKeys(j) { keys.append(FeatureKey.key(offsetKeys[o], key)) }
                } else {
                    keys.append(padKeys[o])
                }
            }
            sequence.append(keys)
        }
        return sequence
    }

    // MARK: - The line among the page's lines

    static let positionKeys = keys("pos", count: 10)
    static let capsKey = FeatureKey.key("caps=1")
    static let separatorKey = FeatureKey.key("sep=1")
    static let creditKey = FeatureKey.key("capt=1")
    static let listMarkKey = FeatureKey.key("li=1")
    static let betweenKeys = keys("btw", count: 5)
    static let firstWordKey = FeatureKey.key("w0=")
    static let wholeLineKey = FeatureKey.key("ln=")
    static let runLengthEdges: [Double] = [2, 3, 6, 11]
    /// Marks of a photo's credit or source, lower case.
    static let creditMarks = ["(c)", "\u{A9}", "foto:", "sumber:", "photo", "ilustrasi", "getty"].map { Array($0.utf8) }

    /// Whether the text holds a credit mark, ASCII letters in either case.
    static func containsCreditMark(_ text: some StringProtocol) -> Bool {
        creditMarkTable.lists(in: text) != 0
    }

    /// The credit marks, found with A–Z read as a–z.
    static let creditMarkTable = PhraseTable(
        [creditMarks.map { String(decoding: $0, as: UTF8.self) }], foldingCase: true)

    /// `containsCreditMark` on a lower-cased copy of the text, as it was first written; the tests
    /// hold the in-place reading to it.
    static func containsCreditMarkByCopy(_ text: some StringProtocol) -> Bool {
        var lowered = Array(text.utf8)
        for i in lowered.indices where lowered[i] >= 0x41 && lowered[i] <= 0x5A { lowered[i] |= 0x20 }
        return lowered.withUnsafeBufferPointer { line in
            creditMarks.contains { mark in mark.withUnsafeBufferPointer { String.search($0, in: line) != nil } }
        }
    }

    /// For each line, how far the nearest prose line above and below it lie (nil when none).
    static func proseNeighbours(_ shapes: [LineShape]) -> (above: [Int?], below: [Int?]) {
        var above = [Int?](repeating: nil, count: shapes.count)
        var below = [Int?](repeating: nil, count: shapes.count)
        var last: Int?
        for i in shapes.indices {
            above[i] = last.map { i - $0 }
            if shapes[i].isProse { last = i }
        }
        last = nil
        for i in shapes.indices.reversed() {
            below[i] = last.map { $0 - i }
            if shapes[i].isProse { last = i }
        }
        return (above, below)
    }

    /// The hash of the letters a–z (and spaces, when `spaces`) of `text`, lower-cased, as a feature
    /// key under `prefix`.
    static func lettersKey(_ prefix: UInt32, _ text: Substring, spaces: Bool) -> UInt32 {
        var hash = LineShape.fnvStart
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            if (0x61...0x7A).contains(lower) || (spaces && lower == 0x20) {
                hash = (hash ^ UInt64(lower)) &* LineShape.fnvPrime
            }
        }
        return FeatureKey.key(prefix, UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }

    /// Letters, capital letters (beyond ASCII too), and whether a separator (`|`, `»`, `›`, or `/`
    /// or `>` after a space) occurs: read on the UTF-8 bytes, decoding the characters beyond ASCII.
    static func lettersAndSeparators(_ text: Substring) -> (letters: Int, upper: Int, separator: Bool) {
        let read = { (bytes: UnsafeBufferPointer<UInt8>) in lettersAndSeparators(bytes) }
        return text.utf8.withContiguousStorageIfAvailable(read) ?? Array(text.utf8).withUnsafeBufferPointer(read)
    }

    static func lettersAndSeparators(_ bytes: UnsafeBufferPointer<UInt8>) -> (letters: Int, upper: Int, separator: Bool)
    {
        var letters = 0
        var upper = 0
        var separator = false
        var previous: UInt32 = 0x20
        var i = 0
        let count = bytes.count
        while i < count {
            // A Swift string's bytes are valid UTF-8.
            let lead = bytes[i]
            if lead < 0x80 {
                let value = UInt32(lead)
                i += 1
                if value >= 0x41 && value <= 0x5A {
                    letters += 1
                    upper += 1
                } else if value >= 0x61 && value <= 0x7A {
                    letters += 1
                } else if value == 0x7C || ((value == 0x2F || value == 0x3E) && previous == 0x20) {
                    separator = true
                }
                previous = value
                continue
            }
            let value = LineShape.scalarBeyondASCII(bytes, at: &i)
            if value == 0xBB || value == 0x203A {
                separator = true
            } else if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
            }
            previous = value
        }
        return (letters, upper, separator)
    }

    /// `lettersAndSeparators` read scalar by scalar, as it was first written; the tests hold the
    /// byte reading to it.
    static func lettersAndSeparatorsByScalars(_ text: Substring) -> (letters: Int, upper: Int, separator: Bool) {
        var letters = 0
        var upper = 0
        var separator = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if (0x41...0x5A).contains(value) {
                    letters += 1
                    upper += 1
                } else if (0x61...0x7A).contains(value) {
                    letters += 1
                } else if scalar == "|" || ((scalar == "/" || scalar == ">") && previous == " ") {
                    separator = true
                }
            } else if scalar == "\u{BB}" || scalar == "\u{203A}" {
                separator = true
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
            }
            previous = scalar
        }
        return (letters, upper, separator)
    }

    /// Features of a line in its page beyond its own shape, lent to the neighbours or its own: where
    /// on the page it lies; mostly capitals (a menu, a breadcrumb); separators such as `»` or `|`; a
    /// photo's credit; a list's mark (`1.`, `-`, `•`); a run of short lines between paragraphs (a
    /// list, a line-up) and how long it is; and the words of a short line.
    static func pageFeatures(
        at i: Int, shapes: [LineShape], prose: (above: [Int?], below: [Int?])
    ) -> (lent: [UInt32], own: [UInt32]) {
        var lent: [UInt32] = []
        var own: [UInt32] = []
        pageFeatures(at: i, shapes: shapes, prose: prose, lent: &lent, own: &own)
        return (lent, own)
    }

    /// `pageFeatures(at:shapes:prose:)` appended to the line's features.
    static func pageFeatures(
        at i: Int, shapes: [LineShape], prose: (above: [Int?], below: [Int?]), lent: inout [UInt32],
        own: inout [UInt32]
    ) {
        let shape = shapes[i]
        own.append(positionKeys[min(9, i * 10 / max(1, shapes.count))])
        let (letters, upper, separator) = lettersAndSeparators(shape.text)
        if letters >= 4, upper * 10 >= letters * 8 { lent.append(capsKey) }
        if separator { lent.append(separatorKey) }
        if containsCreditMark(shape.text) { lent.append(creditKey) }
        // The first four characters: digits, then what follows them.
        var digits = 0
        var afterDigits: Unicode.Scalar?
        var firstScalar: Unicode.Scalar?
        for scalar in shape.text.unicodeScalars.prefix(4) {
            if firstScalar == nil { firstScalar = scalar }
            guard (0x30...0x39).contains(scalar.value) else {
                afterDigits = scalar
                break
            }
            digits += 1
        }
        let numbered = digits > 0 && (afterDigits == "." || afterDigits == ")")
        let bulleted = firstScalar.map { "-\u{2022}*\u{B7}\u{2013}".unicodeScalars.contains($0) } ?? false
        if numbered || bulleted { lent.append(listMarkKey) }
        if !shape.isProse, let up = prose.above[i], let down = prose.below[i], up <= 8, down <= 8 {
            own.append(betweenKeys[bucket(Double(up + down - 1), runLengthEdges)])
        }
        if shape.words <= 4, let first = shape.text.split(separator: " ").first {
            own.append(lettersKey(firstWordKey, first, spaces: false))
            if shape.words <= 3 { own.append(lettersKey(wholeLineKey, shape.text, spaces: true)) }
        }
    }
}
