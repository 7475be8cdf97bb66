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
    }

    init(_ token: String, profile: CaseProfile) {
        exact = Self.fnv(token.utf8)
        let lowered = token.lowercased()
        caseBucket = UInt64(profile.bucket(ofLowered: lowered))
        lower = Self.fnv(lowered.utf8)
        var shapeBytes: [UInt8] = []
        for character in token {
            let mark: UInt8
            if character.isUppercase {
                mark = 0x58  // X
            } else if character.isLowercase {
                mark = 0x78  // x
            } else if character.isNumber {
                mark = 0x64  // d
            } else if character.isLetter {
                mark = 0x6C  // l: a letter without case
            } else {
                mark = character.utf8.first ?? 0x3F
            }
            if shapeBytes.last != mark { shapeBytes.append(mark) }
        }
        shape = Self.fnv(shapeBytes)
        let characters = Array(lowered)
        func affix(_ slice: ArraySlice<Character>, _ tag: UInt8) -> UInt64 {
            Self.fnv(String(slice).utf8, seed: Self.fnv([tag]))
        }
        prefix2 = affix(characters.prefix(2), 1)
        prefix3 = affix(characters.prefix(3), 2)
        suffix2 = affix(characters.suffix(2), 3)
        suffix3 = affix(characters.suffix(3), 4)
        suffix4 = affix(characters.suffix(4), 5)
        length = UInt64(min(characters.count, 8))
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

    static let featuresPerToken = 34

    /// Appends the feature keys of token `i` to `keys`.
    static func keys(at i: Int, in views: [TokenView], into keys: inout [UInt32]) {
        func view(_ j: Int) -> TokenView {
            j < 0 ? .boundaryStart : (j >= views.count ? .boundaryEnd : views[j])
        }
        let here = views[i]
        let previous = view(i - 1)
        let next = view(i + 1)
        let previous2 = view(i - 2)
        let next2 = view(i + 2)
        let isFirst: UInt64 = i == 0 ? 1 : 0
        keys.append(key(0, 0))
        keys.append(key(1, here.exact))
        keys.append(key(2, here.lower))
        keys.append(key(3, here.shape))
        keys.append(key(4, here.prefix2))
        keys.append(key(5, here.prefix3))
        keys.append(key(6, here.suffix2))
        keys.append(key(7, here.suffix3))
        keys.append(key(8, here.suffix4))
        keys.append(key(9, previous.lower))
        keys.append(key(10, next.lower))
        keys.append(key(11, previous2.lower))
        keys.append(key(12, next2.lower))
        keys.append(key(13, previous.shape, here.shape))
        keys.append(key(14, here.shape, next.shape))
        keys.append(key(15, previous.lower, here.lower))
        keys.append(key(16, here.lower, next.lower))
        keys.append(key(17, previous.exact))
        keys.append(key(18, next.exact))
        keys.append(key(19, isFirst, here.shape))
        keys.append(key(20, previous.shape, here.shape, next.shape))
        keys.append(key(21, previous.lower, here.shape))
        keys.append(key(22, here.shape, next.lower))
        keys.append(key(23, here.shape, here.length, isFirst))
        keys.append(key(24, previous2.lower, previous.lower))
        keys.append(key(25, next.lower, next2.lower))
        keys.append(key(26, previous.suffix3, here.shape))
        keys.append(key(27, next.suffix3, here.shape))
        keys.append(key(28, previous2.lower, previous.lower, here.shape))
        keys.append(key(29, here.shape, next.lower, next2.lower))
        keys.append(key(30, here.caseBucket))
        keys.append(key(31, here.caseBucket, here.shape, isFirst))
        keys.append(key(32, previous.caseBucket, here.caseBucket))
        keys.append(key(33, here.caseBucket, next.caseBucket))
    }

    /// The feature keys of every token of a sentence, `featuresPerToken` per token.
    static func keys(for tokens: [String], profile: CaseProfile) -> [UInt32] {
        let views = tokens.map { TokenView($0, profile: profile) }
        var keys: [UInt32] = []
        keys.reserveCapacity(tokens.count * featuresPerToken)
        for i in tokens.indices { Self.keys(at: i, in: views, into: &keys) }
        return keys
    }
}
