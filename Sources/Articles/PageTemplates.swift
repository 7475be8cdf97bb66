/// What the pages of one group (an outlet's, or a folder's when no outlet is found) say about their
/// lines: how many pages the group has, and on how many of them each line occurs.
///
/// A line that recurs on many pages of one outlet is page furniture: menus, footers, widget labels,
/// section names. Lines are compared by a 64-bit hash of their normalised text (see
/// `PageTemplates.normalized(_:)`), stable across runs, so the evidence of a whole store fits in a
/// table. A page's own repeated line counts once.
public struct PageTemplates: Hashable, Sendable {
    /// Pages in the group.
    public private(set) var pageCount: Int
    /// Per line hash, the number of the group's pages on which the line occurs.
    public private(set) var pagesByLine: [UInt64: Int]

    /// Increase when the normaliser or the hash changes: stored evidence of another version is
    /// gathered again.
    public static let version = 1

    /// A line must recur on at least this share of the group's pages to be taken as furniture.
    public static let furnitureShare = 0.5
    /// …and on at least this many pages.
    public static let furnitureMinimumPages = 3

    public init(pageCount: Int = 0, pagesByLine: [UInt64: Int] = [:]) {
        self.pageCount = pageCount
        self.pagesByLine = pagesByLine
    }

    /// Counts one more page, given the distinct hashes of its lines (`PageLook.lineHashes`).
    public mutating func add(pageWithLineHashes hashes: some Sequence<UInt64>) {
        pageCount += 1
        for hash in Set(hashes) { pagesByLine[hash, default: 0] += 1 }
    }

    /// Counts one more page, given its lines.
    public mutating func add(pageWithLines lines: some Sequence<some StringProtocol>) {
        add(pageWithLineHashes: lines.compactMap(Self.hash(of:)))
    }

    /// Forgets a page counted before with the same hashes.
    public mutating func remove(pageWithLineHashes hashes: some Sequence<UInt64>) {
        pageCount = max(0, pageCount - 1)
        for hash in Set(hashes) {
            let left = (pagesByLine[hash] ?? 0) - 1
            pagesByLine[hash] = left > 0 ? left : nil
        }
    }

    /// On how many of the group's pages the line occurs (0 for a line too short to count).
    public func pages(containing line: some StringProtocol) -> Int {
        Self.hash(of: line).map { pages(containingHash: $0) } ?? 0
    }

    public func pages(containingHash hash: UInt64) -> Int { pagesByLine[hash] ?? 0 }

    /// The share of the group's pages on which the line occurs, from 0 to 1.
    public func share(of line: some StringProtocol) -> Double {
        pageCount == 0 ? 0 : Double(pages(containing: line)) / Double(pageCount)
    }

    /// Whether the line recurs often enough in the group to be page furniture when it does not read
    /// as prose: on at least half of the pages, and on three or more.
    public func isRecurring(_ line: some StringProtocol) -> Bool {
        let pages = pages(containing: line)
        return pages >= Self.furnitureMinimumPages && Double(pages) >= Self.furnitureShare * Double(pageCount)
    }

    // MARK: - Normalised lines

    /// A line as lines are compared across pages: lower case (ASCII and Latin-1 letters), every
    /// digit `0`, runs of white space and invisible marks one space, trimmed; nil when fewer than
    /// two characters remain.
    public static func normalized(_ line: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        let characters = normalize(line) { bytes.append($0) }
        return characters >= 2 ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// The distinct hashes of a text's lines, as `ArticleExtractor.look(_:path:)` counts them: the
    /// only lines whose counts reading the text asks for.
    public static func lineHashes(of text: String) -> Set<UInt64> {
        Set(text.linesQuickly().compactMap { hash(of: $0) })
    }

    /// The FNV-1a hash of the normalised line; nil when it is too short to count.
    public static func hash(of line: some StringProtocol) -> UInt64? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let characters = normalize(line) { byte in
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return characters >= 2 ? hash : nil
    }

    /// Hands the bytes of the normalised line to `emit`; returns how many characters it has.
    @inline(__always)
    static func normalize(_ line: some StringProtocol, emit: (UInt8) -> Void) -> Int {
        if let count = line.utf8.withContiguousStorageIfAvailable({ normalize(bytes: $0, emit: emit) }) {
            return count
        }
        return Array(line.utf8).withUnsafeBufferPointer { normalize(bytes: $0, emit: emit) }
    }

    @inline(__always)
    static func normalize(bytes utf8: UnsafeBufferPointer<UInt8>, emit: (UInt8) -> Void) -> Int {
        var pendingSpace = false
        var characters = 0
        var i = 0
        let count = utf8.count
        while i < count {
            let byte = utf8[i]
            // What the byte (with the one to three after it) becomes: a byte to write, a space, or
            // (for a Latin-1 capital) two bytes.
            var out = byte
            var second: UInt8 = 0
            var length = 1
            var isSpace = false
            if byte < 0x80 {
                if byte >= 0x41 && byte <= 0x5A {
                    out = byte | 0x20
                } else if byte >= 0x30 && byte <= 0x39 {
                    out = 0x30
                } else if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    isSpace = true
                }
            } else if byte == 0xC2, i + 1 < count, utf8[i + 1] == 0xA0 || utf8[i + 1] == 0x85 {
                // No-break space, next line.
                isSpace = true
                length = 2
            } else if byte == 0xC3, i + 1 < count, utf8[i + 1] >= 0x80, utf8[i + 1] <= 0x9E, utf8[i + 1] != 0x97 {
                // Latin-1 capitals À–Þ (but ×), lower-cased.
                second = utf8[i + 1] | 0x20
                length = 2
            } else if i + 2 < count {
                // The spaces of U+2000–U+200A, zero-width space and joiners, direction marks, line and
                // paragraph separators, narrow no-break space, word joiner, ideographic space, BOM.
                let (b1, b2) = (utf8[i + 1], utf8[i + 2])
                if (byte == 0xE2 && b1 == 0x80 && (b2 <= 0x8F || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
                    || (byte == 0xE2 && b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0))
                    || (byte == 0xE3 && b1 == 0x80 && b2 == 0x80) || (byte == 0xEF && b1 == 0xBB && b2 == 0xBF)
                {
                    isSpace = true
                    length = 3
                }
            }
            i += length
            if isSpace {
                pendingSpace = characters > 0
                continue
            }
            if pendingSpace {
                emit(0x20)
                characters += 1
                pendingSpace = false
            }
            emit(out)
            if second != 0 { emit(second) }
            if out & 0xC0 != 0x80 { characters += 1 }
        }
        return characters
    }
}

/// What a first, cheap look at a page finds for the store-wide templates: the group whose evidence
/// the page counts in, and the distinct hashes of its lines.
public struct PageLook: Hashable, Sendable {
    /// The outlet that the rules find for the page (`kompas.com`), else its folder as `/` and the
    /// folder's path (`/` alone for the store's root).
    public var group: String
    /// Distinct hashes of the page's lines (`PageTemplates.hash(of:)`), sorted.
    public var lineHashes: [UInt64]

    public init(group: String, lineHashes: [UInt64]) {
        self.group = group
        self.lineHashes = lineHashes
    }

    /// The group of a page with no outlet: its folder, `/` and the path of the folder holding it.
    public static func folderGroup(ofPath path: String?) -> String {
        guard let path, let slash = path.lastIndex(of: "/") else { return "/" }
        let folder = path[..<slash]
        return folder.hasPrefix("/") ? String(folder) : "/" + folder
    }
}
