import Articles
import Library

extension ArticleFilter {
    /// True when an article with this outlet and date passes the filter.
    public func admits(outlet articleOutlet: String?, published: PublishedDate?) -> Bool {
        if withoutOutlet {
            if articleOutlet != nil { return false }
        } else if let outlet, articleOutlet != outlet {
            return false
        }
        if let outletPrefix, !(articleOutlet ?? "").lowercased().hasPrefix(outletPrefix.lowercased()) { return false }
        if hasDateRange {
            guard let day = published?.isoDay else { return includeUndated }
            if let fromDay, day < fromDay { return false }
            if let toDay, day > toDay { return false }
        }
        return true
    }

    /// True when the article passes the filter, its file included.
    public func admits(_ summary: ArticleSummary) -> Bool {
        if let paths, !paths.contains(summary.path) { return false }
        return admits(outlet: summary.outlet, published: summary.published)
    }
}
