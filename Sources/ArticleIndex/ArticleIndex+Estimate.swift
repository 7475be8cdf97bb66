import GRDB
import Library
import Search

/// How a large match count is estimated: from the matches among the articles of a few runs of
/// days spread over the archive (`article_day` says how many articles each day has).
public struct CountSampling: Sendable {
    /// Parts of the archive, each of about as many articles, from each of which one run of days is
    /// counted.
    public var strata: Int
    /// Articles counted in each part, at least (whole days: a day's articles are not split).
    public var window: Int
    /// Below this many matches among the articles counted, the estimate would be too rough: the
    /// matches are counted instead.
    public var fewestMatches: Int

    /// Estimated only where the articles (as far as the dates allow) are more than this many times
    /// those the sample counts: below, counting every match is about as quick.
    public var archiveShare: Int
    /// Matches counted before a sample is taken: this many or fewer are counted exactly at once.
    public var probe: Int

    public init(
        strata: Int = 12, window: Int = 2048, fewestMatches: Int = 200, archiveShare: Int = 4, probe: Int = 2000
    ) {
        self.strata = strata
        self.window = window
        self.fewestMatches = fewestMatches
        self.archiveShare = archiveShare
        self.probe = probe
    }

    /// Whether `articles` are few enough to count every match: sampling would save no time.
    func countsEveryMatch(among articles: Int) -> Bool {
        articles <= archiveShare * max(1, strata) * window
    }
}

extension ArticleIndex {
    /// How many articles match: counted up to `countingUpTo`, and beyond it estimated from a sample
    /// of days (`CountSampling`), as counting a very common word's matches in a large archive takes
    /// longer than a frame. Counted when the archive is small or the sample holds too few matches.
    public func estimatedMatchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> MatchCount {
        guard query.error == nil, !query.isEmpty else { return MatchCount(0) }
        return try database.read { db in
            let (plan, _) = try self.plan(query, filter: filter, in: db)
            // A small archive: one count of every match, not a bounded count and then the rest.
            if self.countSampling.countsEveryMatch(among: try Self.articleTotal(in: db)) {
                return MatchCount(try Int.fetchOne(db, sql: plan.countSQL(), arguments: plan.arguments) ?? 0)
            }
            // A few matches are counted at once, without a sample.
            let probe = min(self.countingUpTo, self.countSampling.probe)
            let probed = try Int.fetchOne(db, sql: plan.countSQL(upTo: probe + 1), arguments: plan.arguments) ?? 0
            guard probed > probe else { return MatchCount(probed) }
            let days = ArticleIndex.DayRanges(query: query, filter: filter)
            let estimate = try Self.estimate(plan, days: days, sampling: self.countSampling, in: db)
            // A sample far past the bound: the matches are surely more than it, and counting up to
            // it (20,000 rows of a very common word) is left out.
            if let estimate, estimate.surelyExceeds(self.countingUpTo) { return estimate.count }
            let counted =
                probe == self.countingUpTo
                ? probed
                : try Int.fetchOne(db, sql: plan.countSQL(upTo: self.countingUpTo + 1), arguments: plan.arguments) ?? 0
            guard counted > self.countingUpTo else { return MatchCount(counted) }
            if let estimate {
                // The count so far is known exactly: the estimate is at least that.
                return estimate.count.count > counted ? estimate.count : MatchCount(counted, isEstimate: true)
            }
            return MatchCount(try Int.fetchOne(db, sql: plan.countSQL(), arguments: plan.arguments) ?? 0)
        }
    }

    /// A count estimated from a sample of days, and how far above the true count it can be.
    struct SampledCount {
        var estimate: Double
        /// The greatest ratio of a part's articles to its window's: were all of a part's matches in
        /// its window, the estimate would be that many times the true count, and no more.
        var overshoot: Double

        var count: MatchCount { MatchCount.estimate(estimate) }

        /// Whether the true count is above `bound` whatever days its matches fall on.
        func surelyExceeds(_ bound: Int) -> Bool { estimate > Double(bound) * overshoot }
    }

    /// How many articles the index holds, as `article_day` counts them (a table of a row a day).
    static func articleTotal(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(articles), 0) FROM article_day") ?? 0
    }

    /// The matches of the plan estimated from windows of days; nil when the archive (as far as the
    /// query's and filter's dates allow) is too small for sampling to save time, or the windows
    /// hold too few matches to go by.
    static func estimate(_ plan: SearchPlan, days: DayRanges, sampling: CountSampling, in db: Database) throws
        -> SampledCount?
    {
        let buckets = try keptDays(in: db).filter { days.allows(bucket: $0.day) }
        // Counting is as quick while the articles are not many times the sample.
        guard !sampling.countsEveryMatch(among: buckets.reduce(0) { $0 + $1.articles }) else { return nil }
        var estimate = 0.0
        var overshoot = 1.0
        var sampledMatches = 0
        for window in sampleWindows(buckets, sampling: sampling) {
            let matches =
                try Int.fetchOne(
                    db, sql: plan.countSQL(within: window.ids), arguments: plan.arguments(within: window.ids))
                ?? 0
            sampledMatches += matches
            estimate += Double(window.partArticles) * Double(matches) / Double(window.articles)
            overshoot = max(overshoot, Double(window.partArticles) / Double(window.articles))
        }
        guard sampledMatches >= sampling.fewestMatches else { return nil }
        return SampledCount(estimate: estimate, overshoot: overshoot)
    }

    /// The days with articles and how many, in order (`article_day`): read through a cursor, as a
    /// decade is thousands of rows.
    static func keptDays(in db: Database) throws -> [(day: Int64, articles: Int)] {
        var days: [(day: Int64, articles: Int)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT day, articles FROM article_day WHERE articles > 0 ORDER BY day")
        while let row = try rows.next() { days.append((row[0], row[1])) }
        return days
    }

    /// One run of days a sample counts: its ids, its articles, and those of its part of the archive.
    struct SampleWindow: Equatable {
        var ids: Range<Int64>
        var articles: Int
        var partArticles: Int
    }

    /// The runs of days counted for an estimate over `buckets` (days with their articles, in
    /// order): the archive cut into `strata` parts of about as many articles, and from the middle of
    /// each part on, whole days of at least `window` articles.
    static func sampleWindows(_ buckets: [(day: Int64, articles: Int)], sampling: CountSampling) -> [SampleWindow] {
        let total = buckets.reduce(0) { $0 + $1.articles }
        let strata = max(1, sampling.strata)
        var windows: [SampleWindow] = []
        var start = 0
        // Articles of the buckets before `end`.
        var seen = 0
        for stratum in 0..<strata {
            // The buckets of this part: up to the article that ends its share of the total.
            let ends = total * (stratum + 1) / strata
            var end = start
            var articles = 0
            while end < buckets.count && (seen < ends || end == start) {
                seen += buckets[end].articles
                articles += buckets[end].articles
                end += 1
            }
            guard end > start else { break }
            var first = start
            var before = 0
            while first < end - 1 && before + buckets[first].articles <= (articles - sampling.window) / 2 {
                before += buckets[first].articles
                first += 1
            }
            var last = first
            var windowArticles = buckets[first].articles
            while windowArticles < sampling.window && last + 1 < end {
                last += 1
                windowArticles += buckets[last].articles
            }
            let ids =
                ArticleKey.ids(ofBucket: buckets[first].day)
                .lowerBound..<ArticleKey.ids(ofBucket: buckets[last].day)
                .upperBound
            windows.append(SampleWindow(ids: ids, articles: windowArticles, partArticles: articles))
            start = end
        }
        return windows
    }

    /// The days a query and a filter allow, as `article_day` counts them.
    struct DayRanges {
        /// Ids allowed by the dates of the query and the filter; nil allows every id.
        var ids: [Range<Int64>]?

        init(query: SearchQuery, filter: ArticleFilter) {
            var allowed: [Range<Int64>]? = nil
            if let range = ArticleKey.range(fromDay: query.fromDay, toDay: query.toDay) { allowed = [range] }
            if let range = ArticleKey.range(fromDay: filter.fromDay, toDay: filter.toDay) {
                let fromFilter =
                    filter.includeUndated ? [range, ArticleKey.firstUndatedID..<ArticleKey.firstDatedID] : [range]
                allowed =
                    allowed.map { ranges in
                        ranges.flatMap { range in fromFilter.map { range.clamped(to: $0) } }.filter { !$0.isEmpty }
                    } ?? fromFilter
            }
            ids = allowed
        }

        /// Whether the ids of a bucket are allowed (a date range holds whole days).
        func allows(bucket: Int64) -> Bool {
            guard let ids else { return true }
            let bucketIDs = ArticleKey.ids(ofBucket: bucket)
            return ids.contains { $0.lowerBound <= bucketIDs.lowerBound && bucketIDs.upperBound <= $0.upperBound }
        }
    }
}

extension SearchPlan {
    /// The id column its conditions are on.
    var idColumn: String { match == nil ? "a.id" : "m.rowid" }

    /// Counts the matches with ids in `ids` (arguments: `arguments(within:)`).
    func countSQL(within ids: Range<Int64>) -> String {
        var plan = self
        // Only the window's rows of changed and deleted files: SQLite gathers those of the
        // subquery for each statement, and a large archive may have tens of thousands.
        plan.conditions = conditions.map { condition in
            condition == Self.notGhost
                ? "m.rowid NOT IN (SELECT id FROM ghost WHERE id >= \(ids.lowerBound) AND id < \(ids.upperBound))"
                : condition
        }
        plan.conditions.append("\(idColumn) >= ? AND \(idColumn) < ?")
        return plan.countSQL()
    }

    func arguments(within ids: Range<Int64>) -> StatementArguments {
        arguments + [ids.lowerBound, ids.upperBound]
    }
}
