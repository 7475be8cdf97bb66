import Foundation

/// Groups articles into stories, one article at a time (online clustering): each new article joins
/// the story whose articles of the few days around it it resembles most on average, when that
/// average reaches `threshold`, or starts a story of its own. An average over the story's
/// articles, not the best single match, keeps one article from chaining two stories together.
///
/// Articles come in order of publication, those already grouped with their story (they stay in
/// it) and the new ones without; only a window of days around the article being placed is kept
/// in memory, so grouping a large archive takes memory for a few days of it.
///
/// Words are weighed by how rare they are in those days as well as in news at large (`tuned`):
/// the subject of the week's many reports (a bill, a trial, a disaster) is shared by reports of
/// many different happenings, and tells less of which one an article reports than of its subject.
public struct StoryGrouper: Sendable {
    /// Minutes around an article within which its story's other articles are looked for.
    public static let defaultWindow: Int64 = 5 * 24 * 60
    /// Least mean similarity to a story's articles for an article to join it.
    public static let defaultThreshold: Float = 0.325
    /// What sharing a rare title word with every article of a story adds to the similarity.
    static let anchorWeight: Float = 0.15
    /// Stories an article is weighed against at most: those whose articles share most of its
    /// leading words.
    static let weighedStories = 8
    /// A story's articles an article is compared with at most: those nearest it in time.
    static let comparedMembers = 20

    public let window: Int64
    public let threshold: Float

    struct Item {
        var id: Int64
        var minute: Int64
        var features: StoryFeatures
        var story: Int64
    }

    /// How many of the articles in memory (those of the days around the articles being placed,
    /// grouped or waiting) have each word among their words, and how many there are.
    private var documentCounts = WordTable<Int32>(minimumCapacity: 16384)
    private var documentTotal = 0
    /// Articles of the days around that were not added (see `around(unread:from:)`).
    private var unread = 0
    /// The reference rarity the stored weights were made with.
    let rarity: WordRarity
    /// Articles of news at large that count beside those in memory, each using a word as often as
    /// the reference says: a word is common in the days around an article only once enough of
    /// them use it (five reports that all name Putin do not make his name a common word).
    static let referenceArticles: Float = 100

    /// The articles in memory by key: `slots[key - firstKey]`, nil once forgotten.
    private var slots: [Item?] = []
    private var firstKey = 0
    private var kept = 0
    private var postings: [UInt32: [Int]] = [:]
    private var members: [Int64: [Int]] = [:]
    private var nextKey = 0
    private var pending: [(id: Int64, minute: Int64, features: StoryFeatures)] = []
    private var pendingStart = 0
    private var lastMinute = Int64.min
    private var addedSinceCompaction = 0
    /// How many articles the last compaction kept.
    private var keptAtCompaction = 0

    /// The story each new article was placed in, in the order they were placed (as the story
    /// was then named: see `merged`).
    public private(set) var placed: [(article: Int64, story: Int64)] = []
    /// Stories joined into another, in order: an article as like two stories as an article of
    /// either shows them to be one.
    public private(set) var merged: [(story: Int64, into: Int64)] = []

    /// The story a story was joined into, or itself.
    public func current(_ story: Int64) -> Int64 {
        var story = story
        while let next = mergedInto[story] { story = next }
        return story
    }

    private var mergedInto: [Int64: Int64] = [:]

    /// The placings (`placed`), each with the story it ends up in (`current`), handed over: the
    /// grouper keeps none, so that a first build's million pairs are not held twice.
    public mutating func takePlacings() -> [(article: Int64, story: Int64)] {
        var taken: [(article: Int64, story: Int64)] = []
        swap(&taken, &placed)
        for index in taken.indices { taken[index].story = current(taken[index].story) }
        return taken
    }

    public init(window: Int64 = defaultWindow, threshold: Float = defaultThreshold, rarity: WordRarity = .standard) {
        self.window = window
        self.threshold = threshold
        self.rarity = rarity
    }

    /// Counts an article's words in (1) or out (-1) of those in memory.
    private mutating func count(_ features: StoryFeatures, _ change: Int32) {
        documentTotal += Int(change)
        for word in features.words { documentCounts.add(change, to: word) }
    }

    /// The features with each word weighed by its rarity in the articles in memory (the days
    /// around the article) or in news at large, whichever is less: `ln((n + K) / (d + K·p))`
    /// for `d` of the `n` articles in memory using the word and `K` reference articles of which a
    /// share `p` do (`referenceArticles`), against the reference's `ln(1 / p)`. A word every
    /// report of the week uses (`RKUHP` the week a bill is debated) weighs less; the rarest
    /// names stay as rare as the reference has them.
    func tuned(_ features: StoryFeatures) -> StoryFeatures {
        var tuned = features
        let total = Float(documentTotal + unread) + Self.referenceArticles
        for (index, word) in features.words.enumerated() {
            let known = rarity.rarity(of: word)
            let reference = known.weight
            guard reference > 0 else { continue }
            let using = Float(documentCounts[word] ?? 0) + Self.referenceArticles * known.share
            let local = max(0, log(total / using))
            tuned.weights[index] *= min(reference, local) / reference
        }
        let norm = tuned.weights.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for index in tuned.weights.indices { tuned.weights[index] /= norm } }
        return tuned
    }

    /// Adds an article published at `minute` (any steady count of minutes); `story` is its story
    /// when it already has one, nil to place it. Articles must come in order of `minute`.
    public mutating func add(id: Int64, minute: Int64, features: StoryFeatures, story: Int64? = nil) {
        precondition(minute >= lastMinute, "articles must come in order of publication")
        lastMinute = minute
        // Articles waiting to be placed whose window has now fully arrived.
        placeWaiting(before: minute)
        count(features, 1)
        if let story {
            // Its story as it is now: one joined into another since it was stored lives on only
            // as that other (else it would be a story again, and joining the two both ways would
            // make `current` go round for ever).
            insert(Item(id: id, minute: minute, features: tuned(features), story: current(story)))
        } else {
            pending.append((id, minute, features))
        }
    }

    /// Says that from `minute` on, until told again, the days around the articles come with
    /// `count` more articles than are added: those a caller leaves out because they share no
    /// leading word with the articles to place (they cannot be joined), but which count among
    /// the articles of those days when a word's rarity there is reckoned. Articles waiting to be
    /// placed before `minute` are placed first, with the count as it was.
    public mutating func around(unread count: Int, from minute: Int64) {
        precondition(minute >= lastMinute, "articles must come in order of publication")
        lastMinute = minute
        placeWaiting(before: minute)
        unread = max(0, count)
    }

    /// Places the articles waiting whose window has fully arrived by `minute`.
    private mutating func placeWaiting(before minute: Int64) {
        while pendingStart < pending.count && pending[pendingStart].minute + window < minute {
            placeNext()
        }
    }

    /// Places the articles still waiting; call once every article has been added.
    public mutating func finish() {
        while pendingStart < pending.count { placeNext() }
    }

    private mutating func placeNext() {
        let next = pending[pendingStart]
        pendingStart += 1
        if pendingStart > 1024 && pendingStart * 2 > pending.count {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        let features = tuned(next.features)
        let matches = stories(for: features, at: next.minute)
        let story = matches.first ?? next.id
        // The article is as like the other stories it matches: they are one story with it, unless
        // their articles tell of different days or figures.
        for other in matches.dropFirst() where compatible(other, story) { merge(other, into: story) }
        placed.append((next.id, story))
        insert(Item(id: next.id, minute: next.minute, features: features, story: story))
    }

    /// Whether no article of one story tells of other days or other figures than one of the other's.
    private func compatible(_ one: Int64, _ other: Int64) -> Bool {
        let first = (members[one] ?? []).compactMap(item)
        let second = (members[other] ?? []).compactMap(item)
        return !first.contains { a in second.contains { a.features.tellsOfOtherHappening(than: $0.features) } }
    }

    private mutating func merge(_ story: Int64, into target: Int64) {
        guard story != target, let keys = members.removeValue(forKey: story) else { return }
        for key in keys { slots[key - firstKey]?.story = target }
        members[target, default: []] += keys
        mergedInto[story] = target
        merged.append((story, target))
    }

    /// The stories the article resembles enough, best first.
    func stories(for features: StoryFeatures, at minute: Int64) -> [Int64] {
        let range = (minute - window)...(minute + window)
        // Stories by the most of the article's leading words one of their articles shares (not
        // the sum over their articles, which would put a large story sharing only common words
        // before the article's own); the best few are weighed.
        var shared: [Int: Int] = [:]
        for word in features.leadingWords {
            for key in postings[word] ?? [] { shared[key, default: 0] += 1 }
        }
        var hits: [Int64: Int] = [:]
        for (key, count) in shared {
            if let item = item(key), range.contains(item.minute) {
                hits[item.story] = max(hits[item.story] ?? 0, count)
            }
        }
        let candidates = hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.weighedStories).map(\.key)
        var matches: [(story: Int64, score: Float)] = []
        for story in candidates {
            var near = (members[story] ?? []).compactMap(item).filter { range.contains($0.minute) }
            if near.count > Self.comparedMembers {
                near.sort { abs($0.minute - minute) < abs($1.minute - minute) }
                near.removeLast(near.count - Self.comparedMembers)
            }
            guard !near.isEmpty, !near.contains(where: { $0.features.tellsOfOtherHappening(than: features) }) else {
                continue
            }
            let similarity =
                near.reduce(Float(0)) { $0 + $1.features.similarity(to: features) } / Float(near.count)
            let anchored = Float(near.count { $0.features.sharesAnchor(with: features) }) / Float(near.count)
            let score = similarity + Self.anchorWeight * anchored
            if score >= threshold { matches.append((story, score)) }
        }
        return matches.sorted { $0.score != $1.score ? $0.score > $1.score : $0.story < $1.story }.map(\.story)
    }

    private mutating func insert(_ item: Item) {
        let key = nextKey
        nextKey += 1
        slots.append(item)
        kept += 1
        for word in item.features.leadingWords { postings[word, default: []].append(key) }
        members[item.story, default: []].append(key)
        addedSinceCompaction += 1
        // Amortised: the articles kept are gone through once for as many added. (Against those the
        // last compaction kept: the count kept now includes every one added since, and never falls
        // behind them.)
        if addedSinceCompaction >= max(4096, keptAtCompaction) { compact() }
    }

    /// How many articles are held in memory now.
    public var keptCount: Int { kept }

    private func item(_ key: Int) -> Item? { key >= firstKey ? slots[key - firstKey] : nil }

    /// Forgets the articles too old to matter to any article still to come.
    private mutating func compact() {
        addedSinceCompaction = 0
        let oldest = pendingStart < pending.count ? min(pending[pendingStart].minute, lastMinute) : lastMinute
        let cutoff = oldest - window
        var gone = Set<Int>()
        for (offset, slot) in slots.enumerated() {
            if let slot, slot.minute < cutoff {
                gone.insert(firstKey + offset)
                slots[offset] = nil
                count(slot.features, -1)
            }
        }
        kept -= gone.count
        keptAtCompaction = kept
        // Words no article in memory uses any more.
        documentCounts = documentCounts.filter { $0 > 0 }
        guard !gone.isEmpty else { return }
        // Forgotten articles at the front give their slots back.
        let dropped = slots.prefix { $0 == nil }.count
        slots.removeFirst(dropped)
        firstKey += dropped
        postings = postings.compactMapValues { keys in
            let kept = keys.filter { !gone.contains($0) }
            return kept.isEmpty ? nil : kept
        }
        members = members.compactMapValues { keys in
            let kept = keys.filter { !gone.contains($0) }
            return kept.isEmpty ? nil : kept
        }
    }
}
