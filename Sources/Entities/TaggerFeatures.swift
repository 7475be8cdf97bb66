/// Hashes of what the tagger looks at in one token, computed once per token.
struct TokenView {
    var exact: UInt64
    var lower: UInt64
    var shape: UInt64
    var prefix2: UInt64
    var prefix3: UInt64
    var suffix2: UInt64
    var suffix3: UInt64
    var suffix4: UInt64
    var length: UInt64
    /// The word's capitalisation bucket in running text (see `CaseProfile`).
    var caseBucket: UInt64
    /// The word's clusters (see `WordClusters`); a value of their own for words never clustered.
    var coarse: UInt64
    var fine: UInt64
    /// The lower-cased word without the punctuation around it (`(MK)`, `"Jokowi`), and its cluster.
    var core: UInt64
    var coreFine: UInt64
    /// The known name the token falls in (see `Gazetteer.matches`); set per sentence.
    var name: UInt64 = 0

    static func fnv(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static let boundaryStart = TokenView(marker: 1)
    static let boundaryEnd = TokenView(marker: 2)

    init(marker: UInt64) {
        let value = Self.fnv([UInt8(marker), 0xFF, 0xFE])
        exact = value
        lower = value
        shape = value
        prefix2 = value
        prefix3 = value
        suffix2 = value
        suffix3 = value
        suffix4 = value
        length = value
        caseBucket = 7 + marker
        coarse = 0x1_0000 + marker
        fine = 0x1_0000 + marker
        coreFine = fine
        core = value
        name = 0x100 + marker
    }

    static func fnv(scalars: some Sequence<Unicode.Scalar>, seed: UInt64) -> UInt64 {
        var hash = seed
        for scalar in scalars {
            var value = scalar.value
            repeat {
                hash ^= UInt64(value & 0xFF)
                hash = hash &* 0x100_0000_01b3
                value >>= 8
            } while value != 0
        }
        return hash
    }

    /// Punctuation that wraps a word: `(MK)`, `"Jokowi`, `Jakarta,`.
    @inline(__always)
    static func isWrapper(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 128 {
            return (v >= 33 && v <= 47) || (v >= 58 && v <= 64) || (v >= 91 && v <= 96) || (v >= 123 && v <= 126)
        }
        switch scalar.properties.generalCategory {
        case .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .dashPunctuation:
            return true
        default:
            return false
        }
    }

    /// The shape mark of one character: X upper case, x lower case, d digit, l a letter without
    /// case; anything else stands for itself (its first byte).
    @inline(__always)
    static func shapeMark(_ scalar: Unicode.Scalar) -> UInt8 {
        let v = scalar.value
        if v < 128 {
            if v >= 65 && v <= 90 { return 0x58 }
            if v >= 97 && v <= 122 { return 0x78 }
            if v >= 48 && v <= 57 { return 0x64 }
            return UInt8(v)
        }
        let properties = scalar.properties
        if properties.isUppercase { return 0x58 }
        if properties.isLowercase { return 0x78 }
        if properties.numericType != nil { return 0x64 }
        if properties.isAlphabetic { return 0x6C }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark { return 0 }
        return UInt8(truncatingIfNeeded: 0xC0 | (v >> 12))
    }

    init(_ token: String, lexicon: borrowing Lexicon) {
        exact = Self.fnv(token.utf8)
        let lowered = token.lowercased()
        caseBucket = UInt64(lexicon.cases.bucket(ofLowered: lowered))
        if let clusters = lexicon.clusters.clusters(ofLowered: lowered) {
            coarse = UInt64(clusters.coarse)
            fine = UInt64(clusters.fine)
        } else {
            coarse = 0xFFFF
            fine = 0xFFFF
        }
        lower = Self.fnv(lowered.utf8)
        let scalars = lowered.unicodeScalars
        var first = scalars.startIndex
        var end = scalars.endIndex
        while first < end, Self.isWrapper(scalars[first]) { first = scalars.index(after: first) }
        while end > first, Self.isWrapper(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if first == end || (first == scalars.startIndex && end == scalars.endIndex) {
            core = lower
            coreFine = fine
        } else {
            let trimmed = String(String.UnicodeScalarView(scalars[first..<end]))
            core = Self.fnv(trimmed.utf8)
            coreFine = lexicon.clusters.clusters(ofLowered: trimmed).map { UInt64($0.fine) } ?? 0xFFFF
        }
        var shapeHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var lastMark: UInt8 = 0
        for scalar in token.unicodeScalars {
            let mark = Self.shapeMark(scalar)
            if mark != 0 && mark != lastMark {
                shapeHash = (shapeHash ^ UInt64(mark)) &* 0x100_0000_01b3
                lastMark = mark
            }
        }
        shape = shapeHash
        prefix2 = Self.fnv(scalars: scalars.prefix(2), seed: 0x51)
        prefix3 = Self.fnv(scalars: scalars.prefix(3), seed: 0x52)
        suffix2 = Self.fnv(scalars: scalars.suffix(2), seed: 0x53)
        suffix3 = Self.fnv(scalars: scalars.suffix(3), seed: 0x54)
        suffix4 = Self.fnv(scalars: scalars.suffix(4), seed: 0x55)
        var count = 0
        for _ in scalars where count < 8 { count += 1 }
        length = UInt64(count)
    }
}

enum TaggerFeatures {
    /// A feature key: the template number and up to three values, hashed to a non-zero 32-bit key.
    @inline(__always)
    static func key(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt32 {
        var h = template &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ a) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 31) ^ b) &* 0x94D0_49BB_1331_11EB
        h = (h ^ (h >> 29) ^ c) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h) | 1
    }

    static let featuresPerToken = 45

    /// Appends every feature key of token `i` to `keys`.
    static func keys(at i: Int, in views: [TokenView], into keys: inout [UInt32]) {
        func view(_ j: Int) -> TokenView {
            j < 0 ? .boundaryStart : (j >= views.count ? .boundaryEnd : views[j])
        }
        wordKeys(views[i], into: &keys)
        placementKeys(views[i], isFirst: i == 0, into: &keys)
        previousKeys(view(i - 1), into: &keys)
        nextKeys(view(i + 1), into: &keys)
        previous2Keys(view(i - 2), into: &keys)
        next2Keys(view(i + 2), into: &keys)
        jointKeys(
            previous2: view(i - 2), previous: view(i - 1), here: views[i], next: view(i + 1), next2: view(i + 2),
            into: &keys)
    }

    // The features in groups by what they look at. The tagger adds up the weights of the first
    // six groups once per word (they are the same wherever the word stands) and looks up the joint
    // ones per position.

    /// The token alone.
    @inline(__always)
    static func wordKeys(_ here: TokenView, into keys: inout [UInt32]) {
        keys.append(key(0, 0))
        keys.append(key(1, here.exact))
        keys.append(key(2, here.lower))
        keys.append(key(3, here.shape))
        keys.append(key(4, here.prefix2))
        keys.append(key(5, here.prefix3))
        keys.append(key(6, here.suffix2))
        keys.append(key(7, here.suffix3))
        keys.append(key(8, here.suffix4))
        keys.append(key(30, here.caseBucket))
        keys.append(key(34, here.fine))
        keys.append(key(35, here.coarse, here.shape))
        keys.append(key(41, here.core, here.shape))
        keys.append(key(42, here.coreFine, here.shape))
    }

    /// The token, and whether it starts its sentence.
    @inline(__always)
    static func placementKeys(_ here: TokenView, isFirst: Bool, into keys: inout [UInt32]) {
        let first: UInt64 = isFirst ? 1 : 0
        keys.append(key(19, first, here.shape))
        keys.append(key(23, here.shape, here.length, first))
        keys.append(key(31, here.caseBucket, here.shape, first))
        keys.append(key(40, here.fine, here.shape, first))
    }

    /// The word before the token.
    @inline(__always)
    static func previousKeys(_ previous: TokenView, into keys: inout [UInt32]) {
        keys.append(key(9, previous.lower))
        keys.append(key(17, previous.exact))
        keys.append(key(36, previous.fine))
    }

    /// The word after the token.
    @inline(__always)
    static func nextKeys(_ next: TokenView, into keys: inout [UInt32]) {
        keys.append(key(10, next.lower))
        keys.append(key(18, next.exact))
        keys.append(key(37, next.fine))
    }

    /// The word two before.
    @inline(__always)
    static func previous2Keys(_ previous2: TokenView, into keys: inout [UInt32]) {
        keys.append(key(11, previous2.lower))
    }

    /// The word two after.
    @inline(__always)
    static func next2Keys(_ next2: TokenView, into keys: inout [UInt32]) {
        keys.append(key(12, next2.lower))
    }

    /// The token with its neighbours, and the names around it.
    @inline(__always)
    static func jointKeys(
        previous2: TokenView, previous: TokenView, here: TokenView, next: TokenView, next2: TokenView,
        into keys: inout [UInt32]
    ) {
        keys.append(key(13, previous.shape, here.shape))
        keys.append(key(14, here.shape, next.shape))
        keys.append(key(15, previous.lower, here.lower))
        keys.append(key(16, here.lower, next.lower))
        keys.append(key(20, previous.shape, here.shape, next.shape))
        keys.append(key(21, previous.lower, here.shape))
        keys.append(key(22, here.shape, next.lower))
        keys.append(key(24, previous2.lower, previous.lower))
        keys.append(key(25, next.lower, next2.lower))
        keys.append(key(26, previous.suffix3, here.shape))
        keys.append(key(27, next.suffix3, here.shape))
        keys.append(key(28, previous2.lower, previous.lower, here.shape))
        keys.append(key(29, here.shape, next.lower, next2.lower))
        keys.append(key(32, previous.caseBucket, here.caseBucket))
        keys.append(key(33, here.caseBucket, next.caseBucket))
        keys.append(key(38, previous.coarse, here.coarse))
        keys.append(key(39, here.coarse, next.coarse))
        keys.append(key(43, here.name))
        keys.append(key(44, previous.name, here.name, next.name))
    }

    /// Keys per token while training: every feature twice, once shared by all training sets and
    /// once for the sentence's own kind of text (see `TaggerTrainer.train`). The model folds the
    /// news copies into the shared keys, so tagging news looks up `featuresPerToken` keys.
    static let keysPerToken = 2 * featuresPerToken

    /// The copy of a feature key that only sentences of `domain` have.
    @inline(__always)
    static func domainKey(_ key: UInt32, domain: UInt64 = newsDomain) -> UInt32 {
        Self.key(0xD0_0000 + domain, UInt64(key))
    }

    /// The kind of text kabar reads, news; training sets of other kinds get other numbers.
    static let newsDomain: UInt64 = 0

    /// The feature keys of every token of a sentence, `keysPerToken` per token: the shared keys, then
    /// the same features keyed to `domain`.
    static func keys(for tokens: [String], lexicon: Lexicon, domain: UInt64 = newsDomain) -> [UInt32] {
        var views = tokens.map { TokenView($0, lexicon: lexicon) }
        for (i, name) in lexicon.names.matches(in: tokens).enumerated() { views[i].name = name }
        var keys: [UInt32] = []
        keys.reserveCapacity(tokens.count * keysPerToken)
        for i in tokens.indices {
            let start = keys.count
            Self.keys(at: i, in: views, into: &keys)
            for j in start..<keys.count { keys.append(domainKey(keys[j], domain: domain)) }
        }
        return keys
    }
}
