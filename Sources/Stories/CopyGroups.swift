/// Groups articles that are copies of one text (a wire story under several outlets, a page scraped
/// twice, a re-post with a changed figure), one article at a time: each article added is compared
/// with the articles sharing a band of its MinHash signature (locality-sensitive hashing), and
/// joins the group of every one whose estimated similarity reaches `threshold`. Adding articles
/// never regroups the others; the groups do not depend on the order articles come in.
public struct CopyGroups: Sendable {
    /// Estimated Jaccard similarity of word shingles from which two texts are copies: a copy with a
    /// paragraph dropped and a few words moved keeps about half its shingles.
    public static let defaultThreshold = 0.4
    /// Bands of the signature and rows in each: two texts are compared when one band agrees.
    /// 32 bands of 2 rows find a pair of similarity 0.4 with probability 0.996, of 0.3 with 0.95.
    static let bands = 32
    static let rows = MinHashSignature.count / bands

    public let threshold: Double
    private var signatures: [MinHashSignature] = []
    private var buckets: [[UInt64: [Int32]]] = Array(repeating: [:], count: bands)
    private var parent: [Int32] = []

    public init(threshold: Double = defaultThreshold) {
        self.threshold = threshold
    }

    /// How many articles were added.
    public var count: Int { signatures.count }

    /// Adds an article's signature and returns its number (0, 1, 2… in the order of adding).
    @discardableResult
    public mutating func add(_ signature: MinHashSignature) -> Int {
        let id = Int32(signatures.count)
        signatures.append(signature)
        parent.append(id)
        var compared = Set<Int32>()
        for band in 0..<Self.bands {
            let key = Self.key(of: signature, band: band)
            if let members = buckets[band][key] {
                for other in members where compared.insert(other).inserted {
                    if signature.similarity(to: signatures[Int(other)]) >= threshold { union(id, other) }
                }
            }
            buckets[band][key, default: []].append(id)
        }
        return Int(id)
    }

    /// The group an article belongs to: the number of its group's first article.
    public mutating func group(of id: Int) -> Int { Int(find(Int32(id))) }

    /// The groups of two or more articles, each sorted, in order of their first article.
    public mutating func groups() -> [[Int]] {
        var members: [Int32: [Int]] = [:]
        for id in 0..<signatures.count { members[find(Int32(id)), default: []].append(id) }
        return members.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }

    static func key(of signature: MinHashSignature, band: Int) -> UInt64 {
        var hash = Shingles.fnvOffset ^ UInt64(band)
        for row in 0..<rows { hash = Shingles.mix(hash ^ signature.values[band * rows + row]) }
        return hash
    }

    private mutating func find(_ id: Int32) -> Int32 {
        var root = id
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var node = id
        while parent[Int(node)] != root {
            let next = parent[Int(node)]
            parent[Int(node)] = root
            node = next
        }
        return root
    }

    private mutating func union(_ a: Int32, _ b: Int32) {
        let rootA = find(a)
        let rootB = find(b)
        guard rootA != rootB else { return }
        // The group is named by its first article.
        if rootA < rootB { parent[Int(rootB)] = rootA } else { parent[Int(rootA)] = rootB }
    }
}
